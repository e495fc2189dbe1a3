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
