import Foundation
import Hummingbird
import KizashiApp
import KizashiArchive
import KizashiCore
import KizashiStore
import ZIPFoundation  // writing the export's zip only; uploads are read by KizashiArchive

/// Imports (a CSV or a zipped package, uploaded as the request body) and export (a zipped package).
///
/// An upload is streamed to a temporary folder, never held in memory whole, then run through
/// the same `PackageImporter` as `kizashi import`: one transaction, rejected rows kept for download.
enum TransferRoutes {

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        let importsDirectory = services.configuration.uploadsDirectory

        api.post("/imports") { request, context in
            try context.require(.editor)
            await services.audit.record(
                .dataImport, by: context.auditActor, detail: request.uri.query.map { String($0.prefix(300)) })
            let dryRun = ["1", "true", "yes"].contains(request.query("dry_run") ?? "")
            if let source = request.query("source"), source != "canonical", source != "sheet" {
                return try await importFromSource(source, request: request, services: services, dryRun: dryRun)
            }
            let strict = ["1", "true", "yes"].contains(request.query("strict") ?? "")
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
            let id = Secrets.token(bytes: 12)
            UploadFolder.sweep(
                root: importsDirectory,
                olderThan: Date(timeIntervalSince1970: Double(services.now().millisecondsSinceEpoch) / 1000 - 86_400))
            let folder = try UploadFolder(root: importsDirectory, id: id)
            // After success and after failure alike, only rejected.csv stays.
            defer { folder.discardUpload() }
            let work = folder.url
            let upload = try folder.newFile("upload")
            try await save(request, to: upload, limit: services.configuration.maxUploadBytes)
            if request.query("source") == "sheet" {
                return try await importSheet(
                    upload: upload, work: work, id: id, entity: entity, request: request, services: services,
                    options: PackageImporter.Options(
                        strict: strict, encoding: encoding,
                        rejectedPath: work.appendingPathComponent("rejected.csv").path, dryRun: dryRun,
                        maxRecordBytes: services.configuration.maxRecordBytes,
                        archiveLimits: services.configuration.archiveLimits))
            }
            let isZip = try isZipFile(upload)
            if !isZip && entity == nil {
                throw ProblemDetails.badRequest(
                    "a single CSV needs ?entity= (companies, contacts, …); upload a .zip for a whole package",
                    field: "entity")
            }
            let options = PackageImporter.Options(
                strict: strict, encoding: encoding, rejectedPath: work.appendingPathComponent("rejected.csv").path,
                dryRun: dryRun, maxRecordBytes: services.configuration.maxRecordBytes,
                archiveLimits: services.configuration.archiveLimits)
            let importer = PackageImporter(store: services.store)
            let report: ImportReport
            do {
                if isZip {
                    let unpacked = work.appendingPathComponent("package")
                    _ = try ArchiveExtractor.extract(
                        zipAt: upload, to: unpacked, limits: services.configuration.archiveLimits)
                    let root = try packageRoot(unpacked).path
                    report = try await services.imports.during {
                        try await importer.importPackage(at: root, options: options)
                    }
                } else {
                    let csv = work.appendingPathComponent("\(entity!.rawValue).csv")
                    try FileManager.default.moveItem(at: upload, to: csv)
                    let e = entity!
                    report = try await services.imports.during {
                        try await importer.importFile(at: csv.path, entity: e, options: options)
                    }
                }
            } catch {
                throw importProblem(error, id: id)
            }
            if !dryRun { await services.changed() }
            return Responses.json(.object(reportJSON(report, id: id)))
        }

        api.get("/imports/:id/rejected.csv") { request, context in
            let id = try context.parameters.require("id")
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                let data = FileManager.default.contents(
                    atPath: importsDirectory.appendingPathComponent(id).appendingPathComponent("rejected.csv").path)
            else { throw ProblemDetails.notFound("Rejected rows of import \(id)") }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"rejected-\(id).csv\"",
                ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
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
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip",
                    .contentDisposition: "attachment; filename=\"kizashi-package.zip\"",
                ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// `POST /api/v1/imports?source=sheet&entity=…[&sheet=…][&mapping={json}]`: one CSV or .xlsx
    /// sheet with its own headers (SheetImporter), reported like a canonical import plus the
    /// column mapping, so the page can preview it with `dry_run=1` before importing.
    static func importSheet(
        upload: URL, work: URL, id: String, entity: CanonicalEntity?, request: Request, services: ServerServices,
        options: PackageImporter.Options
    ) async throws -> Response {
        guard let entity else {
            throw ProblemDetails.badRequest(
                "a sheet needs ?entity= (\(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", ")))",
                field: "entity")
        }
        var overrides: [String: String] = [:]
        if let m = request.query("mapping"), !m.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(m.utf8)) as? [String: String] else {
                throw ProblemDetails.badRequest(
                    "mapping must be a JSON object of header → column, e.g. {\"社名\":\"name\"}", field: "mapping")
            }
            overrides = object
        }
        let named = work.appendingPathComponent(try isZipFile(upload) ? "sheet.xlsx" : "sheet.csv")
        try FileManager.default.moveItem(at: upload, to: named)
        let outcome: SheetImporter.Outcome
        do {
            let sheet = request.query("sheet")
            let overrides = overrides
            outcome = try await services.imports.during {
                try await SheetImporter(store: services.store).importSheet(
                    path: named.path, entity: entity, overrides: overrides, sheet: sheet, options: options)
            }
        } catch {
            throw importProblem(error, id: id)
        }
        if !options.dryRun { await services.changed() }
        var body = reportJSON(outcome.report, id: id)
        body.append(("sheets", .array(outcome.sheets.map { .string($0) })))
        body.append(("sheet", outcome.sheet.map { .string($0) } ?? .null))
        body.append(
            (
                "mapping",
                .array(
                    outcome.mapping.headers.map {
                        .object([("header", .string($0.header)), ("column", $0.column.map { .string($0) } ?? .null)])
                    })
            ))
        return Responses.json(.object(body))
    }

    /// `POST /api/v1/imports?source=salesforce|hubspot|bombora|intent|nta[&filename=…][&date=…]`:
    /// the connectors of `kizashi import --from`, on one uploaded file or a zip of several.
    static func importFromSource(_ source: String, request: Request, services: ServerServices, dryRun: Bool)
        async throws -> Response
    {
        let sources = ["salesforce", "hubspot", "marketo", "bombora", "intent", "nta"]
        guard sources.contains(source) else {
            throw ProblemDetails.badRequest(
                "source must be canonical or one of \(sources.joined(separator: ", "))", field: "source")
        }
        let folder = try UploadFolder(root: services.configuration.uploadsDirectory, id: Secrets.token(bytes: 12))
        defer { folder.discardUpload() }
        let work = folder.url
        let upload = try folder.newFile("upload")
        try await save(request, to: upload, limit: services.configuration.maxUploadBytes)
        var paths: [String] = []
        if try isZipFile(upload) {
            let unpacked = work.appendingPathComponent("files")
            do {
                _ = try ArchiveExtractor.extract(
                    zipAt: upload, to: unpacked, limits: services.configuration.archiveLimits)
            } catch {
                throw importProblem(error, id: nil)
            }
            let walker = FileManager.default.enumerator(atPath: unpacked.path)
            while let rel = walker?.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                var isDir: ObjCBool = false
                let full = unpacked.appendingPathComponent(rel).path
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                    !name.hasPrefix("."), !rel.hasPrefix("__MACOSX")
                {
                    paths.append(full)
                }
            }
            paths.sort()
        } else {
            // The file's own name matters (Salesforce files are named after their object).
            let name = ((request.query("filename") ?? "upload.csv") as NSString).lastPathComponent
            let target = work.appendingPathComponent(name.isEmpty || name.hasPrefix(".") ? "upload.csv" : name)
            try FileManager.default.moveItem(at: upload, to: target)
            paths = [target.path]
        }
        guard !paths.isEmpty else { throw ProblemDetails.badRequest("the zip file holds no files", field: "file") }
        let importer = ConnectorImporter(store: services.store, maxRecordBytes: services.configuration.maxRecordBytes)
        let report: ConnectorReport
        let date = request.query("date")
        let files = paths
        do {
            report = try await services.imports.during { () async throws -> ConnectorReport in
                switch source {
                case "salesforce": return try await importer.importSalesforce(paths: files, dryRun: dryRun)
                case "hubspot": return try await importer.importHubSpot(paths: files, dryRun: dryRun)
                case "marketo": return try await importer.importMarketo(paths: files, dryRun: dryRun)
                case "bombora":
                    var day: Day?
                    if let d = date {
                        guard let v = Day(iso: d) else {
                            throw ProblemDetails.badRequest("date must be YYYY-MM-DD", field: "date")
                        }
                        day = v
                    }
                    return try await importer.importBombora(paths: files, date: day, dryRun: dryRun)
                default:
                    guard files.count == 1 else {
                        throw ProblemDetails.badRequest("source \(source) takes one file", field: "file")
                    }
                    return source == "nta"
                        ? try await importer.importNTA(path: files[0], dryRun: dryRun)
                        : try await importer.importGenericIntent(path: files[0], dryRun: dryRun)
                }
            }
        } catch {
            throw importProblem(error, id: nil)
        }
        if !dryRun && report.mapped > 0 { await services.changed() }
        return Responses.json(
            .object([
                ("source", .string(source)), ("files", .array(report.files.map { .string($0) })),
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
                            ])
                        })
                ),
                ("rejected_total", .int(report.rejected.count)), ("notes", .array(report.notes.map { .string($0) })),
            ]))
    }

    /// An import's failure as the problem+json the client gets (422): a `--strict` rejection with
    /// its report, a failed import or store write with its reason; anything else unchanged.
    static func importProblem(_ error: any Error, id: String?) -> any Error {
        switch error {
        case let e as StrictImportRejected:
            return ProblemDetails(
                status: .unprocessableContent, title: "Import rejected (strict)",
                detail: "\(e.report.rejectedTotal) row(s) are bad, so nothing was imported.",
                extensions: id.map { reportJSON(e.report, id: $0) } ?? [])
        case let e as ImportFailure:
            return ProblemDetails(
                status: .unprocessableContent, title: "Import failed", detail: "\(e.description). Nothing was imported."
            )
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
        case let e as StoreError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Import failed", detail: "\(e.message). Nothing was imported.")
        default:
            return error
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

    static func isZipFile(_ url: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return (try handle.read(upToCount: 4) ?? Data()) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// The folder holding the package's CSVs: the zip's root, or its single top folder.
    static func packageRoot(_ url: URL) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
            !$0.hasPrefix("__MACOSX") && !$0.hasPrefix(".")
        }
        if names.contains(where: { $0.hasSuffix(".csv") }) { return url }
        if names.count == 1 { return url.appendingPathComponent(names[0]) }
        return url
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
                        ])
                    })
            ),
            ("rejected_csv", r.rejectedTotal > 0 ? .string("/api/v1/imports/\(id)/rejected.csv") : .null),
        ]
    }
}
