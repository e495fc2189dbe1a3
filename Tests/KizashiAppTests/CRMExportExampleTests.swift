import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 29's "done when", on a small invented export of the same shape (Fixtures/crm-export,
/// SOURCE.md) and the mapping users are given (examples/crm-export/crm.yaml): the folder imports
/// through the public service with no other preparation.
@Suite("Your CRM's export: a folder and examples/crm-export/crm.yaml")
struct CRMExportExampleTests {
    static let mappingFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/crm-export/crm.yaml")

    @Test(
        "deals without an account or an engagement date are rejected with their reason; open deals without amount kept")
    func exportFolder() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let mapping = try MappingFileReader.parse(try Data(contentsOf: Self.mappingFile))
        let outcome = try await ImportService(store: store).run(
            .init(
                source: .sheet, paths: [Fixture.path("crm-export")],
                options: .init(rejectedPath: (dir as NSString).appendingPathComponent("rejected.csv")),
                mappingFile: mapping))
        guard case .folder(let folder) = outcome else {
            Issue.record("expected a folder import, got \(outcome)")
            return
        }
        let report = folder.report
        // accounts.csv: 5 companies, all kept. sales_pipeline.csv: 20 deals; rejected (file line =
        // deal number + 1): K007 (line 8) and K015 (line 16) have no account; K008 (9) and K019 (20)
        // no engage_date; K009 (10) neither. Kept 20 − 5 = 15.
        #expect(report.files.map(\.rowsRead) == [5, 20])
        #expect(report.files.map(\.imported) == [5, 15])
        let rejected = Dictionary(uniqueKeysWithValues: report.firstRejected.map { ($0.line, $0) })
        #expect(rejected.keys.sorted() == [8, 9, 10, 16, 20])
        for line in [8, 16] { #expect(rejected[line]?.column == "account (company_id)") }
        for line in [9, 20] { #expect(rejected[line]?.column == "engage_date (created_on)") }
        #expect(rejected[10].map { ["account (company_id)", "engage_date (created_on)"].contains($0.column) } == true)
        #expect(report.firstRejected.allSatisfy { $0.reason == "a value is required" })

        // Kept by stage: Won K001 K003 K004 K010 K012 K016 K018 = 7; Lost K002 K005 K011 K017 K020
        // = 5; open (Engaging K006 K013, Prospecting K014) = 3, none with a close value.
        let deals = try await store.opportunities()
        #expect(deals.count == 15)
        #expect(deals.filter { $0.status == .won }.count == 7)
        #expect(deals.filter { $0.status == .lost }.count == 5)
        let open = deals.filter { $0.status == .open }
        #expect(open.map(\.id).sorted() == ["K006", "K013", "K014"])
        #expect(open.allSatisfy { $0.amount == nil && $0.closedOn == nil })
        // M/D/YYYY read as the mapping's date_format says: K003 engaged 12/20/2016, closed 1/31/2017.
        let k003 = deals.first { $0.id == "K003" }
        #expect(k003?.createdOn == Day(iso: "2016-12-20"))
        #expect(k003?.closedOn == Day(iso: "2017-01-31"))
        // Named by account name: K012 (Ember Works) belongs to the company imported from accounts.csv.
        let ember = try await store.companies(after: nil, limit: 10).first { $0.name == "Ember Works" }
        #expect(ember != nil && deals.first { $0.id == "K012" }?.companyId == ember?.id)

        // No target list: every company is a non-target, so the win rate is win_rate_non_target.
        // All 12 closed deals close in 2017: 7 / (7 + 5) = 0.58333…. ACV: won amounts 1200 + 550 +
        // 600 + 2500 + 900 + 1800 + 700 = 8250 over 7 deals = 1178.571… (no term: 12 months).
        let kpis = try await KPIService(store: store).report(period: KPIPeriod(label: "2017")!)
        let value = Dictionary(uniqueKeysWithValues: kpis.kpis.map { ($0.key, $0.value) })
        #expect(value["win_rate_non_target"] == .number(7.0 / 12.0))
        #expect(value["acv_non_target"] == .number(8250.0 / 7.0))
        #expect(value["win_rate"] == .null)
    }

    /// The CLI as the walk-through runs it, on SQLite and (when a server is given) PostgreSQL.
    @Test(
        "kizashi import --from sheet DIR --mapping crm.yaml, then kizashi kpi: 7 / 12 on every backend",
        arguments: ["sqlite"] + (PostgresTestServer.enabled ? ["postgres"] : []))
    func cli(backend: String) async throws {
        let dir = Fixture.temporaryDirectory()
        let db = backend == "sqlite" ? dir + "/w.sqlite" : try await PostgresTestServer.freshDatabase()
        let (status, out, err) = try CLI.run([
            "import", "--from", "sheet", Fixture.path("crm-export"), "--mapping", Self.mappingFile.path, "--db", db,
            "--rejected", dir + "/rejected.csv",
        ])
        #expect(status == 0, "\(err)")
        // 5 + 20 rows read, 5 + 15 imported (worked out in exportFolder above).
        #expect(out.contains("Imported 20 of 25 rows"), "\(out)")
        let (kpiStatus, json, kpiErr) = try CLI.run(["kpi", "--db", db, "--period", "2017", "--format", "json"])
        #expect(kpiStatus == 0, "\(kpiErr)")
        let kpis =
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["kpis"] as? [String: Any]
        #expect(kpis?["win_rate_non_target"] as? Double == 7.0 / 12.0)
    }

    @Test("without date_format, M/D/YYYY dates are rejected, never guessed")
    func dateFormatIsDeclared() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        var mapping = try MappingFileReader.parse(try Data(contentsOf: Self.mappingFile))
        mapping.files["sales_pipeline.csv"]?.dateFormat = nil
        let outcome = try await ImportService(store: store).run(
            .init(
                source: .sheet, paths: [Fixture.path("crm-export")],
                options: .init(rejectedPath: (dir as NSString).appendingPathComponent("rejected.csv"), dryRun: true),
                mappingFile: mapping))
        // Every deal row has an engage_date in M/D/YYYY or none: all 20 rejected, and the report
        // says which key reads them (the first such cell: K001's engage_date, 1/5/2017).
        #expect(outcome.canonicalReport?.files.map(\.imported) == [5, 0])
        #expect(
            outcome.canonicalReport?.files.last?.warnings.contains(
                "engage_date (created_on) holds \"1/5/2017\", a month- or day-first date: say which in the mapping file (date_format: M/D/YYYY or D/M/YYYY)"
            ) == true)
    }
}
