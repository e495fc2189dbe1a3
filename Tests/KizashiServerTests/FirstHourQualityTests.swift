import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 28 §10 and §1: the data-quality page pages its sections; a KPI target from the API is bounded.
@Suite("Data-quality paging and bounded targets")
struct FirstHourQualityTests {
    /// 120 target companies with a name and a domain only, two by two on the same domain. Hand count
    /// for 2026Q3, 25 rows a page: each lacks industry, employees and region (3 × 120 = 360 incomplete
    /// rows: 14 full pages and a 15th of 360 − 14 × 25 = 10); none is verified (120 stale rows: 4 full
    /// pages and a 5th of 20); 60 duplicate groups (2 full pages and a 3rd of 10).
    static func workspace() async throws -> TestWorkspace {
        let w = try await TestWorkspace.make(importFixture: false)
        let companies = (0..<120).map { i in
            Company(id: "Q\(1000 + i)", name: "品質テスト\(i)", domain: "d\(i / 2).example.jp")
        }
        let added = Day(iso: "2026-04-01")!
        try await w.store.transaction { tx in
            try await tx.upsert(companies: companies)
            try await tx.upsert(
                targets: companies.map { TargetMembership(companyId: $0.id, tier: .two, addedOn: added) })
        }
        await w.services.changed()
        return w
    }

    static func section(_ html: String, _ name: String) -> String {
        guard let start = html.range(of: "id=\"quality-\(name)\"") else { return "" }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test("each section shows 25 rows a page with its own pager; hostile page numbers read as the first or last page")
    func paging() async throws {
        let w = try await Self.workspace()
        defer { Task { await w.close() } }
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            var ja = viewer.headers
            ja[.acceptLanguage] = "ja"
            func page(_ query: String) async throws -> String {
                let r = try await client.execute(uri: "/quality?period=2026Q3\(query)", method: .get, headers: ja)
                #expect(r.status == .ok, "\(query)")
                return String(buffer: r.body)
            }
            let first = try await page("")
            let incomplete = Self.section(first, "incomplete")
            #expect(incomplete.contains("(360)"))
            #expect(Self.count("<tr><td>", in: incomplete) == 25)
            #expect(incomplete.contains("1 / 15 ページ"))
            #expect(incomplete.contains("href=\"/quality?period=2026Q3&amp;page_incomplete=2#quality-incomplete\""))
            #expect(Self.section(first, "stale").contains("1 / 5 ページ"))
            let duplicates = Self.section(first, "duplicates")
            #expect(Self.count("<span class=\"tag\">ドメイン</span>", in: duplicates) == 25)
            #expect(duplicates.contains("1 / 3 ページ") && !duplicates.contains("domain<"))

            // The last pages: 10 incomplete rows and 10 duplicate groups; the stale section stays on page 1.
            let last = try await page("&page_incomplete=15&page_duplicates=3")
            #expect(Self.count("<tr><td>", in: Self.section(last, "incomplete")) == 10)
            #expect(Self.section(last, "incomplete").contains("15 / 15 ページ"))
            #expect(Self.count("<span class=\"tag\">", in: Self.section(last, "duplicates")) == 10)
            // Moving the stale section keeps the pages of the others in its links.
            #expect(last.contains("page_incomplete=15&amp;page_stale=2&amp;page_duplicates=3#quality-stale"))

            for hostile in ["abc", "-5", "0", "%EF%BC%92"] {
                let p = try await page("&page_incomplete=\(hostile)")
                #expect(Self.section(p, "incomplete").contains("1 / 15 ページ"), "\(hostile)")
            }
            let huge = try await page("&page_incomplete=99999999999999999999999999&page_stale=9223372036854775807")
            #expect(Self.section(huge, "incomplete").contains("15 / 15 ページ"))
            #expect(Self.count("<tr><td>", in: Self.section(huge, "stale")) == 20)  // 120 − 4 × 25
        }
    }

    @Test("a KPI target over the bound is refused by the API (a page would have stopped on it); the overview renders")
    func boundedGoal() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (token, _) = try await w.services.access.createToken(name: "e", role: .editor, now: TestWorkspace.now)
        let h: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/goals", method: .put, headers: h,
                body: ByteBuffer(string: "{\"kpi\":\"pipeline_created\",\"period\":\"2026Q3\",\"value\":1e300}"))
            #expect(r.status == .badRequest)
            #expect(String(buffer: r.body).contains("too large"))
            let ok = try await client.execute(
                uri: "/api/v1/goals", method: .put, headers: h,
                body: ByteBuffer(string: "{\"kpi\":\"engaged_rate\",\"period\":\"2026Q3\",\"value\":0.4}"))
            #expect(ok.status == .ok)
        }
        #expect(try await w.store.goals().map(\.value) == [0.4])
        // A target stored before the bound (written straight to the store) still renders.
        try await w.store.transaction { tx in
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: KPIPeriod(label: "2026Q3")!, value: 1e300))
        }
        await w.services.changed()
        try await w.test { client in
            let viewer = try await Browser.login(client, role: .viewer)
            let r = try await client.execute(uri: "/?period=2026Q3", method: .get, headers: viewer.headers)
            #expect(r.status == .ok)
        }
    }
}
