import Foundation
import KizashiCore
import Testing

/// The `kizashi` executable as a user runs it: exit codes, messages, and what each command changes.
@Suite("CLI", .serialized)
struct CLITests {
    static func workspace() throws -> String {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let (status, _, err) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--rejected", dir + "/r.csv", "--quiet",
        ])
        #expect(status == 0, "\(err)")
        return db
    }

    @Test("settings: show defaults, set a validated value, refuse a bad one, reset")
    func settings() throws {
        let db = try Self.workspace()
        let (_, shown, _) = try CLI.run(["settings", "show", "--db", db])
        #expect(shown.contains("gross_margin") && shown.contains("0.7"))
        let (ok, out, _) = try CLI.run(["settings", "set", "gross_margin", "0.6", "--db", db])
        #expect(ok == 0 && out.contains("gross_margin = 0.6"))
        let (bad, _, err) = try CLI.run(["settings", "set", "gross_margin", "1.5", "--db", db])
        #expect(bad != 0 && err.contains("must be ≤ 1"))
        let (_, json, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"])
        #expect(json.contains("\"gross_margin\": 0.6"))
        // ltv = arpa 9.5M/3 × 0.6 × 3 = 5,700,000 (hand-worked fixture, margin changed), up to rounding
        let kpis =
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["kpis"] as? [String: Any]
        let ltv = (kpis?["ltv"] as? NSNumber)?.doubleValue ?? 0
        #expect(abs(ltv - 5_700_000) < 1e-6)
        #expect(try CLI.run(["settings", "reset", "gross_margin", "--db", db]).0 == 0)
        #expect(
            try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"]).1.contains(
                "\"gross_margin\": 0.7"))
    }

    @Test("KPI targets: set, list, shown with attainment, removed")
    func targets() throws {
        let db = try Self.workspace()
        #expect(try CLI.run(["target", "set", "sql_count", "4", "--period", "2026Q3", "--db", db]).0 == 0)
        #expect(
            try CLI.run(["target", "set", "meetings", "2", "--period", "2026Q3", "--tier", "1", "--db", db]).0 == 0)
        let (_, list, _) = try CLI.run(["target", "list", "--db", db])
        #expect(list.contains("2026Q3\tall\tsql_count\t4") && list.contains("2026Q3\ttier 1\tmeetings\t2"))
        let (_, table, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--lang", "en"])
        #expect(table.contains("target 4  attainment 50.0%"))
        #expect(table.contains("Bottleneck: Pipeline (SQLs created at 50.0% of target)"))
        // Tier 1: meetings 1 of 2.
        let (_, tier1, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--tier", "1", "--format", "json"])
        #expect(tier1.contains("\"tier\": 1"))
        let (bad, _, err) = try CLI.run(["target", "set", "happiness", "4", "--period", "2026Q3", "--db", db])
        #expect(bad != 0 && err.contains("unknown KPI happiness"))
        #expect(try CLI.run(["target", "remove", "sql_count", "--period", "2026Q3", "--db", db]).0 == 0)
        #expect(!(try CLI.run(["target", "list", "--db", db]).1.contains("sql_count")))
    }

    @Test("bad periods and options give clear errors and a non-zero exit")
    func errors() throws {
        let db = try Self.workspace()
        let cases: [([String], String)] = [
            (["kpi", "--period", "2026Q5"], "use 2026Q3, 2026-09 or 2026"),
            (["kpi", "--start", "2026-10-01", "--end", "2026-07-01"], "must be after --start"),
            (["kpi", "--tier", "4"], "--tier must be 1, 2 or 3"),
            (["kpi", "--monthly", "--from", "2026-09", "--to", "2026-01"], "is after --to"),
            (["kpi", "--lang", "fr"], "--lang must be ja or en"),
            (["import", "/nonexistent/folder"], "not a folder"),
            (["import", "x.csv", "--entity", "people"], "use one of companies"),
        ]
        for (args, message) in cases {
            let (status, _, err) = try CLI.run(args + ["--db", db])
            #expect(status != 0, "\(args)")
            #expect(err.contains(message), "\(args): \(err)")
        }
    }

    @Test("ICP from a file, and a misspelt ICP key is refused")
    func icp() throws {
        let db = try Self.workspace()
        let dir = Fixture.temporaryDirectory()
        try #"{"countries": ["US"]}"#.write(toFile: dir + "/icp.json", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["icp", "set", dir + "/icp.json", "--db", db]).0 == 0)
        let (_, json, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"])
        #expect(json.contains("\"icp_companies\": 1"))  // C5 is the only US company
        try #"{"industry": ["IT"]}"#.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let (status, _, err) = try CLI.run(["icp", "set", dir + "/bad.json", "--db", db])
        #expect(status != 0 && err.contains("unknown key(s) industry"))
    }

    @Test("monthly trends as JSON: one object per month")
    func monthly() throws {
        let db = try Self.workspace()
        let (status, out, err) = try CLI.run([
            "kpi", "--db", db, "--monthly", "--from", "2025-10", "--to", "2026-10", "--format", "json",
        ])
        #expect(status == 0, "\(err)")
        let array = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]
        #expect(array?.count == 13)
        #expect((array?.first?["period"] as? [String: String])?["start"] == "2025-10-01")
        #expect((array?.last?["period"] as? [String: String])?["end"] == "2026-11-01")
    }
}
