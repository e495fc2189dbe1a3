import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A whole CRM export with one folder mapping (issue 29 item 3): the files' entities come from
/// the mapping, companies are imported before the deals that name them, all in one transaction.
/// The export is shaped like the public sales-pipeline sample (accounts by name, deal stages in
/// the CRM's words, open deals without a close value).
@Suite("Sheets: a whole export folder with one mapping")
struct SheetFolderImportTests {
    static let mapping = """
        files:
          accounts.csv:
            entity: companies
            columns: {account: name, sector: industry, employees: employees, office_location: country}
          sales_pipeline.csv:
            entity: opportunities
            columns:
              opportunity_id: opportunity_id
              account: company
              deal_stage: status
              engage_date: created_on
              close_date: closed_on
              close_value: amount
              sales_agent: ""
            values:
              status: {Won: won, Lost: lost, Engaging: open, Prospecting: open}
            constants: {source: crm-export}
        """

    static func export(in dir: String) throws -> String {
        let folder = (dir as NSString).appendingPathComponent("crm")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
        account,sector,employees,office_location
        Cancity,retail,2001,United States
        Betasoloin,medical,1036,United States

        """.write(toFile: folder + "/accounts.csv", atomically: true, encoding: .utf8)
        // 6 deals: P1 won, P2 lost, P3 engaging without value, P4 prospecting without account or
        // date, P5 engaging without engage date, P6 account unknown (Zumma).
        try """
        opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
        P1,Moses Frase,GTX Plus Basic,Cancity,Won,2026-07-01,2026-08-01,1054
        P2,Darcel Schlecht,GTXPro,Betasoloin,Lost,2026-07-02,2026-08-02,0
        P3,Darcel Schlecht,MG Special,Cancity,Engaging,2026-07-03,,
        P4,Moses Frase,GTX Basic,,Prospecting,,,
        P5,Moses Frase,GTX Basic,Betasoloin,Engaging,,,
        P6,Moses Frase,GTX Basic,Zumma,Won,2026-07-04,2026-08-04,10

        """.write(toFile: folder + "/sales_pipeline.csv", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: folder + "/products.csv", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("companies first, deals by account name, value maps, open deals without value; bad rows with reasons")
    func folderImport() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let folder = try Self.export(in: dir)
        let mapping = try MappingFileReader.parse(Data(Self.mapping.utf8))
        let outcome = try await ImportService(store: store).run(
            .init(source: .sheet, paths: [folder], options: .init(rejectedPath: nil), mappingFile: mapping))
        guard case .folder(let f) = outcome else {
            Issue.record("expected a folder outcome")
            return
        }
        // accounts.csv: 2 companies; sales_pipeline.csv: P1, P2, P3 kept; P4 (no account), P5 (no
        // engage date), P6 (unknown account) rejected.
        #expect(f.report.files.map(\.entity) == ["companies", "opportunities"])
        #expect(f.report.files.map(\.imported) == [2, 3])
        #expect(f.report.rejectedTotal == 3)
        let reasons = Dictionary(f.report.firstRejected.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        // P4 lacks both; the parser names the first missing required column it checks (engage_date).
        #expect(reasons[5]?.reason == "a value is required")
        #expect(reasons[6]?.column.contains("created_on") == true)  // P5: no engage date
        #expect(reasons[7]?.value == "Zumma")
        #expect(reasons[7]?.reason.hasPrefix("no company has this ID") == true)
        #expect(f.report.files[0].warnings.contains { $0.contains("products.csv") })
        let deals = Dictionary(uniqueKeysWithValues: try await store.opportunities().map { ($0.id, $0) })
        #expect(Set(deals.keys) == ["P1", "P2", "P3"])
        #expect(deals["P3"]?.status == .open && deals["P3"]?.amount == nil)
        #expect(deals["P1"]?.companyId == "sheet:name:cancity")
        #expect(deals.values.allSatisfy { $0.source == "crm-export" })
    }

    @Test("a dry run of the folder writes nothing; a file the mapping names but the folder lacks is an error")
    func dryRunAndMissingFile() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let folder = try Self.export(in: dir)
        let mapping = try MappingFileReader.parse(Data(Self.mapping.utf8))
        let outcome = try await ImportService(store: store).run(
            .init(
                source: .sheet, paths: [folder], options: .init(rejectedPath: nil, dryRun: true), mappingFile: mapping))
        if case .folder(let f) = outcome { #expect(f.report.dryRun && f.report.imported == 3 + 2) }
        #expect(try await store.counts()[.companies] == 0)
        try FileManager.default.removeItem(atPath: folder + "/accounts.csv")
        await #expect(throws: ImportFailure.self) {
            _ = try await ImportService(store: store).run(
                .init(source: .sheet, paths: [folder], options: .init(rejectedPath: nil), mappingFile: mapping))
        }
    }
}
