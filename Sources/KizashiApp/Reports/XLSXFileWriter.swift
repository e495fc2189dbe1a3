import Foundation
import KizashiCore
import ZIPFoundation

/// Writes an `XLSXDocument` as an .xlsx file: its parts deflated into a zip, written beside the
/// destination and moved into place, so a reader never opens half a workbook.
public enum XLSXFileWriter {
    public static func write(_ document: XLSXDocument, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try fill(try Archive(url: temporary, accessMode: .create), with: document)
        if FileManager.default.fileExists(atPath: destination.path) {
            _ = try FileManager.default.replaceItemAt(destination, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: destination)
        }
    }

    /// The workbook's bytes, built in memory (the server's download: no file to clean up).
    public static func bytes(_ document: XLSXDocument) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try fill(archive, with: document)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// The parts in the document's order, with a fixed date, so the same figures give the same file.
    private static func fill(_ archive: Archive, with document: XLSXDocument) throws {
        for (name, bytes) in document.parts() {
            let data = Data(bytes)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_577_836_800), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
    }
}
