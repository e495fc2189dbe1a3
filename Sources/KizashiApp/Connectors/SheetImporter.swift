import Foundation
import KizashiArchive
import KizashiCore
import KizashiStore

/// `--from sheet`: a CSV (UTF-8 or Shift_JIS) or `.xlsx` sheet that a person keeps, with its
/// own header names, imported as one canonical entity.
///
/// The sheet is mapped (`SheetColumnMapping`), rewritten as a canonical file and imported by
/// the same `PackageImporter` as a canonical package — so a sheet's rows get exactly the
/// checks, reference rules, rejected.csv, `--strict` and one-transaction guarantee of every
/// other import, with rejected rows reported against the sheet's own row numbers and headers.
/// A sheet is read whole (spreadsheets are thousands of rows, not millions; big data comes as
/// canonical files, which stream).
public struct SheetImporter: Sendable {
    public let store: any WorkspaceStore
    public let progress: @Sendable (ImportProgress) -> Void

    public init(store: any WorkspaceStore, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) {
        self.store = store
        self.progress = progress
    }

    public struct Outcome: Sendable {
        public var mapping: SheetColumnMapping
        /// The mapping file's value maps (column → value → map) and how many rows had each value
        /// (column → value as written → rows), for the preview.
        public var valueMaps: [String: [String: String]] = [:]
        public var valueHits: [String: [String: Int]] = [:]
        public var constants: [String: String] = [:]
        /// The workbook's sheets and the one read (nil for CSV).
        public var sheets: [String] = []
        public var sheet: String?
        public var report: ImportReport
    }

    /// The sheet's rows (1-based row numbers as Excel or a text editor shows them), empty rows left
    /// out. A workbook is unpacked within `limits`; a CSV record longer than `maxRecordBytes` fails
    /// the read with its line.
    public static func readRows(
        path: String, sheet: String?, encoding: SourceEncoding?, limits: ArchiveLimits = .default,
        maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes, maxCells: Int = XLSXWorkbook.maxCells
    ) throws -> (
        rows: [XLSXWorkbook.Row], sheets: [String], sheet: String?, encoding: String
    ) {
        if isWorkbook(path) {
            do {
                let book = try XLSXWorkbook(path: path, limits: limits)
                let name = sheet ?? book.sheetNames[0]
                return (try book.rows(sheet: name), book.sheetNames, name, "xlsx")
            } catch let e as XLSXWorkbook.Failure {
                throw ImportFailure(file: path, message: e.description)
            }
        }
        if sheet != nil { throw ImportFailure(file: path, message: "--sheet applies to .xlsx workbooks only") }
        // A CSV sheet is read whole too: the same cell budget as a workbook's sheet.
        var rows: [XLSXWorkbook.Row] = []
        var cells = 0
        var firstBad: (line: Int, reason: String)?
        let enc = try ConnectorFileReader.read(
            path: path, encoding: encoding, maxRecordBytes: maxRecordBytes,
            onRecord: { fields, line in
                cells += fields.count
                guard cells <= maxCells else {
                    throw ImportFailure(
                        file: path,
                        message:
                            "line \(line): the sheet holds more than \(maxCells) cells; import it as a canonical file (--entity) instead"
                    )
                }
                if fields.contains(where: { !$0.trimmingASCIIWhitespace().isEmpty }) { rows.append((line, fields)) }
            },
            onBadRecord: { line, reason in firstBad = firstBad ?? (line, reason) })
        if let bad = firstBad {
            throw ImportFailure(file: path, message: "line \(bad.line): \(bad.reason)")
        }
        return (rows, [], nil, enc.displayName)
    }

    /// `.xlsx` by name, or a zip signature (a workbook saved without its extension).
    static func isWorkbook(_ path: String) -> Bool {
        if path.lowercased().hasSuffix(".xlsx") { return true }
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return Array(h.readData(ofLength: 4)) == [0x50, 0x4B, 0x03, 0x04]
    }

    /// Reads and maps the sheet, then imports it as `entity` (nothing is written on a dry run;
    /// `options.dryRun` is the preview).
    public func importSheet(
        path: String, entity: CanonicalEntity, overrides: [String: String] = [:], sheet: String? = nil,
        file: ImportMapping.FileMapping = .init(), headerRow: Int? = nil, options: PackageImporter.Options = .init()
    ) async throws -> Outcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var file = file
        file.columns = overrides.merging(file.columns) { _, fromFile in fromFile }
        let prepared = try await prepare(
            path: path, entity: entity, sheet: sheet, file: file, options: options, into: dir.path,
            headerRow: headerRow)
        var canonicalOptions = options
        canonicalOptions.encoding = .utf8
        canonicalOptions.shownAs = prepared.shownAs
        do {
            let report = try await PackageImporter(store: store, progress: progress).importFile(
                at: prepared.copy, entity: entity, options: canonicalOptions)
            return prepared.outcome(report)
        } catch let e as StrictImportRejected {
            throw StrictImportRejected(report: prepared.patched(e.report))
        }
    }

    /// `constants` of a mapping file: one value for every row of a column the sheet lacks (or
    /// fills the empty cells of one it has).
    static func addConstants(
        _ constants: [String: String], entity: CanonicalEntity, path: String, header: inout [String],
        rows: inout [[String]]
    ) throws {
        for (column, value) in constants.sorted(by: { $0.key < $1.key }) {
            guard entity.columns.contains(column) else {
                throw ImportFailure(
                    file: path,
                    message:
                        "the constant \(column) is not a column of \(entity.rawValue) (\(entity.columns.joined(separator: ", ")))"
                )
            }
            if let at = header.firstIndex(of: column) {
                for i in rows.indices where at < rows[i].count && rows[i][at].trimmingASCIIWhitespace().isEmpty {
                    rows[i][at] = value
                }
            } else {
                header.append(column)
                for i in rows.indices { rows[i].append(value) }
            }
        }
    }
}
