import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import Testing

/// Issue 24 in the dashboard: `/review` shows the review the CLI writes, and
/// `/api/v1/report.xlsx` is `kizashi report --format xlsx` as a download. The test server's
/// today is 2026-09-30 (JST).
@Suite("Review page and workbook download")
struct ReviewPageTests {
    /// The texts of every table cell, in order (the page's cells carry classes, the file's styles).
    static func cells(_ html: String) -> [String] {
        let regex = /<td[^>]*>([^<]*)<\/td>/
        return html.matches(of: regex).map { String($0.1) }
    }

    @Test("/api/v1/report.xlsx is byte for byte the workbook `kizashi report --format xlsx` writes")
    func workbookDownload() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let out = URL(fileURLWithPath: w.path).deletingLastPathComponent().appendingPathComponent("review.xlsx").path
        let (status, _, err) = try CLI.run([
            "report", "--db", w.path, "--period", "2026Q3", "--lang", "ja", "--format", "xlsx", "--out", out,
        ])
        #expect(status == 0, "\(err)")
        let file = try Data(contentsOf: URL(fileURLWithPath: out))
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            let r = try await client.execute(
                uri: "/api/v1/report.xlsx?period=2026Q3&lang=ja", method: .get, headers: b.headers)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            // The period's first and last days name the file; nothing from the query does.
            #expect(
                r.headers[.contentDisposition] == "attachment; filename=\"kizashi-review-2026-07-01-2026-09-30.xlsx\"")
            let bytes = Data(r.body.readableBytesView)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // "PK\3\4": a zip
            #expect(bytes == file)
            for bad in ["period=2026Q5", "period=last-yearxxxxxxxxxxxxxxxxx", "lang=fr", "tier=0", "as_of=2026-10-01"] {
                let r = try await client.execute(uri: "/api/v1/report.xlsx?\(bad)", method: .get, headers: b.headers)
                #expect(r.status == .badRequest, "\(bad)")
            }
        }
        try await w.test { client in
            let r = try await client.execute(uri: "/api/v1/report.xlsx", method: .get, headers: [:])
            #expect(r.status == .unauthorized)
        }
    }

    @Test("/review shows the CLI's review (every figure, in order) with the downloads, in Japanese and English")
    func page() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for (lang, title, nav) in [
                ("ja", "ABM 振り返り 2026-07-01〜2026-09-30", "振り返り"),
                ("en", "ABM review 2026-07-01 – 2026-09-30", "Review"),
            ] {
                let (status, cli, err) = try CLI.run([
                    "digest", "--db", w.path, "--format", "html", "--period", "2026Q3", "--as-of", "2026-09-30",
                    "--lang", lang,
                ])
                #expect(status == 0, "\(err)")
                var headers = b.headers
                headers[.acceptLanguage] = lang
                let r = try await client.execute(
                    uri: "/review?period=2026Q3&lang=\(lang)", method: .get, headers: headers)
                #expect(r.status == .ok)
                let page = String(buffer: r.body)
                #expect(page.contains(title), "\(lang)")
                #expect(page.contains(">\(nav)</a>"), "\(lang): the navigation names the page")
                #expect(page.contains("<option value=\"2026Q3\" selected>2026Q3</option>"))
                #expect(page.contains("href=\"/api/v1/report.xlsx?period=2026Q3&amp;lang=\(lang)\""))
                let pageCells = Self.cells(page), fileCells = Self.cells(cli)
                #expect(fileCells.count > 20)
                #expect(pageCells == fileCells, "\(lang): the page's figures are the CLI's")
                // The page uses the dashboard's styles, not the file's inline ones.
                #expect(!page.contains("border-bottom:1px solid #ddd"))
            }
            let week = try await client.execute(uri: "/review", method: .get, headers: b.headers)
            #expect(week.status == .ok)
            #expect(String(buffer: week.body).contains("2026-09-23"), "last week: 09-23 … 09-29")
            let bad = try await client.execute(uri: "/review?period=2026Q9", method: .get, headers: b.headers)
            #expect(bad.status == .badRequest)
        }
    }
}
