import Foundation
import KizashiApp
import KizashiCore
import Testing

/// Issue 28 item 10 (the import parts) and the mapping preview of issue 29, through the CLI.
@Suite("CLI import papercuts")
struct ImportPapercutTests {
    static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("--dry-run on a workspace that does not exist creates neither the SQLite file nor rejected.csv")
    func dryRunWritesNothing() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/new.sqlite", rejected = dir + "/rejected.csv"
        let (code, out, err) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--dry-run", "--db", db, "--rejected", rejected, "--quiet",
        ])
        #expect(code == 0, "\(err)")
        #expect(out.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: rejected))
    }

    @Test("a folder whose every row is rejected exits 1; a wrong date echoes the value and the --from sheet hint")
    func everyRowRejected() throws {
        let dir = Fixture.temporaryDirectory()
        let package = dir + "/package"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try Self.write("company_id,name,updated_on\nC1,A,2026/9/1\nC2,,2026-09-01\n", package + "/companies.csv")
        let (code, out, _) = try CLI.run([
            "import", package, "--db", dir + "/w.sqlite", "--rejected", dir + "/rejected.csv", "--quiet",
        ])
        #expect(code == 1)
        #expect(out.contains("(value \"2026/9/1\")"))
        #expect(out.contains("--from sheet may also write 2026/9/1"))
    }

    @Test("--entity target suggests targets; a duplicate header says which one is used")
    func entityHintAndDuplicateHeader() throws {
        let dir = Fixture.temporaryDirectory()
        let sheet = dir + "/companies.csv"
        try Self.write("会社ID,会社名,社名\nC1,サクラ,桜\n", sheet)
        let (bad, _, badErr) = try CLI.run([
            "import", "--from", "sheet", sheet, "--entity", "target", "--db", dir + "/w.sqlite", "--quiet",
        ])
        #expect(bad != 0)
        #expect(badErr.contains("did you mean --entity targets?"))
        let (code, out, err) = try CLI.run([
            "import", "--from", "sheet", sheet, "--entity", "companies", "--dry-run", "--db", dir + "/w.sqlite",
            "--quiet",
        ])
        #expect(code == 0, "\(err)")
        #expect(out.contains("\"社名\" (column 3) also names name: \"会社名\" (column 2) is used, this one is ignored"))
    }

    @Test("the dry-run preview prints each value map with the rows each value hit")
    func valueMapPreview() throws {
        let dir = Fixture.temporaryDirectory()
        let sheet = dir + "/deals.csv", mapping = dir + "/m.yaml"
        try Self.write(
            "id,account,stage,created\nD1,C1,Won,2026-07-01\nD2,C1,Engaging,2026-07-02\nD3,C1,Engaging,2026-07-03\n",
            sheet)
        try Self.write(
            "columns: {id: opportunity_id, account: company, stage: status, created: created_on}\nvalues:\n  status: {Won: won, Engaging: open, Lost: lost}\n",
            mapping)
        let (_, out, _) = try CLI.run([
            "import", "--from", "sheet", sheet, "--entity", "opportunities", "--mapping", mapping, "--dry-run",
            "--db", dir + "/w.sqlite", "--quiet",
        ])
        #expect(out.contains("Values of status:"))
        #expect(out.contains("  Engaging → open: 2 row(s)"))
        #expect(out.contains("  Lost → lost: 0 row(s)"))
        #expect(out.contains("  Won → won: 1 row(s)"))
    }
}

/// Issue 28 item 3: Excel-style values are rewritten before the checks, and the preview says so.
@Suite("Sheets: values as typed in Excel")
struct ExcelValueTests {
    @Test("employees with separators and 名, full-width 法人番号 and phone, a URL as domain")
    func rewrites() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let sheet = (dir as NSString).appendingPathComponent("companies.csv")
        try """
        会社ID,会社名,従業員数,法人番号,ドメイン,電話番号
        C1,サクラ精機,"1,200",１０００－０１１０－００００５,https://www.sakura-seiki.co.jp/,０３－１２３４－５６７８
        C2,ミドリ,１，２００名,,midori.jp,
        C3,アオイ,約500,,,

        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        let outcome = try await SheetImporter(store: store).importSheet(
            path: sheet, entity: .companies, options: .init(rejectedPath: nil))
        let companies = Dictionary(
            uniqueKeysWithValues: try await store.companies(after: nil, limit: 10).map { ($0.id, $0) })
        #expect(companies["C1"]?.employees == "1200")
        #expect(companies["C2"]?.employees == "1200")
        #expect(companies["C3"]?.employees == "約500")  // not a clean number: left for the checks to judge
        #expect(companies["C1"]?.corporateNumber == "1000011000005")
        #expect(companies["C1"]?.domain == "sakura-seiki.co.jp")
        #expect(companies["C2"]?.domain == "midori.jp")
        let warnings = outcome.report.files.first?.warnings ?? []
        #expect(
            warnings.contains("employees: 2 value(s) rewritten as Excel users mean them, e.g. \"1,200\" → \"1200\""))
        #expect(warnings.contains { $0.hasPrefix("domain: 1 value(s) rewritten") })
        #expect(warnings.contains { $0.hasPrefix("corporate_number: 1 value(s) rewritten") })
    }
}

/// Issue 28 item 4: a title row above the header no longer stops the import.
@Suite("Sheets: the header row")
struct SheetHeaderRowTests {
    @Test("a title and a blank row above the headers: detected (row 3), reported, data from row 4; --header-row N")
    func titleRow() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let sheet = (dir as NSString).appendingPathComponent("targets.csv")
        try """
        ABMターゲット企業リスト（2026年度下期）,,,
        ,,,
        会社ID,会社名,ティア,追加日
        C1,サクラ,1,2026/9/1

        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        try await store.transaction { tx in try await tx.upsert(companies: [Company(id: "C1", name: "サクラ")]) }
        let outcome = try await SheetImporter(store: store).importSheet(
            path: sheet, entity: .targets, options: .init(rejectedPath: nil))
        #expect(outcome.mapping.headers.map(\.header) == ["会社ID", "会社名", "ティア", "追加日"])
        #expect(outcome.report.imported == 1, "\(outcome.report.firstRejected)")
        #expect(
            outcome.report.files.first?.warnings.contains("headers read from row 3 (the rows above are not data)")
                == true)

        // Row 1 as the header on purpose: no column names a required one, so the import stops.
        await #expect(throws: ImportFailure.self) {
            _ = try await SheetImporter(store: store).importSheet(
                path: sheet, entity: .targets, headerRow: 1, options: .init(rejectedPath: nil))
        }
        let (code, out, err) = try CLI.run([
            "import", "--from", "sheet", sheet, "--entity", "targets", "--header-row", "3", "--dry-run", "--db",
            dir + "/cli.sqlite", "--quiet",
        ])
        #expect(code == 0, "\(err)")
        #expect(out.contains("  会社ID → company_id"))
    }
}
