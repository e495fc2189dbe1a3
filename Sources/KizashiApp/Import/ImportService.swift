import Foundation
import KizashiArchive
import KizashiCore
import KizashiStore
import Tracing

/// Every import, whatever its source: `kizashi import` and `POST /api/v1/imports` build a
/// `Request` from their input and call `run` (or `importUpload`), so a source reads the same
/// options, unpacks zips the same bounded way and reports the same on both.
public struct ImportService: Sendable {
    public let store: any WorkspaceStore
    public let progress: @Sendable (ImportProgress) -> Void

    public init(store: any WorkspaceStore, progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) {
        self.store = store
        self.progress = progress
    }

    public struct Request: Sendable {
        public var source: ConnectorSource
        /// Local files (or, for a canonical package, one folder); a zip is unpacked first.
        public var paths: [String]
        /// With `.canonical`: import the one file as this entity. With `.sheet`: required.
        public var entity: CanonicalEntity?
        /// Strictness, encoding, rejected rows, dry run, record and archive limits.
        public var options: PackageImporter.Options
        /// With `.sheet` and `.hubspot`: header → canonical field, for headers Kizashi does not know;
        /// with `.salesforce` and `.marketo`: header → a company or contact reference column.
        public var mapping: [String: String]
        /// A mapping file (`ImportMapping`): value maps and constants for a sheet, and with a
        /// folder or zip and `.sheet`, each file's entity and mapping. Its columns win over `mapping`.
        public var mappingFile: ImportMapping?
        /// With `.sheet`: the row (as the sheet numbers it) that holds the headers; nil = detected.
        public var headerRow: Int?
        /// With `.sheet`: the workbook sheet to read (default the first).
        public var sheet: String?
        /// With `.bombora`: the week the surge was measured (default the date in each file's name).
        public var date: Day?
        /// Where zips are unpacked (a fresh folder inside, removed afterwards): the temporary
        /// directory by default, an upload's own private folder on the server.
        public var unpackRoot: URL?

        public init(
            source: ConnectorSource, paths: [String], entity: CanonicalEntity? = nil,
            options: PackageImporter.Options = .init(), mapping: [String: String] = [:], sheet: String? = nil,
            date: Day? = nil, unpackRoot: URL? = nil, mappingFile: ImportMapping? = nil, headerRow: Int? = nil
        ) {
            self.mappingFile = mappingFile
            self.headerRow = headerRow
            self.source = source
            self.paths = paths
            self.entity = entity
            self.options = options
            self.mapping = mapping
            self.sheet = sheet
            self.date = date
            self.unpackRoot = unpackRoot
        }
    }

    /// What an import reports: a canonical import's report, a sheet's (with its column mapping),
    /// or a connector's.
    public enum Outcome: Sendable {
        case package(ImportReport)
        case sheet(SheetImporter.Outcome)
        /// A folder (or zip) of sheets with a mapping file naming each file's entity.
        case folder(SheetImporter.FolderOutcome)
        case connector(ConnectorReport)

        /// The canonical import's report (a package, a sheet, a folder of sheets); nil for a connector.
        public var canonicalReport: ImportReport? {
            switch self {
            case .package(let r): r
            case .sheet(let o): o.report
            case .folder(let o): o.report
            case .connector: nil
            }
        }

        /// The activities the import added, when that is all it changed of what the server's read
        /// model keeps: the read model adds them, as it adds an event batch's, instead of reloading
        /// (issue 23). nil: anything else may have changed (another entity's rows, the ICP, a
        /// replaced activity that differed, a connector), and the read model reloads.
        public var addedActivitiesOnly: [Activity]? {
            guard wroteData, let report = canonicalReport, !report.icpSet, let added = report.addedActivities,
                report.files.allSatisfy({ $0.imported == 0 || $0.entity == CanonicalEntity.activities.rawValue })
            else { return nil }
            return added
        }

        /// Whether the workspace may have changed (caches and dashboards must be refreshed).
        public var wroteData: Bool {
            switch self {
            case .package(let r): !r.dryRun
            case .sheet(let o): !o.report.dryRun
            case .folder(let o): !o.report.dryRun
            case .connector(let r): !r.dryRun && r.mapped > 0
            }
        }
    }

    /// The one dispatch on `request.source`; a `kizashi.import` span when the server traces.
    public func run(_ request: Request) async throws -> Outcome {
        try await WorkspaceSpan.around(
            "kizashi.import", attributes: ["kizashi.import.source": .string(request.source.rawValue)]
        ) { try await dispatch(request) }
    }

    private func dispatch(_ request: Request) async throws -> Outcome {
        let paths = request.paths
        guard !paths.isEmpty else { throw ImportRequestProblem(.file, "give a package folder or a file") }
        let options = request.options
        switch request.source {
        case .canonical:
            guard paths.count == 1 else {
                throw ImportRequestProblem(.file, "import one package folder or file at a time")
            }
            return .package(try await importCanonical(paths[0], entity: request.entity, request: request))
        case .sheet:
            guard paths.count == 1 else { throw ImportRequestProblem(.file, "a sheet import takes one file") }
            if let folderMapping = request.mappingFile, !folderMapping.files.isEmpty {
                return .folder(
                    try await SheetImporter(store: store, progress: progress).importFolder(
                        paths[0], mapping: folderMapping, options: options, unpackRoot: request.unpackRoot))
            }
            guard let entity = request.entity else {
                throw ImportRequestProblem(
                    .entity,
                    "a sheet needs an entity: one of \(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return .sheet(
                try await SheetImporter(store: store, progress: progress).importSheet(
                    path: paths[0], entity: entity, overrides: request.mapping, sheet: request.sheet,
                    file: request.mappingFile?.single ?? .init(), headerRow: request.headerRow, options: options))
        case .salesforce, .hubspot, .marketo, .bombora, .intent, .nta:
            let work = (request.unpackRoot ?? FileManager.default.temporaryDirectory).appendingPathComponent(
                "kizashi-unpacked-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: work) }
            let files = try Self.connectorFiles(paths, unpackingInto: work, limits: options.archiveLimits)
            if request.source.takesOneFile && files.count != 1 {
                throw ImportRequestProblem(.file, "\(request.source.rawValue) takes one file")
            }
            return .connector(try await importConnector(request.source, files: files, request: request))
        }
    }

    func importCanonical(_ path: String, entity: CanonicalEntity?, request: Request) async throws -> ImportReport {
        let importer = PackageImporter(store: store, progress: progress)
        if let entity { return try await importer.importFile(at: path, entity: entity, options: request.options) }
        if path.lowercased().hasSuffix(".zip") || Self.isZip(path) {
            return try await importer.importZippedPackage(at: path, options: request.options, in: request.unpackRoot)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ImportRequestProblem(
                .entity,
                "a single file needs an entity (\(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", "))); give a folder or a .zip for a whole package"
            )
        }
        return try await importer.importPackage(at: path, options: request.options)
    }

    func importConnector(_ source: ConnectorSource, files: [String], request: Request) async throws
        -> ConnectorReport
    {
        let importer = ConnectorImporter(store: store, maxRecordBytes: request.options.maxRecordBytes)
        let dryRun = request.options.dryRun
        switch source {
        case .salesforce:
            return try await importer.importSalesforce(paths: files, mapping: request.mapping, dryRun: dryRun)
        case .hubspot: return try await importer.importHubSpot(paths: files, mapping: request.mapping, dryRun: dryRun)
        case .marketo: return try await importer.importMarketo(paths: files, mapping: request.mapping, dryRun: dryRun)
        case .bombora: return try await importer.importBombora(paths: files, date: request.date, dryRun: dryRun)
        case .intent:
            return try await importer.importGenericIntent(path: files[0], mapping: request.mapping, dryRun: dryRun)
        case .nta: return try await importer.importNTA(path: files[0], dryRun: dryRun)
        case .canonical, .sheet:
            throw ImportRequestProblem(.source, "\(source.rawValue) is not a connector")
        }
    }

    /// A zip's first four bytes (a package, a workbook or a bundle of connector files).
    public static func isZip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }
}
