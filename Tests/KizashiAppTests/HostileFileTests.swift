import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing
import ZIPFoundation

/// Workbooks and zips as an attacker sends them (issue 25 §2, §3), written with ZIPFoundation.
enum HostileFiles {
    /// An .xlsx with one sheet "企業" whose `<sheetData>` is given (cell style 1 is a date).
    static func workbook(sheetData: String, in dir: String) throws -> String {
        let parts: [(String, String)] = [
            (
                "xl/workbook.xml",
                #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企業" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
            ("xl/styles.xml", #"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#),
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData>\(sheetData)</sheetData></worksheet>"),
        ]
        let path = dir + "/attack-\(UUID().uuidString).xlsx"
        try zip(parts.map { ($0.0, Data($0.1.utf8)) }, to: path)
        return path
    }

    static func zip(_ entries: [(String, Data)], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }

    /// A header row and a companies row whose 更新日 cell is `cell`.
    static func companies(_ cell: String) -> String {
        #"<row r="1"><c r="A1" t="inlineStr"><is><t>company_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c>"#
            + #"<c r="C1" t="inlineStr"><is><t>updated_on</t></is></c></row>"#
            + #"<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2" t="inlineStr"><is><t>Alpha</t></is></c>"#
            + cell + "</row>"
    }
}

@Suite("Hostile spreadsheets and zips (issue 25)", .serialized)
struct HostileFileTests {
    func sheetFailure(_ sheetData: String) async throws -> String? {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let path = try HostileFiles.workbook(sheetData: sheetData, in: dir)
        do {
            _ = try await SheetImporter(store: store).importSheet(
                path: path, entity: .companies, options: .init(rejectedPath: nil))
            return nil
        } catch let e as ImportFailure {
            #expect(try await store.counts()[.companies] == 0)
            return e.message
        }
    }

    @Test("xlsx: 14- and 7-letter columns, 1e300 and nan dates fail the import naming sheet and cell")
    func sheetAttacks() async throws {
        let col14 = try await sheetFailure(#"<row r="1"><c r="ZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#)
        #expect(col14?.hasPrefix("sheet \"企業\", cell \"ZZZZZZZZZZZZZZ1\": not a cell of Excel's grid") == true)
        let col7 = try await sheetFailure(#"<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>"#)
        #expect(col7?.hasPrefix("sheet \"企業\", cell \"ZZZZZZZ1\"") == true)
        for v in ["1e300", "nan"] {
            let f = try await sheetFailure(HostileFiles.companies("<c r=\"C2\" s=\"1\"><v>\(v)</v></c>"))
            #expect(f?.hasPrefix("sheet \"企業\", cell C2: \(v) is not a date Excel can hold") == true)
        }
        // The same sheet with a real date imports.
        #expect(try await sheetFailure(HostileFiles.companies(#"<c r="C2" s="1"><v>46266</v></c>"#)) == nil)
    }

    @Test("a CSV sheet: a record over the limit, or more cells than the budget, fails the read with its line")
    func csvSheetLimits() throws {
        let dir = Fixture.temporaryDirectory()
        let path = dir + "/sheet.csv"
        // Line 2 is "C1," + 120 × "a" = 123 bytes.
        try ("会社ID,会社名\nC1," + String(repeating: "a", count: 120) + "\nC2,b\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let long = #expect(throws: ImportFailure.self) {
            try SheetImporter.readRows(path: path, sheet: nil, encoding: nil, maxRecordBytes: 100)
        }
        #expect(long?.message == "line 2: the record is longer than 100 bytes, the limit on one record")
        // 3 lines × 2 cells = 6 cells; a budget of 5 stops at line 3.
        let big = #expect(throws: ImportFailure.self) {
            try SheetImporter.readRows(path: path, sheet: nil, encoding: nil, maxCells: 5)
        }
        #expect(
            big?.message
                == "line 3: the sheet holds more than 5 cells; import it as a canonical file (--entity) instead")
        #expect(try SheetImporter.readRows(path: path, sheet: nil, encoding: nil).rows.count == 3)
    }

    @Test("the CLI: a 14-letter column exits 1 with the reason, not a crash")
    func sheetAttackThroughCLI() throws {
        let dir = Fixture.temporaryDirectory()
        let path = try HostileFiles.workbook(
            sheetData: #"<row r="1"><c r="ZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#, in: dir)
        let (status, _, err) = try CLI.run([
            "import", "--from", "sheet", "--entity", "companies", path, "--db", dir + "/w.sqlite", "--quiet",
        ])
        #expect(status == 1)
        #expect(err.contains("sheet \"企業\", cell \"ZZZZZZZZZZZZZZ1\""))
        #expect(err.contains("Nothing was imported."))
    }

    @Test("a CSV record over --max-record-bytes is a rejected row on its line; the rows after it import")
    func overLongRecord() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let path = dir + "/companies.csv"
        // Line 3 is 2 + 1 + 300 = 303 bytes: over a 200-byte limit.
        let csv = "company_id,name\nC1,Alpha\nC2," + String(repeating: "b", count: 300) + "\nC3,Gamma\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try await PackageImporter(store: store).importFile(
            at: path, entity: .companies, options: .init(rejectedPath: nil, maxRecordBytes: 200))
        #expect(report.imported == 2 && report.rejectedTotal == 1)
        #expect(report.firstRejected.first?.line == 3)
        #expect(
            report.firstRejected.first?.reason
                == "malformed CSV: the record is longer than 200 bytes, the limit on one record")
        #expect(try await store.companies(after: nil, limit: 5).map(\.id) == ["C1", "C3"])
        let (status, out, _) = try CLI.run([
            "import", path, "--entity", "companies", "--db", dir + "/cli.sqlite", "--max-record-bytes", "200",
            "--rejected", dir + "/r.csv", "--quiet",
        ])
        #expect(status == 0)
        #expect(out.contains("companies.csv:3 [] malformed CSV: the record is longer than 200 bytes"))
        #expect(try CLI.run(["import", path, "--entity", "companies", "--max-record-bytes", "0"]).0 != 0)
    }

    @Test(
        "kizashi import PACKAGE.zip: a real package imports; a zip bomb and a zip-slip are refused with nothing imported"
    )
    func zippedPackages() throws {
        let dir = Fixture.temporaryDirectory()
        let package = Fixture.path("q3-handworked")
        let files = try FileManager.default.contentsOfDirectory(atPath: package).filter { $0.hasSuffix(".csv") }
        let good = dir + "/package.zip"
        try HostileFiles.zip(
            try files.map { ("kizashi-package/\($0)", try Data(contentsOf: URL(fileURLWithPath: package + "/" + $0))) },
            to: good)
        let (ok, out, err) = try CLI.run([
            "import", good, "--db", dir + "/w.sqlite", "--rejected", dir + "/r.csv", "--quiet",
        ])
        #expect(ok == 0, "\(err)")
        #expect(out.contains("companies.csv") && out.contains("Imported"))

        let bomb = dir + "/bomb.zip"
        try HostileFiles.zip([("companies.csv", Data(count: 64 << 20))], to: bomb)
        let (refused, _, bombErr) = try CLI.run(["import", bomb, "--db", dir + "/b.sqlite", "--quiet"])
        #expect(refused == 1)
        #expect(bombErr.contains("The zip was refused: entry \"companies.csv\" unpacks"))

        let slip = dir + "/slip.zip"
        try HostileFiles.zip([("../kizashi-slip.csv", Data("x".utf8))], to: slip)
        let (slipped, _, slipErr) = try CLI.run(["import", slip, "--db", dir + "/s.sqlite", "--quiet"])
        #expect(slipped == 1 && slipErr.contains("it would be written outside the folder"))
        #expect(
            !FileManager.default.fileExists(atPath: FileManager.default.temporaryDirectory.path + "/kizashi-slip.csv"))
    }
}
