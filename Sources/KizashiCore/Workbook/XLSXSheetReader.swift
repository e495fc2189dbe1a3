/// A worksheet part (`<sheetData><row r="2"><c r="B2" t="s" s="3"><v>…`) as rows of text, every
/// number from the file bound before it is used: cell references to Excel's grid
/// (`SheetCellReference`), row numbers to 1–1,048,576, shared-string indexes to the table, dates
/// to Excel's range (`ExcelSerialDate`), and the cells the sheet spreads over to `maxCells`. The
/// first broken bound is a `Failure` naming the sheet and the cell.
///
/// Dates (numbers in a date style) come out as `YYYY-MM-DD` (or with `THH:MM:SS`), which is what
/// the canonical parser reads; whole numbers without `.0` (a 法人番号 typed as a number stays 13
/// digits).
public struct XLSXSheetReader {
    /// One row: its number in the sheet (1-based, as Excel shows it) and its cells, gaps filled
    /// with empty strings.
    public typealias Row = (number: Int, cells: [String])

    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
    }

    let sheet: String
    let shared: [String]
    let dateStyles: Set<Int>
    let maxCells: Int
    var rows: [Row] = []
    var rowNumber = 0
    var cells: [String] = []
    var cellCount = 0
    var reference = ""
    var cellColumn = 0
    var cellType = ""
    var cellStyle = 0
    var value = ""
    var inValue = false

    /// The rows of the part, empty rows left out. `sheet` is the name errors give.
    public static func rows(
        _ bytes: [UInt8], sheet: String, shared: [String], dateStyles: Set<Int>, maxCells: Int
    ) throws -> [Row] {
        var reader = XLSXSheetReader(sheet: sheet, shared: shared, dateStyles: dateStyles, maxCells: maxCells)
        try WorkbookXMLScanner.scan(bytes) { try reader.take($0) }
        return reader.rows
    }

    func fail(_ message: String) -> Failure { Failure(description: "sheet \"\(sheet)\", \(message)") }

    /// A value from the file, shown safely in an error: at most 40 characters, controls escaped.
    static func shown(_ s: String) -> String { OutsideText.shown(s, limit: 40) }

    mutating func take(_ event: WorkbookXMLScanner.Event) throws {
        switch event {
        case .start("row", let attributes):
            if let r = attributes["r"] {
                guard let n = Int(r), (1...SheetCellReference.maxRows).contains(n) else {
                    throw fail("row \"\(Self.shown(r))\": not a row of Excel's grid (1 to 1,048,576)")
                }
                rowNumber = n
            } else {
                guard rowNumber < SheetCellReference.maxRows else {
                    throw fail("row \(rowNumber + 1): past the last row of Excel's grid (1,048,576)")
                }
                rowNumber += 1
            }
            cells = []
        case .start("c", let attributes):
            if let r = attributes["r"] {
                guard let ref = SheetCellReference(r) else {
                    throw fail(
                        "cell \"\(Self.shown(r))\": not a cell of Excel's grid (columns A to XFD, rows 1 to 1,048,576)")
                }
                cellColumn = ref.column
                reference = ref.description
            } else {
                // No reference: the cell after the last one.
                guard cells.count < SheetCellReference.maxColumns else {
                    throw fail("row \(rowNumber): a cell past column XFD, the last of Excel's grid")
                }
                cellColumn = cells.count
                reference = SheetCellReference.columnName(cellColumn) + String(rowNumber)
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case .start("v", _), .start("t", _): inValue = true
        case .text(let text): if inValue { value += text }
        case .end("v"), .end("t"): inValue = false
        case .end("c"):
            let text = try cellText()
            if cellColumn >= cells.count {
                let added = cellColumn + 1 - cells.count
                guard cellCount + added <= maxCells else {
                    throw fail(
                        "cell \(reference): the sheet spreads over more than \(maxCells) cells; save it as CSV and import that"
                    )
                }
                cellCount += added
                cells.append(contentsOf: repeatElement("", count: added - 1))
                cells.append(text)
            } else {
                cells[cellColumn] = text
            }
        case .end("row"):
            if cells.contains(where: { !$0.isEmpty }) { rows.append((rowNumber, cells)) }
        default: break
        }
    }

    /// The current cell's value as text.
    func cellText() throws -> String {
        switch cellType {
        case "s":
            guard let i = Int(value.trimmingASCIIWhitespace()), i >= 0, i < shared.count else {
                throw fail(
                    "cell \(reference): refers to shared string \"\(Self.shown(value))\", but the workbook has \(shared.count)"
                )
            }
            return shared[i]
        case "b": return value == "1" ? "true" : "false"
        case "inlineStr", "str", "e": return value
        default:
            guard dateStyles.contains(cellStyle), let serial = Double(value) else { return Self.numberText(value) }
            guard let date = ExcelSerialDate.text(serial: serial) else {
                throw fail(
                    "cell \(reference): \(Self.shown(value)) is not a date Excel can hold (serial numbers 0 to 2958465, up to 9999-12-31)"
                )
            }
            return date
        }
    }

    /// A number as a person typed it: whole numbers without a fraction or an exponent.
    static func numberText(_ raw: String) -> String {
        guard let v = Double(raw), v.isFinite else { return raw }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return raw
    }
}
