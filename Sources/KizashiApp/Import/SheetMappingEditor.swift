import Foundation
import KizashiCore
import KizashiStore

/// The use case behind the import page's column mapping editor (issue 28 item 9): keep a sheet
/// whose import failed or was previewed (`ImportDrafts`), show its columns (`SheetColumnPreview`),
/// and import it again with the mapping the editor's form asks for (`SheetMappingForm`) — the
/// same `ImportMapping.FileMapping` a mapping file gives, so the import is `kizashi import
/// --from sheet --mapping` exactly.
public struct SheetMappingEditor: Sendable {
    public let store: any WorkspaceStore
    public let drafts: ImportDrafts

    public init(store: any WorkspaceStore, drafts: ImportDrafts) {
        self.store = store
        self.drafts = drafts
    }

    /// The editor's page: the draft, its columns as `file` maps them, and what the last
    /// submission did.
    public struct Editing: Sendable {
        public var token: String
        public var draft: ImportDraft
        public var preview: SheetColumnPreview
        /// The form could not be read as a mapping (an unknown field, a field given twice, …).
        public var problem: String?
        /// The import ran (a preview when `report.dryRun`).
        public var report: ImportReport?
        /// The import failed; the message names the uploaded file, never a server path.
        public var failure: String?
    }

    /// Keeps the sheet an upload folder holds (the one file beside its rejected rows) as a draft
    /// for `owner`; nil when there is no single sheet to keep or its columns cannot be read.
    public func keep(
        uploadFolder: UploadFolder, filename: String?, entity: CanonicalEntity, sheet: String?, owner: String,
        now: Instant, headerRow: Int? = nil, mapping: ImportMapping.FileMapping = .init()
    ) -> String? {
        let files = ImportService.regularFiles(in: uploadFolder.url).filter {
            ($0 as NSString).lastPathComponent != UploadFolder.rejectedName
        }
        guard files.count == 1 else { return nil }
        let file = URL(fileURLWithPath: files[0])
        guard
            (try? Self.read(
                path: file.path, sheet: sheet, entity: entity, headerRow: headerRow, mapped: Set(mapping.columns.keys)))
                != nil
        else {
            return nil
        }
        let name = ((filename ?? "") as NSString).lastPathComponent
        return try? drafts.keep(
            file: file,
            draft: ImportDraft(
                owner: owner, filename: name.isEmpty ? file.lastPathComponent : name, entity: entity, sheet: sheet,
                keptAt: now, headerRow: headerRow, mapping: mapping))
    }

    /// The editor as first shown: the columns with the inferred mapping. nil: no such draft for `owner`.
    public func open(_ token: String, owner: String, now: Instant) throws -> Editing? {
        guard let (draft, path) = drafts.open(token, owner: owner, now: now), let entity = draft.entity else {
            return nil
        }
        let read = try Self.read(
            path: path, sheet: draft.sheet, entity: entity, headerRow: draft.headerRow,
            mapped: Set(draft.columns.keys))
        return Editing(
            token: token, draft: draft,
            preview: SheetColumnPreview(
                rows: read.rows, headerIndex: read.headerIndex, entity: entity, file: draft.mapping))
    }

    /// Imports the draft with the mapping `form` asks for (a preview when `dryRun`); the draft
    /// goes once the import is written. nil: no such draft for `owner`.
    public func submit(
        _ token: String, owner: String, now: Instant, form: [(name: String, value: String)], dryRun: Bool,
        options: PackageImporter.Options
    ) async throws -> Editing? {
        guard let (draft, path) = drafts.open(token, owner: owner, now: now), let entity = draft.entity else {
            return nil
        }
        let read = try Self.read(
            path: path, sheet: draft.sheet, entity: entity, headerRow: draft.headerRow,
            mapped: Set(draft.columns.keys))
        // What the page showed: the upload's own mapping, else the inferred one.
        let shown = SheetColumnPreview(
            rows: read.rows, headerIndex: read.headerIndex, entity: entity, file: draft.mapping)
        var editing = Editing(token: token, draft: draft, preview: shown)
        var file: ImportMapping.FileMapping
        do { file = try SheetMappingForm.mapping(form, preview: shown) } catch {
            editing.problem = error.description
            return editing
        }
        file.constants = draft.constants
        editing.preview = SheetColumnPreview(
            rows: read.rows, headerIndex: read.headerIndex, entity: entity, file: file)
        guard editing.preview.missing.isEmpty else { return editing }
        var options = options
        options.dryRun = dryRun
        do {
            let outcome = try await SheetImporter(store: store).importSheet(
                path: path, entity: entity, sheet: draft.sheet, file: file, headerRow: editing.preview.headerRow,
                options: options)
            editing.report = outcome.report
            if !dryRun { drafts.discard(token) }
        } catch let e as ImportFailure {
            editing.failure = Self.shown(e.message, path: path, as: draft.filename)
        } catch let e as StrictImportRejected {
            editing.report = e.report
        } catch let e as StoreError {
            // The transaction was rolled back: nothing was written, the draft stays.
            editing.failure = Self.shown(e.message, path: path, as: draft.filename)
        }
        return editing
    }

    /// The sheet's rows and its header row, as the import reads them (`headerRow`: the row asked
    /// for with the upload, when the sheet has it).
    static func read(
        path: String, sheet: String?, entity: CanonicalEntity, headerRow: Int?, mapped: Set<String> = []
    ) throws -> (
        rows: [(number: Int, cells: [String])], headerIndex: Int
    ) {
        let read = try SheetImporter.readRows(path: path, sheet: sheet, encoding: nil)
        guard !read.rows.isEmpty else { throw ImportFailure(file: path, message: "the sheet is empty") }
        let rows = read.rows.map { (number: $0.number, cells: $0.cells) }
        if let headerRow, let i = rows.firstIndex(where: { $0.number == headerRow }) { return (rows, i) }
        return (rows, SheetHeaderRow.detect(rows.map(\.cells), entity: entity, mapped: mapped))
    }

    /// A message with the server's path of the kept file replaced by the file's own name.
    static func shown(_ message: String, path: String, as name: String) -> String {
        message.replacingOccurrences(of: path, with: name)
    }
}
