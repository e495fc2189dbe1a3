import Foundation
import KizashiCore

/// Writes canonical CSV files into a folder, one writer per entity, header first.
/// Shared by `export` and by the demo generator's `--out`.
final class CanonicalPackageWriter {
    let directory: String
    let timeZone: WorkspaceTimeZone
    private var writers: [CanonicalEntity: BufferedFileWriter] = [:]
    private(set) var rows: [CanonicalEntity: Int] = [:]

    init(directory: String, timeZone: WorkspaceTimeZone) throws {
        self.directory = directory
        self.timeZone = timeZone
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportFailure("cannot create the folder \(directory): \(error.localizedDescription)")
        }
    }

    func write(_ records: [CanonicalRecord], as entity: CanonicalEntity) throws {
        let w = try writer(for: entity)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 80)
        for r in records { CanonicalCSVWriter.appendLine(for: r, timeZone: timeZone, to: &bytes) }
        try w.write(bytes)
        rows[entity, default: 0] += records.count
    }

    /// Creates the file with its header even when no row follows (an empty entity still exports).
    func touch(_ entity: CanonicalEntity) throws { _ = try writer(for: entity) }

    func writeICP(_ icp: IdealCustomerProfile) throws {
        let path = (directory as NSString).appendingPathComponent("icp.json")
        guard FileManager.default.createFile(atPath: path, contents: Data((ICPDocument.encode(icp) + "\n").utf8)) else {
            throw ExportFailure("cannot write \(path)")
        }
    }

    func close() throws {
        for w in writers.values { try w.close() }
        writers = [:]
    }

    private func writer(for entity: CanonicalEntity) throws -> BufferedFileWriter {
        if let w = writers[entity] { return w }
        let w = try BufferedFileWriter(path: (directory as NSString).appendingPathComponent(entity.fileName))
        var header: [UInt8] = []
        CanonicalCSVWriter.appendHeader(for: entity, to: &header)
        try w.write(header)
        writers[entity] = w
        return w
    }
}
