import Foundation
import KizashiCore

/// Reads the cells of one sheet of an Excel `.xlsx` workbook (Office Open XML, ECMA-376 Part 1):
/// enough for the spreadsheets marketing teams keep — text, numbers, booleans and dates —
/// without a dependency beyond zlib.
///
/// A workbook is a zip of XML from outside: it is opened within `ArchiveLimits` (a bomb of a
/// sheet is refused before it is inflated), each part must be UTF-8, and the XML is read by
/// Core's `WorkbookXMLScanner` (no DTD, no entities) into `XLSXParts` and `XLSXSheetReader`,
/// which bind every number read (cell references, rows, shared-string indexes, dates, the cells
/// a sheet spreads over). Any violation is a `Failure` naming the part, or the sheet and cell.
public struct XLSXWorkbook {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// One row: its number in the sheet (1-based, as Excel shows it) and its cells, gaps filled
    /// with empty strings.
    public typealias Row = XLSXSheetReader.Row

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
        let workbook = try part(zip, "xl/workbook.xml") { try XLSXParts.sheets(workbook: $0) }
        let rels = try part(zip, "xl/_rels/workbook.xml.rels") { try XLSXParts.relationships($0) }
        let names = workbook.map(\.name)
        let paths = workbook.map { s in
            let target = rels[s.relationship] ?? ""
            // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…").
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard !names.isEmpty else { throw Failure(description: "the workbook has no sheets") }
        return (names, paths)
    }

    /// The rows of `sheet` (default: the first sheet), in order; empty rows are left out. At most
    /// `maxCells` cells (rows × the columns each reaches).
    public func rows(sheet: String? = nil, maxCells: Int = XLSXWorkbook.maxCells) throws -> [Row] {
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
            shared = try Self.part(zip, "xl/sharedStrings.xml") { try XLSXParts.sharedStrings($0) }
        }
        var dateStyles = Set<Int>()
        if zip.entry("xl/styles.xml") != nil {
            dateStyles = try Self.part(zip, "xl/styles.xml") { try XLSXParts.dateStyles($0) }
        }
        let name = ArchiveRejected.printable(sheetNames[index])
        return try Self.part(zip, sheetPaths[index]) {
            try XLSXSheetReader.rows($0, sheet: name, shared: shared, dateStyles: dateStyles, maxCells: maxCells)
        }
    }

    /// Reads a part and parses it; the part's failures come out as `Failure`s.
    static func part<T>(_ zip: ZipReader, _ path: String, _ parse: ([UInt8]) throws -> T) throws -> T {
        let bytes = try entry(zip, path)
        do {
            return try parse(bytes)
        } catch let e as WorkbookXMLScanner.Failure {
            throw Failure(description: "not a readable .xlsx workbook: \(path): \(e.description)")
        } catch let e as XLSXSheetReader.Failure {
            throw Failure(description: e.description)
        }
    }

    /// The part's bytes, which must be UTF-8 text (Excel writes every part as UTF-8; the check
    /// was first added because Foundation's XMLParser trapped on a name that was not).
    static func entry(_ zip: ZipReader, _ path: String) throws -> [UInt8] {
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
        return bytes
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
}
