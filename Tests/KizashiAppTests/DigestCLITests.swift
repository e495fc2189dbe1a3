import Foundation
import KizashiCore
import Testing

/// `kizashi digest` as a user runs it, against `kizashi kpi` and `kizashi now` on the same workspace.
@Suite("Digest CLI", .serialized)
struct DigestCLITests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try PlainJSON.parse(text) as? [String: Any])
    }

    /// Each KPI value of the digest's JSON against `kpi --format json` of the same period.
    static func expectKPIs(_ digest: [String: Any], field: String, equal kpiJSON: String) throws {
        let expected = try #require(try object(kpiJSON)["kpis"] as? [String: Any])
        let rows = try #require(digest["kpis"] as? [[String: Any]])
        #expect(rows.count == expected.count)
        for r in rows {
            let key = try #require(r["key"] as? String)
            let diffs = PlainJSON.differences(expected: expected[key] as Any, actual: r[field] as Any)
            #expect(diffs.isEmpty, "\(field) \(key): \(diffs)")
        }
    }

    @Test("JSON: the numbers `kpi` prints for the period and the previous one, the list `now` prints")
    func jsonAgainstKPIAndNow() throws {
        let db = try CLITests.workspace()
        #expect(try CLI.run(["target", "set", "sql_count", "4", "--period", "2026Q3", "--db", db]).0 == 0)
        let (status, out, err) = try CLI.run([
            "digest", "--db", db, "--period", "2026Q3", "--as-of", "2026-10-01", "--format", "json", "--lang", "en",
        ])
        #expect(status == 0, "\(err)")
        let digest = try Self.object(out)
        let q3 = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"]).1
        let q2 = try CLI.run(["kpi", "--db", db, "--period", "2026Q2", "--format", "json"]).1
        try Self.expectKPIs(digest, field: "value", equal: q3)
        try Self.expectKPIs(digest, field: "previous", equal: q2)
        let sql = (digest["kpis"] as? [[String: Any]])?.first { $0["key"] as? String == "sql_count" }
        #expect(sql?["target"] as? Double == 4 && sql?["attainment"] as? Double == 0.5)
        let now = try Self.object(
            try CLI.run(["now", "--db", db, "--as-of", "2026-10-01", "--limit", "10", "--format", "json"]).1)
        let ids = { (o: [String: Any]?) in
            ((o?["accounts"] as? [[String: Any]]) ?? []).map { $0["company_id"] as? String }
        }
        #expect(ids(digest["approach_now"] as? [String: Any]) == ids(now))
        #expect(!ids(now).isEmpty)
    }

    @Test("last-week is the 7 days ending the day before --as-of, and its numbers are `kpi --start --end`'s")
    func lastWeek() throws {
        let db = try CLITests.workspace()
        let (status, out, err) = try CLI.run([
            "digest", "--db", db, "--period", "last-week", "--as-of", "2026-10-01", "--format", "json",
        ])
        #expect(status == 0, "\(err)")
        let digest = try Self.object(out)
        #expect((digest["period"] as? [String: String])?["start"] == "2026-09-24")
        #expect((digest["period"] as? [String: String])?["end"] == "2026-10-01")
        #expect((digest["previous_period"] as? [String: String])?["start"] == "2026-09-17")
        let week = try CLI.run(["kpi", "--db", db, "--start", "2026-09-24", "--end", "2026-10-01", "--format", "json"])
            .1
        let before = try CLI.run([
            "kpi", "--db", db, "--start", "2026-09-17", "--end", "2026-09-24", "--format", "json",
        ]).1
        try Self.expectKPIs(digest, field: "value", equal: week)
        try Self.expectKPIs(digest, field: "previous", equal: before)
    }

    @Test("markdown and Slack in both languages; a bad period or format is refused")
    func textAndErrors() throws {
        let db = try CLITests.workspace()
        for lang in Language.allCases {
            let (s1, md, e1) = try CLI.run([
                "digest", "--db", db, "--period", "2026Q3", "--as-of", "2026-10-01", "--lang", lang.rawValue,
            ])
            #expect(s1 == 0, "\(e1)")
            #expect(md.hasPrefix("# " + L10n.t("digest.title", lang, "2026-07-01", "2026-09-30")))
            #expect(md.contains("## " + L10n.t("digest.section.approachNow", lang)))
            let (s2, slack, e2) = try CLI.run([
                "digest", "--db", db, "--period", "2026Q3", "--as-of", "2026-10-01", "--lang", lang.rawValue,
                "--format", "slack",
            ])
            #expect(s2 == 0, "\(e2)")
            #expect(slack.contains("*" + L10n.t("digest.section.funnel", lang) + "*"))
        }
        let (bad, _, err) = try CLI.run(["digest", "--db", db, "--period", "last-year"])
        #expect(bad != 0 && err.contains("--period last-year"))
        #expect(try CLI.run(["digest", "--db", db, "--format", "pdf"]).0 != 0)
        let (h, html, he) = try CLI.run(["digest", "--db", db, "--format", "html", "--lang", "ja"])
        #expect(h == 0 && html.hasPrefix("<!DOCTYPE html><html lang=\"ja\">"), "\(he)")
        #expect(try CLI.run(["digest", "--db", db, "--as-of", "2026-13-01"]).0 != 0)
    }
}
