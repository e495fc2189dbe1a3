import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import Testing

/// Printing the overview and accounts pages (issue 24 §2): the served stylesheet's print rules, and
/// the self-contained documents `kizashi report --format pdf` hands to Chromium.
@Suite("Printable pages")
struct PrintablePageTests {
    /// The `@media print{…}` block of the stylesheet (to the end: it is the last rule).
    static func printBlock(_ css: String) -> Substring? {
        css.range(of: "@media print{").map { css[$0.lowerBound...] }
    }

    @Test("the stylesheet served at /static/app.css prints A4 landscape without navigation, colours kept")
    func printRulesServed() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let r = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(r.status == .ok)
            let css = String(buffer: r.body)
            let block = try #require(Self.printBlock(css))
            #expect(block.hasPrefix("@media print{@page{size:A4 landscape;margin:10mm}"))
            // Hidden when printing: the header, every nav (main menu, pager), the setup checklist,
            // post forms, buttons.
            let hidden = try #require(block.split(separator: "\n").first { $0.contains("display:none!important") })
            let selectors = Set(hidden.prefix { $0 != "{" }.split(separator: ",").map(String.init))
            for s in ["header.top", "nav", "#setup", "form[method=post]", "button", "a.button", ".pager"] {
                #expect(selectors.contains(s), "\(s) is not hidden in print")
            }
            #expect(block.contains("print-color-adjust:exact"))
            // Charts and KPI cards are not split across pages; table rows are not cut.
            #expect(block.contains("svg,figure") && block.contains(".card,") && block.contains("break-inside:avoid"))
            #expect(block.contains("tr,th,td{break-inside:avoid"))
        }
    }

    @Test("the overview as a document: stylesheet inlined, no script or menu, charts and the period kept")
    func overviewDocument() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let html = try await ServerPageRenderer().html(
            .overview, period: KPIPeriod(label: "2026Q3")!, tier: nil, language: .ja, services: w.services)
        #expect(html.hasPrefix("<!doctype html><html lang=\"ja\">"))
        #expect(html.contains("<style>") && html.contains("@media print{@page{size:A4 landscape"))
        #expect(!html.contains("<script") && !html.contains("/static/app.css"))
        // Chromium prints it from a file without a sandbox: it may load and run nothing.
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            ))
        #expect(!html.contains("<nav aria-label=\"main\"") && !html.contains("action=\"/logout\""))
        #expect(!html.contains("action=\"/initiatives\""))  // no signed-in editor, no form
        #expect(html.contains("<h1>概要</h1>"))
        #expect(html.contains("<svg"))  // the funnel and trend charts are inline SVG
        #expect(html.contains("2026年"))  // the period picker's summary names the quarter
    }

    @Test("the accounts page lists the targets on the period's last day; a tier narrows it")
    func accountsDocument() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        // targets.csv of the hand-worked fixture (removed_on is the first day off the list):
        // on 2026-09-30 (Q3's last day, and "today") C1 (tier 1), C3 (2), C5 (3) and C6 (3, added
        // that day) are targets; C2 left that day, C7 joins on 10-01. On 2026-06-30 (Q2's last
        // day): C1, C2 and C3; C5's second spell starts 08-01, C6 is not yet on the list.
        func names(_ html: String) -> [String] {
            ["アルファ", "ベータ", "ガンマ", "Delta", "イプシロン", "Zeta"].filter { html.contains($0) }
        }
        let q3 = try await ServerPageRenderer().html(
            .accounts, period: KPIPeriod(label: "2026Q3")!, tier: nil, language: .en, services: w.services)
        #expect(q3.contains("<h1>Target accounts</h1>") && q3.contains("<table>") && !q3.contains("<script"))
        #expect(names(q3) == ["アルファ", "ガンマ", "Delta", "イプシロン"])
        let tier3 = try await ServerPageRenderer().html(
            .accounts, period: KPIPeriod(label: "2026Q3")!, tier: .three, language: .en, services: w.services)
        #expect(names(tier3) == ["Delta", "イプシロン"])
        let q2 = try await ServerPageRenderer().html(
            .accounts, period: KPIPeriod(label: "2026Q2")!, tier: nil, language: .en, services: w.services)
        #expect(names(q2) == ["アルファ", "ベータ", "ガンマ"])
    }

    /// Records what it was asked to print.
    actor RecordingPrinter: PagePrinter {
        var printed: [(html: String, path: String)] = []
        func printPDF(html: String, to path: String) async throws { printed.append((html, path)) }
    }

    @Test("printPDF hands the rendered document and the path to the printer")
    func printsThroughThePrinter() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let printer = RecordingPrinter()
        try await ServerPageRenderer().printPDF(
            .overview, period: KPIPeriod(label: "2026Q3")!, tier: .one, language: .en, store: w.services.store,
            printer: printer,
            to: "/tmp/review.pdf")
        let printed = await printer.printed
        #expect(printed.count == 1 && printed.first?.path == "/tmp/review.pdf")
        #expect(printed.first?.html.contains("<h1>Overview</h1>") == true)
        #expect(printed.first?.html.contains("<html lang=\"en\">") == true)
    }
}
