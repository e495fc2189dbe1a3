import Foundation
import Hummingbird
import KizashiApp
import KizashiArchive  // ArchiveRejected → 413/422
import KizashiCore
import KizashiStore
import ZIPFoundation  // writing the export's zip only; uploads are read by KizashiArchive

/// Imports (a CSV or a zipped package, uploaded as the request body) and export (a zipped package).
///
/// An upload is streamed to a private folder (`UploadFolder`), never held in memory whole, then
/// imported by the same `ImportService` as `kizashi import`: one transaction, rejected rows kept
/// for download, a zip unpacked by the bounded extractor inside that folder.
enum TransferRoutes {

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        let importsDirectory = services.configuration.uploadsDirectory

        api.post("/imports") { request, context in
            try context.require(.editor)
            await services.audit.record(
                .dataImport, by: context.auditActor, detail: request.uri.query.map { String($0.prefix(300)) })
            var asked = try importRequest(request)
            let id = Secrets.token(bytes: 12)
            UploadFolder.sweep(
                root: importsDirectory,
                olderThan: Date(timeIntervalSince1970: Double(services.now().millisecondsSinceEpoch) / 1000 - 86_400))
            let folder = try UploadFolder(root: importsDirectory, id: id)
            // After success and after failure alike, only rejected.csv stays.
            defer { folder.discardUpload() }
            let upload = try folder.newFile("upload")
            try await save(request, to: upload, limit: services.configuration.maxUploadBytes)
            asked.options.rejectedPath = folder.rejectedPath
            asked.options.maxRecordBytes = services.configuration.maxRecordBytes
            asked.options.archiveLimits = services.configuration.archiveLimits
            let outcome: ImportService.Outcome
            // A single sheet that failed or was previewed is kept for the mapping editor (issue 28 item 9).
            func editor() -> String? {
                guard asked.source == .sheet, let entity = asked.entity, asked.mappingFile?.files.isEmpty ?? true,
                    let owner = draftOwner(context)
                else { return nil }
                let token = SheetMappingEditor(store: services.store, drafts: ImportDrafts(root: importsDirectory))
                    .keep(
                        uploadFolder: folder, filename: request.query("filename"), entity: entity,
                        sheet: asked.sheet, owner: owner, now: services.now(), headerRow: asked.headerRow,
                        mapping: asked.mappingFile?.single ?? .init())
                return token.map { "/import/mapping/\($0)" }
            }
            // Before the import's transaction begins (`DashboardData.importBegan`).
            let mark = await services.data.importBegan()
            do {
                let (filename, job) = (request.query("filename"), asked)
                // The pages are loaded inside `during`: event batches wait in the inbox meanwhile.
                outcome = try await services.imports.during {
                    let outcome = try await ImportService(store: services.store).importUpload(
                        at: upload, filename: filename, request: job)
                    await services.importCommitted(
                        wroteData: outcome.wroteData, addedActivitiesOnly: outcome.addedActivitiesOnly, since: mark)
                    return outcome
                }
            } catch {
                throw importProblem(
                    error, id: id, folder: folder.url.path,
                    editor: error is ImportFailure || error is StrictImportRejected ? editor() : nil)
            }
            var body = outcomeJSON(outcome, id: id)
            // A preview, or rows rejected (re-importing the whole sheet with a better mapping changes
            // nothing of the rows already in).
            if let report = outcome.canonicalReport, report.dryRun || report.rejectedTotal > 0,
                case .object(var fields) = body, let link = editor()
            {
                fields.append(("editor", .string(link)))
                body = .object(fields)
            }
            return Responses.json(body)
        }

        api.get("/imports/:id/rejected.csv") { request, context in
            let id = try context.parameters.require("id")
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                let data = FileManager.default.contents(
                    atPath: importsDirectory.appendingPathComponent(id).appendingPathComponent("rejected.csv").path)
            else { throw ProblemDetails.notFound("Rejected rows of import \(id)") }
            return Responses.download(data, contentType: "text/csv; charset=utf-8", filename: "rejected-\(id).csv")
        }

        api.get("/export") { request, context in
            try context.require(.editor)
            await services.audit.record(.dataExport, by: context.auditActor, target: "the whole workspace")
            let work = FileManager.default.temporaryDirectory.appendingPathComponent(
                "kizashi-export-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: work) }
            let folder = work.appendingPathComponent("kizashi-package")
            _ = try await PackageExporter(store: services.store).export(to: folder.path)
            let zip = work.appendingPathComponent("kizashi-package.zip")
            try FileManager.default.zipItem(at: folder, to: zip)
            let data = try Data(contentsOf: zip)
            return Responses.download(data, contentType: "application/zip", filename: "kizashi-package.zip")
        }
    }

    /// The import `POST /api/v1/imports` asks for:
    /// `?source=canonical|sheet|salesforce|hubspot|marketo|bombora|intent|nta` (default canonical),
    /// `dry_run`, `strict`, `encoding`, `entity` (a single canonical CSV; a sheet), `sheet` (the
    /// workbook sheet), `mapping` (sheet and hubspot: header → field, JSON or `header: field` lines; salesforce and
    /// marketo: header → company/contact reference column),
    /// `date` (bombora), `filename` (a connector file's own name, which Salesforce files need).
    static func importRequest(_ request: Request) throws -> ImportService.Request {
        func flag(_ key: String) -> Bool { ["1", "true", "yes"].contains(request.query(key) ?? "") }
        var source = ConnectorSource.canonical
        if let s = request.query("source") {
            guard let v = ConnectorSource(rawValue: s) else {
                throw ProblemDetails.badRequest("source must be one of \(ConnectorSource.names)", field: "source")
            }
            source = v
        }
        var encoding: SourceEncoding?
        if let e = request.query("encoding") {
            guard let v = SourceEncoding(name: e) else {
                throw ProblemDetails.badRequest("encoding must be utf-8 or shift_jis", field: "encoding")
            }
            encoding = v
        }
        var entity: CanonicalEntity?
        if let e = request.query("entity") {
            guard let v = CanonicalEntity(rawValue: e) else {
                throw ProblemDetails.badRequest(
                    "entity must be one of \(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", "))",
                    field: "entity")
            }
            entity = v
        }
        var mappingFile: ImportMapping?
        if let m = request.query("mapping") {
            do { mappingFile = try MappingFileReader.parse(Data(m.utf8)) } catch {
                throw ProblemDetails.badRequest(
                    "mapping must be header → column pairs, e.g. {\"社名\":\"name\"}, or columns/values/constants/files (\(error))",
                    field: "mapping")
            }
        }
        var headerRow: Int?
        if let r = request.query("header_row") {
            guard let n = Int(r), n >= 1 else {
                throw ProblemDetails.badRequest("header_row must be a row number ≥ 1", field: "header_row")
            }
            headerRow = n
        }
        var date: Day?
        if let d = request.query("date") {
            guard let v = Day(iso: d) else { throw ProblemDetails.badRequest("date must be YYYY-MM-DD", field: "date") }
            date = v
        }
        return ImportService.Request(
            source: source, paths: [], entity: entity,
            options: PackageImporter.Options(strict: flag("strict"), encoding: encoding, dryRun: flag("dry_run")),
            mapping: mappingFile?.single.columns ?? [:], sheet: request.query("sheet"), date: date,
            mappingFile: mappingFile, headerRow: headerRow)
    }

    /// The report of an import as JSON: a canonical import's, plus the sheets and column mapping
    /// of a sheet (so the page can preview it with `dry_run=1`), or a connector's.
    static func outcomeJSON(_ outcome: ImportService.Outcome, id: String) -> JSONValue {
        switch outcome {
        case .package(let report): return .object(reportJSON(report, id: id))
        case .sheet(let sheet):
            var body = reportJSON(sheet.report, id: id)
            body.append(("sheets", .array(sheet.sheets.map { .string($0) })))
            body.append(("sheet", sheet.sheet.map { .string($0) } ?? .null))
            body.append(
                (
                    "mapping",
                    .array(
                        sheet.mapping.headers.map {
                            .object([
                                ("header", .string($0.header)), ("column", $0.column.map { .string($0) } ?? .null),
                            ])
                        })
                ))
            return .object(body)
        case .folder(let folder):
            var body = reportJSON(folder.report, id: id)
            body.append(
                (
                    "mappings",
                    .array(
                        folder.sheets.map { sheet in
                            .array(
                                sheet.mapping.headers.map {
                                    .object([
                                        ("header", .string($0.header)),
                                        ("column", $0.column.map { .string($0) } ?? .null),
                                    ])
                                })
                        })
                ))
            return .object(body)
        case .connector(let report):
            return .object([
                ("source", .string(report.source)), ("files", .array(report.files.map { .string($0) })),
                ("encoding", .string(report.encoding)), ("rows_read", .int(report.rowsRead)),
                ("mapped", .int(report.mapped)), ("dry_run", .bool(report.dryRun)),
                (
                    "skipped",
                    .object(report.skipped.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.int($0.value)) })
                ),
                (
                    "rejected",
                    .array(
                        report.rejected.prefix(1000).map {
                            .object([
                                ("line", .int($0.line)), ("column", .string($0.column)), ("reason", .string($0.reason)),
                                ("reason_ja", .string(ImportReasonText.text($0.reason, .ja))),
                            ])
                        })
                ),
                ("rejected_total", .int(report.rejected.count)), ("notes", .array(report.notes.map { .string($0) })),
            ])
        }
    }

    /// An import's failure as the problem+json the client gets (422): a `--strict` rejection with
    /// its report, a failed import or store write with its reason; anything else unchanged.
    /// `folder`: the upload's private folder, whose path never shows (the file's own name does);
    /// `editor`: the mapping editor's address, offered with a failed sheet.
    static func importProblem(_ error: any Error, id: String?, folder: String? = nil, editor: String? = nil)
        -> any Error
    {
        switch error {
        case let e as StrictImportRejected:
            return ProblemDetails(
                status: .unprocessableContent, title: "Import rejected (strict)",
                detail: "\(e.report.rejectedTotal) row(s) are bad, so nothing was imported.",
                extensions: (id.map { reportJSON(e.report, id: $0) } ?? [])
                    + (editor.map { [("editor", .string($0))] } ?? []))
        case let e as ImportFailure:
            let detail = folder.map { e.description.replacingOccurrences(of: $0 + "/", with: "") } ?? e.description
            return ProblemDetails(
                status: .unprocessableContent, title: "Import failed", detail: "\(detail). Nothing was imported.",
                extensions: editor.map { [("editor", .string($0))] } ?? [])
        case let e as ArchiveRejected:
            // A bomb or an over-full zip is too large (413); a hostile or damaged one cannot be
            // processed (422). Either way nothing of it was imported or kept.
            switch e.reason {
            case .tooLarge, .tooManyEntries, .compressionRatio:
                return ProblemDetails(
                    status: .contentTooLarge, title: "Upload too large",
                    detail: "\(e.description) Nothing was imported.")
            case .unsafePath, .notAZip:
                return ProblemDetails(
                    status: .unprocessableContent, title: "Unusable zip",
                    detail: "\(e.description) Nothing was imported."
                )
            }
        case let e as ImportRequestProblem:
            return ProblemDetails.badRequest(e.message, field: e.field.rawValue)
        case let e as StoreError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Import failed", detail: "\(e.message). Nothing was imported.")
        default:
            return error
        }
    }

    /// Who a kept upload belongs to: the signed-in user, or the API token.
    static func draftOwner(_ context: KizashiRequestContext) -> String? {
        switch context.identity?.kind {
        case .browser(let user, _): "user:\(user.id)"
        case .token(let token): "token:\(token.id)"
        case nil: nil
        }
    }

    /// Streams the body to `url` (created 0600 by `UploadFolder`), never more than `limit` bytes.
    static func save(_ request: Request, to url: URL, limit: Int64) async throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var total: Int64 = 0
        for try await chunk in request.body {
            total += Int64(chunk.readableBytes)
            guard total <= limit else {
                throw ProblemDetails(
                    status: .contentTooLarge, title: "Upload too large",
                    detail:
                        "Uploads are limited to \(limit / (1 << 20)) MiB (kizashi serve --max-upload-bytes); import larger packages with `kizashi import`."
                )
            }
            try handle.write(contentsOf: Data(chunk.readableBytesView))
        }
        guard total > 0 else { throw ProblemDetails.badRequest("the upload is empty", field: "file") }
    }

    static func reportJSON(_ r: ImportReport, id: String) -> [(String, JSONValue)] {
        [
            ("import_id", .string(id)), ("committed", .bool(r.committed && !r.dryRun)), ("dry_run", .bool(r.dryRun)),
            ("rows_read", .int(r.rowsRead)), ("imported", .int(r.imported)), ("rejected_total", .int(r.rejectedTotal)),
            ("icp_set", .bool(r.icpSet)),
            (
                "files",
                .array(
                    r.files.map { f in
                        .object([
                            ("file", .string((f.file as NSString).lastPathComponent)), ("entity", .string(f.entity)),
                            ("encoding", .string(f.encoding)), ("rows_read", .int(f.rowsRead)),
                            ("imported", .int(f.imported)), ("rejected", .int(f.rejected)),
                            ("warnings", .array(f.warnings.map { .string($0) })),
                            (
                                "columns",
                                .array(
                                    f.columns.map { c in
                                        .object([
                                            ("header", .string(c.header)),
                                            ("column", c.column.map { .string($0) } ?? .null),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "rejected",
                .array(
                    r.firstRejected.prefix(100).map { row in
                        .object([
                            ("file", .string((row.file as NSString).lastPathComponent)), ("line", .int(row.line)),
                            ("column", .string(row.column)), ("value", .string(row.value)),
                            ("reason", .string(row.reason)),
                            ("reason_ja", .string(ImportReasonText.text(row.reason, .ja))),
                        ])
                    })
            ),
            ("rejected_csv", r.rejectedTotal > 0 ? .string("/api/v1/imports/\(id)/rejected.csv") : .null),
        ]
    }
}
