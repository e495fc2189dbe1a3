import Foundation
import KizashiTestZips
import KizashiArchive
import KizashiCore
import Testing

/// A minimal workbook with one sheet "Sheet1" whose `<sheetData>` is given; cell style 1 is a
/// date (built-in format 14).
enum TestWorkbook {
    static func bytes(
        sheetData: String, sharedStrings: [String]? = nil, sheetXML: String? = nil, sheetBytes: [UInt8]? = nil
    ) -> [UInt8] {
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
            Target="worksheets/sheet1.xml"/></Relationships>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>
            """
        let sheet =
            sheetXML
                ?? """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <sheetData>\(sheetData)</sheetData></worksheet>
                """
        var items: [TestZip.Item] = [
            .init("xl/workbook.xml", Array(workbook.utf8)), .init("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
            .init("xl/styles.xml", Array(styles.utf8)),
            .init("xl/worksheets/sheet1.xml", sheetBytes ?? Array(sheet.utf8)),
        ]
        if let sharedStrings {
            let si = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
            items.append(.init("xl/sharedStrings.xml", Array("<sst>\(si)</sst>".utf8)))
        }
        return TestZip.build(items)
    }

    /// The failure reading Sheet1 gives, or nil when it reads.
    static func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try XLSXWorkbook(bytes: bytes).rows()
            return nil
        } catch let e as XLSXWorkbook.Failure {
            return e.description
        } catch {
            return "unexpected: \(error)"
        }
    }
}

@Suite("xlsx: every number from the file is bound")
struct XLSXWorkbookTests {
    @Test("a 14-letter column (overflowed Int and killed the server) is an error naming the sheet and cell")
    func fourteenLetterColumn() {
        // 14 Z's is 26 × (26¹⁴ − 1) / 25 ≈ 6.7 × 10¹⁹ > Int.max (overflow); 14 A's (26¹⁴ − 1) / 25
        // ≈ 2.6 × 10¹⁸ cells (an allocation that aborts).
        for ref in ["ZZZZZZZZZZZZZZ1", "AAAAAAAAAAAAAA1"] {
            let f = TestWorkbook.failure(
                TestWorkbook.bytes(sheetData: "<row r=\"1\"><c r=\"\(ref)\"><v>1</v></c></row>"))
            #expect(
                f
                    == "sheet \"Sheet1\", cell \"\(ref)\": not a cell of Excel's grid (columns A to XFD, rows 1 to 1,048,576)"
            )
        }
    }

    @Test("a 7-letter column (asked for billions of cells) is refused; XFD is the last column read")
    func sevenLetterColumn() throws {
        #expect(
            TestWorkbook.failure(TestWorkbook.bytes(sheetData: #"<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>"#))?
                .contains("cell \"ZZZZZZZ1\"") == true)
        // XFE is column 16,385: one past the grid.
        #expect(
            TestWorkbook.failure(TestWorkbook.bytes(sheetData: #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#)) != nil)
        let rows = try XLSXWorkbook(bytes: TestWorkbook.bytes(sheetData: #"<row r="1"><c r="XFD1"><v>7</v></c></row>"#))
            .rows()
        // XFD = 24·26² + 6·26 + 4 = 16,384th column: 16,383 blanks, then the value.
        #expect(rows.count == 1 && rows[0].cells.count == 16_384 && rows[0].cells.last == "7")
    }

    @Test("rows outside 1 … 1,048,576 and rows past the last one are refused")
    func rowBounds() {
        for r in ["0", "1048577", "9223372036854775807", "-1", "x"] {
            let f = TestWorkbook.failure(TestWorkbook.bytes(sheetData: "<row r=\"\(r)\"><c><v>1</v></c></row>"))
            #expect(f?.hasPrefix("sheet \"Sheet1\", row \"\(r)\"") == true, "\(r)")
        }
        let last = #"<row r="1048576"><c><v>1</v></c></row><row><c><v>2</v></c></row>"#
        #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: last))?.contains("row 1048577") == true)
        #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: #"<row r="1"><c r="A0"><v>1</v></c></row>"#)) != nil)
    }

    @Test("a date-styled cell holding 1e300, nan, inf or a negative number is an error, not a trap")
    func impossibleDates() throws {
        for v in ["1e300", "nan", "inf", "-1", "2958466"] {
            let data = "<row r=\"2\"><c r=\"A2\"><v>x</v></c><c r=\"B2\" s=\"1\"><v>\(v)</v></c></row>"
            #expect(
                TestWorkbook.failure(TestWorkbook.bytes(sheetData: data))
                    == "sheet \"Sheet1\", cell B2: \(v) is not a date Excel can hold (serial numbers 0 to 2958465, up to 9999-12-31)",
                "\(v)")
        }
        // 46266 is 2026-09-01 (46266 − 25569 = 20697 days after 1970-01-01); 2958465 is 9999-12-31.
        let ok = #"<row r="1"><c s="1"><v>46266</v></c><c s="1"><v>46266.375</v></c><c s="1"><v>2958465</v></c></row>"#
        #expect(
            try XLSXWorkbook(bytes: TestWorkbook.bytes(sheetData: ok)).rows().first?.cells == [
                "2026-09-01", "2026-09-01T09:00:00", "9999-12-31",
            ])
    }

    @Test("shared-string indexes are checked: negative or past the table is an error")
    func sharedStringIndexes() throws {
        for v in ["-1", "2", "99999999999999999999", "x"] {
            let data = "<row r=\"3\"><c r=\"C3\" t=\"s\"><v>\(v)</v></c></row>"
            #expect(
                TestWorkbook.failure(TestWorkbook.bytes(sheetData: data, sharedStrings: ["a", "b"]))
                    == "sheet \"Sheet1\", cell C3: refers to shared string \"\(v)\", but the workbook has 2", "\(v)")
        }
        let ok = #"<row r="1"><c t="s"><v>1</v></c></row>"#
        #expect(
            try XLSXWorkbook(bytes: TestWorkbook.bytes(sheetData: ok, sharedStrings: ["a", "b"])).rows()[0].cells == [
                "b"
            ])
    }

    @Test("a sheet spreading over more cells than allowed is refused (one XFD cell per row)")
    func cellBudget() {
        // 611 rows reaching XFD fill 611 × 16,384 = 10,010,624 cells > 10,000,000.
        let rows = (1...611).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let f = TestWorkbook.failure(TestWorkbook.bytes(sheetData: rows))
        #expect(
            f
                == "sheet \"Sheet1\", cell XFD611: the sheet spreads over more than 10000000 cells; save it as CSV and import that"
        )
    }

    @Test("a bomb of a sheet part is refused by the zip limits before it is inflated")
    func bombSheet() {
        var sheet = Array(#"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c><v>1</v></c></row>"#.utf8)
        sheet += [UInt8](repeating: 0x20, count: 64 << 20)
        sheet += Array("</sheetData></worksheet>".utf8)
        let f = TestWorkbook.failure(
            TestWorkbook.bytes(sheetData: "", sheetXML: String(decoding: sheet, as: UTF8.self)))
        #expect(
            f?.hasPrefix(
                "not a readable .xlsx workbook: The zip was refused: entry \"xl/worksheets/sheet1.xml\" unpacks")
                == true)
    }

    @Test("entities: a DTD (an external entity, billion laughs) is refused, nothing is read or expanded")
    func entities() throws {
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\
            <worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>
            """
        #expect(
            TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetXML: xxe))
                == "not a readable .xlsx workbook: xl/worksheets/sheet1.xml: malformed XML (line 1): a DTD or declaration, which a workbook part may not have"
        )
        var laughs = #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">"#
        for i in 1...12 { laughs += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        laughs +=
            #"]><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&l12;</t></is></c></row></sheetData></worksheet>"#
        #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetXML: laughs))?.contains("a DTD") == true)
    }
}

@Suite("xlsx: what fuzzing found")
struct XLSXFuzzFindingsTests {
    @Test("an attribute name that is not UTF-8 (trapped FoundationXML's parser: crash-attribute-name-not-utf8)")
    func attributeNameNotUTF8() {
        // `<worksheet xmln\u{CF}s="…">`: 0xCF then 's' is no UTF-8 sequence.
        let sheet = Array("<worksheet xmln".utf8) + [0xCF] + Array("s=\"x\"><sheetData/></worksheet>".utf8)
        #expect(
            TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetBytes: sheet))
                == "not a readable .xlsx workbook: xl/worksheets/sheet1.xml is not UTF-8 text")
        // A comment, an element name: the same refusal, before the parser sees them.
        for bad: [UInt8] in [Array("<!--".utf8) + [0xFF] + Array("--><worksheet/>".utf8), Array("<w".utf8) + [0xC3]] {
            #expect(
                TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetBytes: bad))?.hasSuffix("is not UTF-8 text")
                    == true)
        }
        // Valid UTF-8 names (Japanese) still parse.
        let ok =
            #"<worksheet 名前="値"><sheetData><row r="1"><c t="inlineStr"><is><t>株式会社</t></is></c></row></sheetData></worksheet>"#
        #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetXML: ok)) == nil)
    }

    @Test("a processing instruction without data (Foundation's parser read it through a null pointer)")
    func processingInstructionWithoutData() {
        let sheet = #"<?x?><worksheet><sheetData><row r="1"><c><v>7</v></c></row></sheetData><?y?></worksheet>"#
        #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetXML: sheet)) == nil)
    }

    @Test("the fuzzing inputs themselves, wrapped as the xlsx target wraps them, read without a trap")
    func crashInputs() throws {
        for name in ["crash-attribute-name-not-utf8", "crash-processing-instruction-without-data"] {
            let url = FuzzCorpusReplayTests.fuzz.appendingPathComponent("Crashes/xlsx/" + name)
            let sheet = Array(try Data(contentsOf: url))
            #expect(TestWorkbook.failure(TestWorkbook.bytes(sheetData: "", sheetBytes: sheet)) != nil, "\(name)")
        }
    }
}

@Suite("Sheet cell references and Excel dates (Core)")
struct SheetCellTests {
    @Test("references: A1, XFD1048576, and everything outside the grid or malformed is nil")
    func references() {
        #expect(SheetCellReference("A1") == SheetCellReference(column: 0, row: 1))
        #expect(SheetCellReference("AB12") == SheetCellReference(column: 27, row: 12))  // 1·26 + 2 − 1 = 27
        #expect(SheetCellReference("XFD1048576") == SheetCellReference(column: 16_383, row: 1_048_576))
        for bad in [
            "", "A", "1", "A0", "XFE1", "A1048577", "AAAAAAAAAAAAAA1", "ZZZZZZZ1", "a1", "A1B", "$A$1", "A-1",
            "A12345678",
        ] {
            #expect(SheetCellReference(bad) == nil, "\(bad)")
        }
        #expect(SheetCellReference.columnName(0) == "A" && SheetCellReference.columnName(16_383) == "XFD")
        #expect(SheetCellReference.columnName(27) == "AB")
    }

    @Test("serial dates: Excel's range, the 1900 leap-year bug, and no trap on nan or 1e300")
    func serialDates() {
        #expect(ExcelSerialDate.text(serial: 1) == "1900-01-01")
        #expect(ExcelSerialDate.text(serial: 59) == "1900-02-28")
        #expect(ExcelSerialDate.text(serial: 61) == "1900-03-01")
        #expect(ExcelSerialDate.text(serial: 25_569) == "1970-01-01")
        #expect(ExcelSerialDate.text(serial: 25_569.5) == "1970-01-01T12:00:00")
        #expect(ExcelSerialDate.text(serial: 2_958_465) == "9999-12-31")
        for bad in [2_958_466, -1, .nan, .infinity, -.infinity, 1e300, -1e300] {
            #expect(ExcelSerialDate.text(serial: bad) == nil, "\(bad)")
        }
    }
}
