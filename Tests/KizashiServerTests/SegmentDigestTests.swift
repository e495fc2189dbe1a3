import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// A review of one saved segment (issue 26 §4: a segment scopes digests), on the hand-worked
/// package as of 2026-09-30 (the test clock's day).
///
/// Targets active on 09-30: C1 (tier 1, 1,200 employees), C3 (tier 2, employees "約300", not a
/// number) and C5 (tier 3, 800); `kizashi now` ranks C1, C3, C5. Segment 大手 = `employees>=500`
/// holds C1 and C5 (C3's count cannot be compared), so its review's list is C1, C5: the team's
/// ranking with C3 left out, in the same order. The KPIs stay the team's.
@Suite("A saved segment's review")
struct SegmentDigestTests {
    static func ids(_ json: [String: Any]) -> [String] {
        ((json["approach_now"] as? [String: Any])?["accounts"] as? [[String: Any]] ?? []).compactMap {
            $0["company_id"] as? String
        }
    }

    @Test("API and CLI: ?segment= / --segment keeps the segment's members; the team's KPIs; unknown → 404 / exit 1")
    func scoped() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        _ = try await SegmentService(store: w.store, data: w.services.data).create(name: "大手", rule: "employees>=500")
        let viewer = try await w.bearer(.viewer)
        try await w.test { client in
            func get(_ query: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/digest?period=2026Q3&as_of=2026-09-30&lang=en" + query, method: .get,
                    headers: viewer)
            }
            let team = try #require(
                try JSONSerialization.jsonObject(with: Data(String(buffer: try await get("").body).utf8))
                    as? [String: Any])
            #expect(Self.ids(team) == ["C1", "C3", "C5"])
            #expect(team["segment"] is NSNull)
            let scoped = try await get("&segment=%E5%A4%A7%E6%89%8B")
            #expect(scoped.status == .ok)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(String(buffer: scoped.body).utf8)) as? [String: Any])
            #expect(Self.ids(json) == ["C1", "C5"])
            #expect(json["segment"] as? String == "大手")
            // The KPIs are the team's, figure for figure.
            #expect((json["kpis"] as? NSArray) == (team["kpis"] as? NSArray))
            #expect(try await get("&segment=nope").status == .notFound)
            #expect(try await get("&segment=a%2Fb").status == .notFound)
            #expect(try await get("&segment=").status == .ok)
        }
        let (status, markdown, _) = try CLI.run([
            "digest", "--db", w.path, "--period", "2026Q3", "--as-of", "2026-09-30", "--segment", "大手", "--lang", "ja",
        ])
        #expect(status == 0)
        #expect(markdown.hasPrefix("# ABM 振り返り 2026-07-01〜2026-09-30 — セグメント「大手」\n"))
        let (bad, _, err) = try CLI.run([
            "digest", "--db", w.path, "--period", "2026Q3", "--as-of", "2026-09-30", "--segment", "無い",
        ])
        #expect(bad != 0 && err.contains("no segment is named \"無い\""))
    }
}
