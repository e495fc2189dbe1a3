import Foundation
import KizashiArchive
import KizashiCore

/// Uploads and zips: what turns "a body the browser sent" or "a zip on the command line" into the
/// files a connector reads. Zips are unpacked by `ArchiveExtractor` only (bounded: a bomb, an
/// over-full or hostile zip throws `ArchiveRejected` before anything is imported).
extension ImportService {
    /// Imports an upload saved at `upload`, alone in its own private folder (`UploadFolder`):
    /// the file is first named as its import needs (connector files by `filename`, since
    /// Salesforce files are recognised by name), and a zip is unpacked inside that same folder,
    /// so nothing of it outlives the folder's cleanup.
    public func importUpload(at upload: URL, filename: String?, request: Request) async throws -> Outcome {
        let folder = upload.deletingLastPathComponent()
        let named = folder.appendingPathComponent(
            Self.uploadName(
                source: request.source, entity: request.entity, filename: filename, isZip: Self.isZip(upload.path)))
        try FileManager.default.moveItem(at: upload, to: named)
        var request = request
        request.paths = [named.path]
        request.unpackRoot = request.unpackRoot ?? folder
        return try await run(request)
    }

    /// The name an upload is imported under (shown in reports and rejected rows).
    static func uploadName(source: ConnectorSource, entity: CanonicalEntity?, filename: String?, isZip: Bool)
        -> String
    {
        // Only the last path component, never hidden, never the folder's kept rejected rows.
        let name = ((filename ?? "") as NSString).lastPathComponent
        let usable = !(name.isEmpty || name.hasPrefix(".") || name == UploadFolder.rejectedName || name == "upload")
        if isZip {
            // A sheet keeps its own name (issue 28: errors name the uploaded file), with the
            // extension its reader needs.
            guard source == .sheet else { return "upload.zip" }
            let lower = name.lowercased()
            return usable && (lower.hasSuffix(".xlsx") || lower.hasSuffix(".zip")) ? name : "sheet.xlsx"
        }
        switch source {
        case .canonical: return "\(entity?.rawValue ?? "upload").csv"
        case .sheet: return usable && !name.lowercased().hasSuffix(".zip") ? name : "sheet.csv"
        case .salesforce, .hubspot, .marketo, .bombora, .intent, .nta:
            return usable ? name : "upload.csv"
        }
    }

    /// The files a connector reads: each path as given, a zip replaced by the files it holds
    /// (sorted; folders, hidden files and macOS's `__MACOSX` left out), unpacked under `work`.
    static func connectorFiles(_ paths: [String], unpackingInto work: URL, limits: ArchiveLimits) throws -> [String] {
        var files: [String] = []
        for (i, path) in paths.enumerated() {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ImportRequestProblem(.file, "no such file: \(path)")
            }
            guard isZip(path) else {
                files.append(path)
                continue
            }
            try FileManager.default.createDirectory(
                at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let unpacked = work.appendingPathComponent("\(i)")
            _ = try ArchiveExtractor.extract(zipAt: URL(fileURLWithPath: path), to: unpacked, limits: limits)
            let inside = regularFiles(in: unpacked)
            guard !inside.isEmpty else { throw ImportRequestProblem(.file, "the zip holds no files") }
            files += inside
        }
        return files
    }

    static func regularFiles(in folder: URL) -> [String] {
        var out: [String] = []
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !name.hasPrefix("."), !relative.hasPrefix("__MACOSX")
            {
                out.append(full)
            }
        }
        return out.sorted()
    }
}
