/// A workbook to write (`kizashi report --format xlsx`, issue 24 §2): sheets of typed cells,
/// rendered here as the SpreadsheetML parts of an .xlsx package (ECMA-376); the App zips them.
///
/// Numbers and dates are real cells with number formats, never text, so Excel and LibreOffice
/// sum, sort and chart them. Text is written inline (`t="inlineStr"`): no shared-string table to
/// keep consistent. Each sheet freezes its header rows and sets its column widths.
public struct XLSXDocument: Sendable {
    public enum Format: Int, Sendable {
        /// Style indices of `styles.xml`'s `cellXfs`, in order.
        case general = 0, integer, yen, percent, decimal, date, header
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double, Format)
        case date(Day)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        /// Column widths in characters, first column first.
        public var widths: [Double]
        public var rows: [[Cell]]
        /// Rows kept in view when scrolling (the header).
        public var frozenRows: Int

        public init(name: String, widths: [Double], rows: [[Cell]], frozenRows: Int = 1) {
            self.name = name
            self.widths = widths
            self.rows = rows
            self.frozenRows = frozenRows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The package's parts: path inside the zip → bytes.
    public func parts() -> [(path: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes().utf8)), ("_rels/.rels", Array(Self.packageRels.utf8)),
            ("xl/workbook.xml", Array(workbook().utf8)), ("xl/_rels/workbook.xml.rels", Array(workbookRels().utf8)),
            ("xl/styles.xml", Array(Self.styles.utf8)),
        ]
        for (i, s) in sheets.enumerated() { out.append(("xl/worksheets/sheet\(i + 1).xml", Array(sheet(s).utf8))) }
        return out
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypes() -> String {
        var x = Self.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        x +=
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        x +=
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in sheets.indices {
            x +=
                "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return x + "</Types>"
    }

    static let packageRels =
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    func workbook() -> String {
        var x = Self.header + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\"><sheets>"
        for (i, s) in sheets.enumerated() {
            x += "<sheet name=\"\(HTMLText.xml(Self.sheetName(s.name)))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return x + "</sheets></workbook>"
    }

    func workbookRels() -> String {
        var x = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            x +=
                "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheets.count + 1
        return x + "<Relationship Id=\"rId\(n)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/></Relationships>"
    }

    /// Number formats (ids from 164 are the workbook's own): integer, yen, percent with one
    /// decimal, two decimals, ISO date; then the header style (bold).
    static let styles =
        header + "<styleSheet xmlns=\"\(main)\"><numFmts count=\"5\">"
        + "<numFmt numFmtId=\"164\" formatCode=\"#,##0\"/><numFmt numFmtId=\"165\" formatCode=\"&quot;¥&quot;#,##0\"/>"
        + "<numFmt numFmtId=\"166\" formatCode=\"0.0%\"/><numFmt numFmtId=\"167\" formatCode=\"#,##0.00\"/>"
        + "<numFmt numFmtId=\"168\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + [164, 165, 166, 167, 168].map {
            "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        }.joined()
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    func sheet(_ s: Sheet) -> String {
        var x = Self.header + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relNS)\">"
        x += "<sheetViews><sheetView workbookViewId=\"0\">"
        if s.frozenRows > 0 {
            x +=
                "<pane ySplit=\"\(s.frozenRows)\" topLeftCell=\"A\(s.frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        }
        x += "</sheetView></sheetViews>"
        if !s.widths.isEmpty {
            x += "<cols>"
            for (i, w) in s.widths.enumerated() {
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(JSONValue.format(w))\" customWidth=\"1\"/>"
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        for (r, row) in s.rows.enumerated() {
            x += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = Self.column(c) + String(r + 1)
                switch cell {
                case .empty: continue
                case .text(let t):
                    let style = r < s.frozenRows ? " s=\"\(Format.header.rawValue)\"" : ""
                    x +=
                        "<c r=\"\(ref)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(HTMLText.xml(t))</t></is></c>"
                case .number(let v, let f):
                    // NaN and infinities have no cell value: an empty cell, as the JSON writes null.
                    guard v.isFinite else { continue }
                    x += "<c r=\"\(ref)\" s=\"\(f.rawValue)\"><v>\(JSONValue.format(v))</v></c>"
                case .date(let d):
                    // Excel's serial day: days since 1899-12-30 (its 1900 leap-year bug included).
                    let serial = Int(d.daysSinceEpoch) + 25_569
                    x += "<c r=\"\(ref)\" s=\"\(Format.date.rawValue)\"><v>\(serial)</v></c>"
                }
            }
            x += "</row>"
        }
        return x + "</sheetData></worksheet>"
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Excel refuses sheet names over 31 characters or with `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }
}
