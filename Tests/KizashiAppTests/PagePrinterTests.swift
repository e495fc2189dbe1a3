import Foundation
import KizashiApp
import Testing

/// Printing a page to PDF with headless Chromium (issue 24 §2): finding Chromium, saying clearly
/// when it is missing, a hung browser stopped, and a real PDF when Chromium is installed.
@Suite("Page printer (PDF)")
struct PagePrinterTests {
    /// Pages of a PDF written by Chromium (Skia): one `/Type /Page` object per page, not `/Pages`.
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
    }

    /// The installed Chromium, or nil (the tests that need one then check nothing more).
    static var installed: ChromiumPagePrinter? {
        try? ChromiumPagePrinter.locate(explicit: nil, searchPath: ProcessInfo.processInfo.environment["PATH"])
    }

    static func script(_ dir: String, _ name: String, _ body: String, executable: Bool = true) throws -> String {
        let path = dir + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        return path
    }

    @Test("--chromium naming no executable fails with what to do; nothing on PATH says the same")
    func missing() throws {
        #expect {
            _ = try ChromiumPagePrinter.locate(explicit: "/nonexistent", searchPath: "/usr/bin")
        } throws: { e in
            let text = "\(e)"
            return text.contains("/nonexistent") && text.contains("PDF needs Chromium: install it or use --format xlsx")
        }
        let empty = Fixture.temporaryDirectory()
        #expect(throws: PagePrintError(PagePrintError.chromiumMissing)) {
            _ = try ChromiumPagePrinter.locate(explicit: nil, searchPath: empty)
        }
        #expect(throws: PagePrintError(PagePrintError.chromiumMissing)) {
            _ = try ChromiumPagePrinter.locate(explicit: nil, searchPath: nil)
        }
    }

    @Test("PATH search: chromium before chromium-browser before google-chrome; files that are not executable skipped")
    func pathSearch() throws {
        let a = Fixture.temporaryDirectory(), b = Fixture.temporaryDirectory()
        _ = try Self.script(a, "google-chrome", "exit 0")
        _ = try Self.script(a, "chromium", "exit 0", executable: false)
        let browser = try Self.script(b, "chromium-browser", "exit 0")
        #expect(try ChromiumPagePrinter.locate(explicit: nil, searchPath: "\(a):\(b)").executable == browser)
        #expect(try ChromiumPagePrinter.locate(explicit: nil, searchPath: a).executable == a + "/google-chrome")
    }

    @Test("a browser that writes nothing, or hangs past the timeout, fails and leaves --out alone")
    func failingBrowser() async throws {
        let dir = Fixture.temporaryDirectory()
        let out = dir + "/review.pdf"
        try Data("previous".utf8).write(to: URL(fileURLWithPath: out))
        let silent = ChromiumPagePrinter(executable: try Self.script(dir, "quiet", "echo 'no display' >&2; exit 3"))
        await #expect {
            try await silent.printPDF(html: "<p>x</p>", to: out)
        } throws: { e in
            "\(e)".contains("wrote no PDF (exit status 3)") && "\(e)".contains("no display")
        }
        let hung = ChromiumPagePrinter(
            executable: try Self.script(dir, "hung", "exec sleep 30"), timeout: .milliseconds(500))
        // The timeout path (not the 30 s script ending by itself): its own error. No wall-clock
        // bound here: the whole suite shares 2 cores, so elapsed time proves nothing.
        await #expect {
            try await hung.printPDF(html: "<p>x</p>", to: out)
        } throws: { e in "\(e)".contains("did not finish printing") }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous")
    }

    @Test("with Chromium installed: a real PDF, A4 landscape, one page per forced page break plus one")
    func realChromium() async throws {
        guard let printer = Self.installed else { return }
        let out = Fixture.temporaryDirectory() + "/three.pdf"
        let html = """
            <!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4 landscape;margin:10mm}
            section{break-before:page}</style></head><body><p>概要</p><section>2</section><section>3</section></body></html>
            """
        try await printer.printPDF(html: html, to: out)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(Self.pageCount(pdf) == 3)  // the first page, then two sections each starting a page
        // A4 landscape: 297 mm × 210 mm = 841.9 × 595.3 pt (1 pt = 25.4/72 mm), wider than high.
        let text = String(decoding: pdf, as: UTF8.self)
        let box = try #require(text.range(of: "/MediaBox [0 0 ").map { text[$0.upperBound...].prefix(30) })
        let size = box.split(separator: "]")[0].split(separator: " ").compactMap { Double($0) }
        #expect(size.count == 2 && abs(size[0] - 841.9) < 1 && abs(size[1] - 595.3) < 1, "\(box)")
    }
}
