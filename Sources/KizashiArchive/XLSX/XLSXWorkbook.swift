import Foundation
import KizashiCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the cells of one sheet of an Excel `.xlsx` workbook (Office Open XML, ECMA-376 Part 1):
/// enough for the spreadsheets marketing teams keep — text, numbers, booleans and dates —
/// without a dependency beyond zlib.
///
/// A workbook is a zip of XML from outside, so it is opened within `ArchiveLimits` (a bomb of
/// a sheet is refused before it is inflated) and every number read from it is bound: cell
/// references to Excel's grid (`SheetCellReference`), shared-string indexes to the strings
/// there are, dates to Excel's range (`ExcelSerialDate`), and the cells a sheet spreads over to
/// `maxCells`. Any violation is a `Failure` naming the sheet and the cell.
///
/// Dates are numbers in a date format: they come out as `YYYY-MM-DD` (or
/// `YYYY-MM-DDTHH:MM:SS` with a time part), which is what the canonical parser reads; whole
/// numbers come out without `.0` (a 法人番号 typed as a number stays 13 digits).
public struct XLSXWorkbook {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// One row: its number in the sheet (1-based, as Excel shows it) and its cells, gaps filled
    /// with empty strings.
    public typealias Row = (number: Int, cells: [String])

    /// Cells (rows × the columns each row reaches, gaps included) one sheet may fill: a sheet
    /// is read whole, and a one-cell-per-row file at column XFD would otherwise cost 16,384
    /// strings a row. 10 million is 100,000 rows × 100 columns.
    public static let maxCells = 10_000_000

    let zip: ZipReader
    public let sheetNames: [String]
    let sheetPaths: [String]

    public init(path: String, limits: ArchiveLimits = .default) throws {
        do {
            zip = try ZipReader(url: URL(fileURLWithPath: path), limits: limits)
        } catch let e as ArchiveRejected {
            throw Failure(description: "not a readable .xlsx workbook: \(e.description)")
        }
        (sheetNames, sheetPaths) = try Self.sheets(zip)
    }

    /// The same over the workbook's bytes (tests and fuzzing).
    public init(bytes: [UInt8], limits: ArchiveLimits = .default) throws {
        do {
            zip = try ZipReader(bytes: bytes, limits: limits)
        } catch let e as ArchiveRejected {
            throw Failure(description: "not a readable .xlsx workbook: \(e.description)")
        }
        (sheetNames, sheetPaths) = try Self.sheets(zip)
    }

    static func sheets(_ zip: ZipReader) throws -> ([String], [String]) {
        let workbook = try parse(entry(zip, "xl/workbook.xml"), XLSXWorkbookPart())
        let rels = try parse(entry(zip, "xl/_rels/workbook.xml.rels"), XLSXRelationshipsPart())
        let names = workbook.sheets.map(\.name)
        let paths = workbook.sheets.map { s in
            let target = rels.targets[s.relationship] ?? ""
            // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…").
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard !names.isEmpty else { throw Failure(description: "the workbook has no sheets") }
        return (names, paths)
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
        if zip.entry("xl/sharedStrings.xml") != nil {
            shared = try Self.parse(Self.entry(zip, "xl/sharedStrings.xml"), XLSXSharedStringsPart()).strings
        }
        var dateStyles = Set<Int>()
        if zip.entry("xl/styles.xml") != nil {
            dateStyles = try Self.parse(Self.entry(zip, "xl/styles.xml"), XLSXStylesPart()).dateStyleIndexes
        }
        let sheetName = ArchiveRejected.printable(sheetNames[index])
        let parser = XLSXSheetPart(sheet: sheetName, shared: shared, dateStyles: dateStyles, maxCells: Self.maxCells)
        return try Self.parse(Self.entry(zip, sheetPaths[index]), parser).rows
    }

    /// The part's bytes, which must be UTF-8 text. Why check: FoundationXML's parser force-unwraps
    /// element, attribute and namespace names (and comments) as UTF-8, and libxml2's recovery mode
    /// hands it invalid bytes unchanged — one such name in an uploaded workbook stopped the server
    /// (found by fuzzing, issue 25). Excel writes every part as UTF-8.
    static func entry(_ zip: ZipReader, _ path: String) throws -> Data {
        guard let e = zip.entry(path) else { throw Failure(description: "not an .xlsx workbook: no \(path) inside") }
        let bytes: [UInt8]
        do {
            bytes = try zip.contents(of: e)
        } catch let e as ArchiveRejected {
            throw Failure(description: "not a readable .xlsx workbook: \(e.description)")
        }
        guard isUTF8(bytes) else {
            throw Failure(description: "not a readable .xlsx workbook: \(path) is not UTF-8 text")
        }
        return Data(bytes)
    }

    /// Whether `bytes` are well-formed UTF-8, without building a string (a sheet part can be large).
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Runs a part's parser; a part that found a bound broken (`failure`) says so instead of
    /// the XML error its abort causes.
    static func parse<P: XLSXPart>(_ data: Data, _ delegate: P) throws -> P {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw Failure(description: failure) }
        guard ok else {
            throw Failure(
                description:
                    "malformed XML in the workbook (line \(parser.lineNumber)): \(parser.parserError.map { "\($0)" } ?? "")"
            )
        }
        return delegate
    }
}

/// An XML part's parser; `failure` is set (and parsing aborted) when the part breaks a bound.
protocol XLSXPart: XMLParserDelegate {
    var failure: String? { get }
}
