import Foundation
import KizashiCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A worksheet part (`<sheetData><row r="2"><c r="B2" t="s" s="3"><v>…`): its rows, every number
/// from the file bound before it is used (see `XLSXWorkbook`). The first broken bound stops the
/// parse with a `failure` naming the sheet and the cell.
final class XLSXSheetPart: NSObject, XLSXPart {
    let sheet: String
    let shared: [String]
    let dateStyles: Set<Int>
    let maxCells: Int
    var failure: String?
    var rows: [XLSXWorkbook.Row] = []
    private var rowNumber = 0
    private var cells: [String] = []
    private var cellCount = 0
    private var reference = ""
    private var cellColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var inValue = false

    init(sheet: String, shared: [String], dateStyles: Set<Int>, maxCells: Int) {
        self.sheet = sheet
        self.shared = shared
        self.dateStyles = dateStyles
        self.maxCells = maxCells
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        guard failure == nil else { return }
        failure = "sheet \"\(sheet)\", \(message)"
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch element {
        case "row":
            if let r = attributes["r"] {
                guard let n = Int(r), (1...SheetCellReference.maxRows).contains(n) else {
                    return fail(
                        parser, "row \"\(ArchiveRejected.printable(r))\": not a row of Excel's grid (1 to 1,048,576)")
                }
                rowNumber = n
            } else {
                guard rowNumber < SheetCellReference.maxRows else {
                    return fail(parser, "row \(rowNumber + 1): past the last row of Excel's grid (1,048,576)")
                }
                rowNumber += 1
            }
            cells = []
        case "c":
            if let r = attributes["r"] {
                guard let ref = SheetCellReference(r) else {
                    return fail(
                        parser,
                        "cell \"\(ArchiveRejected.printable(r))\": not a cell of Excel's grid (columns A to XFD, rows 1 to 1,048,576)"
                    )
                }
                cellColumn = ref.column
                reference = ref.description
            } else {
                // No reference: the cell after the last one.
                guard cells.count < SheetCellReference.maxColumns else {
                    return fail(parser, "row \(rowNumber): a cell past column XFD, the last of Excel's grid")
                }
                cellColumn = cells.count
                reference = SheetCellReference.columnName(cellColumn) + String(rowNumber)
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t": inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch element {
        case "v", "t": inValue = false
        case "c":
            guard let text = cellText(parser) else { return }
            if cellColumn >= cells.count {
                let added = cellColumn + 1 - cells.count
                guard cellCount + added <= maxCells else {
                    return fail(
                        parser,
                        "cell \(reference): the sheet spreads over more than \(maxCells) cells; save it as CSV and import that"
                    )
                }
                cellCount += added
                cells.append(contentsOf: repeatElement("", count: added - 1))
                cells.append(text)
            } else {
                cells[cellColumn] = text
            }
        case "row":
            if cells.contains(where: { !$0.isEmpty }) { rows.append((rowNumber, cells)) }
        default: break
        }
    }

    /// The cell's value as text, or nil after failing the parse.
    private func cellText(_ parser: XMLParser) -> String? {
        switch cellType {
        case "s":
            guard let i = Int(value.trimmingCharacters(in: .whitespaces)), i >= 0, i < shared.count else {
                fail(
                    parser,
                    "cell \(reference): refers to shared string \"\(ArchiveRejected.printable(String(value.prefix(40))))\", but the workbook has \(shared.count)"
                )
                return nil
            }
            return shared[i]
        case "b": return value == "1" ? "true" : "false"
        case "inlineStr", "str", "e": return value
        default:
            guard dateStyles.contains(cellStyle), let serial = Double(value) else { return Self.numberText(value) }
            guard let date = ExcelSerialDate.text(serial: serial) else {
                fail(
                    parser,
                    "cell \(reference): \(ArchiveRejected.printable(String(value.prefix(40)))) is not a date Excel can hold (serial numbers 0 to 2958465, up to 9999-12-31)"
                )
                return nil
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
