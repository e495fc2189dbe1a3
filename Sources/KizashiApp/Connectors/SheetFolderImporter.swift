import Foundation
import KizashiArchive
import KizashiCore

/// A whole CRM export at once (issue 29 item 3): `kizashi import --from sheet DIR --mapping
/// crm.yaml`, or the same folder as a zip, where the mapping's `files` names each file's entity
/// and mapping. Every file is mapped and resolved first, in dependency order (companies before
/// the deals that name them), then all are imported in one transaction: a later file may refer to
/// a company an earlier file of the same export brings.
extension SheetImporter {
    public struct FolderOutcome: Sendable {
        /// Each file's mapping and preview, in import order.
        public var sheets: [Outcome]
        /// The one import of all files.
        public var report: ImportReport
    }

    /// Imports the files `mapping.files` names from `folder` (a folder, or a zip unpacked within
    /// `options.archiveLimits` into `unpackRoot`). A named file missing from the folder, or a
    /// folder file the mapping does not name, is reported; the first is an error.
    public func importFolder(
        _ folder: String, mapping: ImportMapping, options: PackageImporter.Options = .init(), unpackRoot: URL? = nil
    ) async throws -> FolderOutcome {
        let work = (unpackRoot ?? FileManager.default.temporaryDirectory).appendingPathComponent(
            "kizashi-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var root = folder
        if ImportService.isZip(folder) {
            let unpacked = work.appendingPathComponent("unpacked")
            _ = try ArchiveExtractor.extract(
                zipAt: URL(fileURLWithPath: folder), to: unpacked, limits: options.archiveLimits)
            root = try PackageImporter.packageRoot(unpacked).path
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
            !$0.hasPrefix(".") && !$0.hasPrefix("__MACOSX")
        }
        var plan: [(name: String, file: ImportMapping.FileMapping)] = []
        for (name, file) in mapping.files {
            guard let actual = names.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw ImportFailure(
                    file: folder,
                    message:
                        "the mapping names \(name), which is not in the folder (\(names.sorted().joined(separator: ", ")))"
                )
            }
            plan.append((actual, file))
        }
        guard !plan.isEmpty else {
            throw ImportFailure(file: folder, message: "the mapping names no files (files: {name.csv: {entity: …}})")
        }
        // Dependency order: the canonical import order of the entities, then the file name.
        let rank = Dictionary(uniqueKeysWithValues: CanonicalEntity.importOrder.enumerated().map { ($1, $0) })
        plan.sort { (rank[$0.file.entity!] ?? 0, $0.name) < (rank[$1.file.entity!] ?? 0, $1.name) }
        var prepared: [PreparedSheet] = []
        var companies: [Company] = []
        var contacts: [Contact] = []
        for (i, (name, file)) in plan.enumerated() {
            let dir = work.appendingPathComponent("file-\(i)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let p = try await prepare(
                path: (root as NSString).appendingPathComponent(name), entity: file.entity!, sheet: nil, file: file,
                options: options, into: dir, earlierCompanies: companies, earlierContacts: contacts)
            companies += p.companies
            contacts += p.contacts
            prepared.append(p)
        }
        var canonicalOptions = options
        canonicalOptions.encoding = .utf8
        for p in prepared { canonicalOptions.shownAsByPath[p.copy] = p.shownAs }
        func patched(_ r: ImportReport) -> ImportReport { prepared.reduce(r) { $1.patched($0) } }
        let ignored = names.filter { n in !plan.contains { $0.name == n } }.sorted()
        do {
            let raw = try await PackageImporter(store: store, progress: progress).run(
                plan: prepared.map { ($0.entity, $0.copy) }, icp: nil, options: canonicalOptions)
            var report = patched(raw)
            if !ignored.isEmpty, !report.files.isEmpty {
                report.files[0].warnings.append("not in the mapping, not imported: \(ignored.joined(separator: ", "))")
            }
            return FolderOutcome(sheets: prepared.map { $0.outcome(raw) }, report: report)
        } catch let e as StrictImportRejected {
            throw StrictImportRejected(report: patched(e.report))
        }
    }
}
