import Foundation
import KizashiCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the cells of one sheet of an Excel `.xlsx` workbook (Office Open XML, ECMA-376 Part 1):
/// enough for the spreadsheets marketing teams keep — text, numbers, booleans and dates —
/// without a dependency beyond the zip reader the server already uses.
///
/// Dates are numbers in a date format: they come out as `YYYY-MM-DD` (or
/// `YYYY-MM-DDTHH:MM:SS` with a time part), which is what the canonical parser reads; whole
/// numbers come out without `.0` (a 法人番号 typed as a number stays 13 digits).
public struct XLSXWorkbook {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One row: its number in the sheet (1-based, as Excel shows it) and its cells, gaps filled
    /// with empty strings.
    public typealias Row = (number: Int, cells: [String])

    let archive: Archive
    public let sheetNames: [String]
    let sheetPaths: [String]

    public init(path: String) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure(description: "not a readable .xlsx file (a zip archive): \(error)")
        }
        let workbook = try Self.parse(Self.entry(archive, "xl/workbook.xml"), WorkbookParser())
        let rels = try Self.parse(Self.entry(archive, "xl/_rels/workbook.xml.rels"), RelationshipsParser())
        sheetNames = workbook.sheets.map(\.name)
        sheetPaths = workbook.sheets.map { s in
            let target = rels.targets[s.relationship] ?? ""
            // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…").
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard !sheetNames.isEmpty else { throw Failure(description: "the workbook has no sheets") }
    }

    /// The rows of `sheet` (default: the first sheet), in order; empty rows are left out.
    public func rows(sheet: String? = nil) throws -> [Row] {
        let index: Int
        if let sheet {
            guard let i = sheetNames.firstIndex(of: sheet) else {
                throw Failure(
                    description: "no sheet \"\(sheet)\" (the workbook has \(sheetNames.joined(separator: ", ")))")
            }
            index = i
        } else {
            index = 0
        }
        var shared: [String] = []
        if archive["xl/sharedStrings.xml"] != nil {
            shared = try Self.parse(Self.entry(archive, "xl/sharedStrings.xml"), SharedStringsParser()).strings
        }
        var dateStyles = Set<Int>()
        if archive["xl/styles.xml"] != nil {
            dateStyles = try Self.parse(Self.entry(archive, "xl/styles.xml"), StylesParser()).dateStyleIndexes
        }
        let parser = SheetParser(shared: shared, dateStyles: dateStyles)
        return try Self.parse(Self.entry(archive, sheetPaths[index]), parser).rows
    }

    static func entry(_ archive: Archive, _ path: String) throws -> Data {
        guard let e = archive[path] else { throw Failure(description: "not an .xlsx workbook: no \(path) inside") }
        var data = Data()
        do { _ = try archive.extract(e) { data.append($0) } } catch {
            throw Failure(description: "cannot unpack \(path): \(error)")
        }
        return data
    }

    static func parse<P: XMLParserDelegate>(_ data: Data, _ delegate: P) throws -> P {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw Failure(
                description:
                    "malformed XML in the workbook (line \(parser.lineNumber)): \(parser.parserError.map { "\($0)" } ?? "")"
            )
        }
        return delegate
    }

    /// A cell reference's column ("AB12" → 27, zero-based).
    static func column(ofReference ref: String) -> Int? {
        var n = 0
        var any = false
        for u in ref.unicodeScalars {
            guard u.value >= 65 && u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64)
            any = true
        }
        return any ? n - 1 : nil
    }

    /// An Excel serial date (1900 date system: day 25569 is 1970-01-01; Lotus's phantom
    /// 1900-02-29 only affects serials before March 1900) as the canonical text.
    static func dateText(serial: Double) -> String {
        let days = serial.rounded(.down)
        let day = Day(daysSinceEpoch: Int32(days) - 25569)
        let seconds = Int(((serial - days) * 86_400).rounded())
        guard seconds > 0, seconds < 86_400 else { return day.description }
        return day.description
            + String(format: "T%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
    }

    /// A number as a person typed it: whole numbers without a fraction or an exponent.
    static func numberText(_ raw: String) -> String {
        guard let v = Double(raw), v.isFinite else { return raw }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return raw
    }
}

// MARK: The XML parts

private final class WorkbookParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relationship: String)] = []
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard element == "sheet" || element.hasSuffix(":sheet") else { return }
        let rel = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "", rel))
    }
}

private final class RelationshipsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if element == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>…</t></r>`, concatenated; phonetic
/// guides (`<rPh>`, the furigana Japanese Excel stores) are not part of the text.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false
    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": inText = !inPhonetic
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// Which cell styles (`cellXfs` indexes) show a date: the built-in date formats (14–22, 45–47,
/// and the East Asian 27–36, 50–58) and custom formats whose code has y, m, d or h outside
/// quotes and brackets.
private final class StylesParser: NSObject, XMLParserDelegate {
    var dateStyleIndexes = Set<Int>()
    private var customDate = Set<Int>()
    private var inCellXfs = false
    private var xfIndex = 0
    static let builtInDates = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))

    static func isDateCode(_ code: String) -> Bool {
        var quoted = false, bracket = false
        for ch in code.lowercased() {
            switch ch {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "y", "m", "d",
                "h" where !quoted && !bracket:
                return true
            default: break
            }
        }
        return false
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"],
                Self.isDateCode(code)
            {
                customDate.insert(id)
            }
        case "cellXfs":
            inCellXfs = true
            xfIndex = 0
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if Self.builtInDates.contains(id) || customDate.contains(id) { dateStyleIndexes.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "cellXfs" { inCellXfs = false }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    var rows: [XLSXWorkbook.Row] = []
    private var rowNumber = 0
    private var cells: [String] = []
    private var cellColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var inValue = false

    init(shared: [String], dateStyles: Set<Int>) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
        case "c":
            cellColumn = attributes["r"].flatMap(XLSXWorkbook.column(ofReference:)) ?? cells.count
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t": inValue = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "v", "t": inValue = false
        case "c":
            let text: String
            switch cellType {
            case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "true" : "false"
            case "inlineStr", "str", "e": text = value
            default:
                if dateStyles.contains(cellStyle), let serial = Double(value) {
                    text = XLSXWorkbook.dateText(serial: serial)
                } else {
                    text = XLSXWorkbook.numberText(value)
                }
            }
            while cells.count < cellColumn { cells.append("") }
            if cellColumn < cells.count { cells[cellColumn] = text } else { cells.append(text) }
        case "row":
            if cells.contains(where: { !$0.isEmpty }) { rows.append((rowNumber, cells)) }
        default: break
        }
    }
}
