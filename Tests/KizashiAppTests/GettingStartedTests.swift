import Foundation
import KizashiCore
import Testing

/// docs/getting-started.md, step by step, on the files it ships in examples/first-hour: a
/// Shift_JIS company list and target list as Excel saves them, and an ICP.
@Suite("Getting started (docs/getting-started.md)", .serialized)
struct GettingStartedTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/first-hour").path

    @Test("the sample sheets are Shift_JIS, import as documented, and give the documented ICP count")
    func firstHour() throws {
        let db = Fixture.temporaryDirectory() + "/w.sqlite"
        let env = ["KIZASHI_DATABASE_URL": db]
        func run(_ args: [String]) throws -> String {
            let (status, out, err) = try CLI.run(args, environment: env)
            #expect(status == 0, "\(args): \(err)")
            return out + err
        }
        // The files really are Shift_JIS: not valid UTF-8, and 会社名 in CP932 bytes (89EF 8ED0 96BC).
        let raw = try Data(contentsOf: URL(fileURLWithPath: Self.examples + "/companies-sjis.csv"))
        #expect(String(data: raw, encoding: .utf8) == nil)
        #expect(raw.range(of: Data([0x89, 0xEF, 0x8E, 0xD0, 0x96, 0xBC])) != nil)

        let companies = Self.examples + "/companies-sjis.csv"
        let preview = try run(["import", "--from", "sheet", companies, "--entity", "companies", "--dry-run"])
        #expect(preview.contains("会社名 → name") && preview.contains("法人番号 → corporate_number"))
        #expect(preview.contains("Shift_JIS  read 10, imported 10, rejected 0"))
        #expect(try run(["import", "--from", "sheet", companies, "--entity", "companies"]).contains("imported 10"))
        _ = try run(["icp", "set", Self.examples + "/icp.json"])
        let targets = Self.examples + "/targets-sjis.csv"
        #expect(try run(["import", "--from", "sheet", targets, "--entity", "targets"]).contains("rejected 0"))
        #expect(
            try run(["target", "set", "engaged_rate", "40", "--period", "2026Q4", "--lang", "ja"])
                == "目標 engaged_rate（エンゲージ率）= 40.0%　期間 2026Q4\n")
        _ = try run(["target", "set", "pipeline_created", "5000万", "--period", "2026Q4"])
        _ = try run(["target", "set", "sql_count", "10", "--period", "2026Q4"])

        let json = try run(["kpi", "--period", "2026Q4", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let kpis = try #require(report["kpis"] as? [String: Any])
        // Hand count (docs/getting-started.md §3): 製造業 A001, A002, A006, A010 and IT A003, A007 are in
        // the ICP (300–5,000 employees, JP); 物流 A004, 医薬品 A005, 卸売 A008, 建設 A009 are not.
        #expect((kpis["targets"] as? NSNumber)?.intValue == 10)
        #expect((kpis["icp_companies"] as? NSNumber)?.intValue == 6)
        #expect((kpis["targets_outside_icp"] as? NSNumber)?.intValue == 4)
        #expect((kpis["list_precision"] as? NSNumber)?.doubleValue == 0.6)
        let goals = try #require(report["goals"] as? [[String: Any]])
        let stored = Dictionary(
            uniqueKeysWithValues: goals.compactMap { g in
                (g["kpi"] as? String).map { ($0, (g["target"] as? NSNumber)?.doubleValue ?? -1) }
            })
        #expect(stored == ["engaged_rate": 0.4, "pipeline_created": 50_000_000, "sql_count": 10], "\(goals)")
    }
}
