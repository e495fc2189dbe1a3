import Foundation
import KizashiCore

/// One sheet mapped and rewritten as a canonical file, ready for `PackageImporter` — alone, or
/// with the other files of a folder in one transaction (`SheetFolderImporter`).
struct PreparedSheet: Sendable {
    var copy: String
    var entity: CanonicalEntity
    var shownAs: PackageImporter.ShownSource
    var mapping: SheetColumnMapping
    var file: ImportMapping.FileMapping
    var valueHits: [String: [String: Int]]
    var sheets: [String]
    var sheet: String?
    var encoding: String
    var notes: [String]
    /// The companies and contacts this file will write (later files may refer to them).
    var companies: [Company] = []
    var contacts: [Contact] = []

    /// The report with the sheet's own columns, encoding and notes (file by file of this sheet).
    func patched(_ r: ImportReport) -> ImportReport {
        var r = r
        for i in r.files.indices where r.files[i].file == shownAs.file {
            r.files[i].columns = mapping.headers
            r.files[i].encoding = encoding
            r.files[i].warnings = notes + r.files[i].warnings
        }
        return r
    }

    func outcome(_ report: ImportReport) -> SheetImporter.Outcome {
        SheetImporter.Outcome(
            mapping: mapping, valueMaps: file.values, valueHits: valueHits, constants: file.constants,
            sheets: sheets, sheet: sheet, report: patched(report))
    }
}

extension SheetImporter {
    /// Reads and maps the sheet at `path`, applies the mapping file's value maps and constants,
    /// resolves companies (名寄せ) and references, and writes the canonical copy into `dir`.
    /// `earlierCompanies` / `earlierContacts`: written by files before this one in the same import.
    func prepare(
        path: String, entity: CanonicalEntity, sheet: String?, file: ImportMapping.FileMapping,
        options: PackageImporter.Options, into dir: String, headerRow: Int? = nil, earlierCompanies: [Company] = [],
        earlierContacts: [Contact] = []
    ) async throws -> PreparedSheet {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportFailure(file: path, message: "cannot read the file")
        }
        let read = try Self.readRows(
            path: path, sheet: sheet, encoding: options.encoding, limits: options.archiveLimits,
            maxRecordBytes: options.maxRecordBytes)
        guard !read.rows.isEmpty else { throw ImportFailure(file: path, message: "the sheet is empty") }
        // The header row: as given (`--header-row`, the sheet's row number), else detected.
        let headerIndex: Int
        if let headerRow {
            guard let i = read.rows.firstIndex(where: { $0.number == headerRow }) else {
                throw ImportFailure(
                    file: path, message: "--header-row \(headerRow): the sheet has no such non-empty row")
            }
            headerIndex = i
        } else {
            headerIndex = SheetHeaderRow.detect(
                read.rows.map(\.cells), entity: entity, mapped: Set(file.columns.keys))
        }
        let header = read.rows[headerIndex]
        let body = Array(read.rows[(headerIndex + 1)...])
        let mapping: SheetColumnMapping
        do {
            mapping = try SheetColumnMapping(headers: header.cells, entity: entity, overrides: file.columns)
        } catch let e as SheetColumnMapping.Failure {
            throw ImportFailure(file: path, message: e.description)
        }
        // Value maps first (issue 29): the export's own words become canonical values before any check.
        var valueMaps: SheetValueMaps
        do { valueMaps = try SheetValueMaps(file.values, mapping: mapping) } catch {
            throw ImportFailure(file: path, message: error.description)
        }
        var valueIssues: [Int: (column: String, value: String, reason: String)] = [:]
        var sheetRows = body.map(\.cells)
        if !valueMaps.isEmpty {
            for i in sheetRows.indices {
                let applied = valueMaps.apply(sheetRows[i])
                sheetRows[i] = applied.cells
                if let issue = applied.issue { valueIssues[i] = issue }
            }
        }
        // The declared date order (`date_format`), before the canonical checks too.
        var dateNote: String?
        if let format = file.dateFormat {
            var rewritten = 0
            for i in sheetRows.indices {
                let applied = format.apply(sheetRows[i], columns: mapping.columns)
                rewritten += zip(applied.cells, sheetRows[i]).filter { $0 != $1 }.count
                sheetRows[i] = applied.cells
                if valueIssues[i] == nil, let issue = applied.issue { valueIssues[i] = issue }
            }
            dateNote = "dates read as \(format.order.rawValue) (date_format): \(rewritten) cell(s) rewritten to ISO"
        } else if let hit = SheetDateFormat.undeclaredOrder(in: sheetRows, columns: mapping.columns) {
            dateNote =
                "\(header.cells[hit.index]) (\(hit.column)) holds \"\(hit.value)\", a month- or day-first date: say which in the mapping file (date_format: M/D/YYYY or D/M/YYYY)"
        }
        var canonicalHeader = mapping.canonicalHeader
        var canonicalRows = sheetRows.map { mapping.canonicalFields($0) }
        try Self.addConstants(
            file.constants, entity: entity, path: path, header: &canonicalHeader, rows: &canonicalRows)
        var notes: [String] = mapping.duplicates + (dateNote.map { [$0] } ?? [])
        if headerIndex > 0 { notes.append("headers read from row \(header.number) (the rows above are not data)") }
        var companies: [Company] = []
        if entity == .companies {
            // 名寄せ: rows of companies the workspace already has become those companies (empty fields filled).
            let resolution = SheetCompanyResolution(
                header: canonicalHeader, rows: canonicalRows,
                existing: try await ConnectorImporter(store: store).allCompanies() + earlierCompanies)
            canonicalHeader = SheetCompanyResolution.header
            canonicalRows = resolution.rows
            companies = resolution.rows.compactMap(SheetCompanyResolution.company)
            notes.append(
                "companies: \(resolution.matched) matched to a workspace company"
                    + (resolution.derivedIds > 0
                        ? ", \(resolution.derivedIds) given an ID from their corporate number, domain or name" : ""))
            notes += resolution.notes.prefix(12)
            if resolution.notes.count > 12 { notes.append("… and \(resolution.notes.count - 12) more") }
        }
        // References by any key (issue 29): the company and contact IDs the rows name otherwise.
        var referenceIssues: [Int: (column: String, value: String, reason: String)] = [:]
        if mapping.hasCompanyReference || mapping.hasContactReference {
            let resolved = try await SheetReferences(store: store).resolve(
                mapping: mapping, sheetRows: sheetRows, canonicalHeader: canonicalHeader,
                canonicalRows: canonicalRows, extraCompanies: earlierCompanies, extraContacts: earlierContacts)
            canonicalRows = resolved.rows
            referenceIssues = resolved.issues
            notes += resolved.notes
        }
        notes += mapping.rewrites(sheetRows)
        var contacts: [Contact] = []
        if entity == .contacts, let id = canonicalHeader.firstIndex(of: "contact_id"),
            let company = canonicalHeader.firstIndex(of: "company_id")
        {
            let email = canonicalHeader.firstIndex(of: "email")
            contacts = canonicalRows.map { r in
                Contact(id: r[id], companyId: r[company], email: email.map { r[$0] })
            }
        }
        // The canonical copy, one record per sheet row; `lines` remembers which row each record
        // came from (a cell with a line break makes a record span several lines).
        var text = CSVText.line(canonicalHeader) + "\n"
        var lines = [0, header.number]
        var issues: [Int: (column: String, value: String, reason: String)] = [:]
        for (index, (row, fields)) in zip(body, canonicalRows).enumerated() {
            let line = CSVText.line(fields)
            lines.append(row.number)
            if let issue = valueIssues[index] ?? referenceIssues[index] { issues[lines.count - 1] = issue }
            for _ in 0..<line.utf8.lazy.filter({ $0 == 10 }).count { lines.append(row.number) }
            text += line + "\n"
        }
        let copy = (dir as NSString).appendingPathComponent(entity.fileName)
        guard FileManager.default.createFile(atPath: copy, contents: Data(text.utf8)) else {
            throw ImportFailure(file: path, message: "cannot write a working copy in \(dir)")
        }
        var shownAs = PackageImporter.ShownSource(
            file: read.sheet.map { "\(path) [\($0)]" } ?? path, lines: lines,
            headers: Dictionary(
                mapping.columns.flatMap { i, c in
                    // A reference column (`account: company`) is reported under the column it fills.
                    [(c, header.cells[i])]
                        + (SheetColumnMapping.referencedColumn(c).map { [($0, header.cells[i])] } ?? [])
                }, uniquingKeysWith: { a, _ in a }))
        shownAs.issues = issues
        return PreparedSheet(
            copy: copy, entity: entity, shownAs: shownAs, mapping: mapping, file: file, valueHits: valueMaps.hits,
            sheets: read.sheets, sheet: read.sheet, encoding: read.encoding, notes: notes, companies: companies,
            contacts: contacts)
    }
}
