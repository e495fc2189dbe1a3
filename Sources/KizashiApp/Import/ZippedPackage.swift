import Foundation
import KizashiArchive
import KizashiCore

/// A canonical package as a zip — what the dashboard uploads and what people mail each other —
/// unpacked with `ArchiveExtractor` (never an unbounded unzip) into a private temporary folder
/// that is removed afterwards, whatever happens.
extension PackageImporter {
    /// Imports the package zipped at `path`. A zip that breaks `options.archiveLimits` throws
    /// `ArchiveRejected` before anything is imported (and nothing of it stays on disk). It is
    /// unpacked in a fresh folder inside `root` (default: the temporary directory).
    public func importZippedPackage(at path: String, options: Options = Options(), in root: URL? = nil) async throws
        -> ImportReport
    {
        let work = (root ?? FileManager.default.temporaryDirectory).appendingPathComponent(
            "kizashi-zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try ArchiveExtractor.extract(zipAt: URL(fileURLWithPath: path), to: work, limits: options.archiveLimits)
        return try await importPackage(at: Self.packageRoot(work).path, options: options)
    }

    /// The folder holding the package's files: the zip's root, or its single top folder (a zip
    /// of the package folder itself). macOS's `__MACOSX` and hidden files do not count.
    public static func packageRoot(_ url: URL) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
            !$0.hasPrefix("__MACOSX") && !$0.hasPrefix(".")
        }
        if names.contains(where: { $0.lowercased().hasSuffix(".csv") }) { return url }
        if names.count == 1 { return url.appendingPathComponent(names[0]) }
        return url
    }
}
