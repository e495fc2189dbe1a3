import Foundation
import KizashiArchive

/// Zips and workbooks, within limits small enough for a fuzzer's memory (64 MiB, 1,000 entries).
enum ArchiveFuzzing {
    static let limits = ArchiveLimits(maxUnpackedBytes: 64 << 20, maxEntries: 1_000)

    /// One folder per process, emptied after every input.
    nonisolated(unsafe) static var scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Extracts into a fresh folder; what it says it wrote must be exactly the regular files in
    /// the folder (no link, nothing else), and a refusal must leave the folder absent.
    static func extraction(_ bytes: [UInt8]) {
        let folder = scratch.appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let written = try ArchiveExtractor.extract(zipBytes: bytes, to: folder, limits: limits)
            var found: [String] = []
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let rel = walker?.nextObject() as? String {
                let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/" + rel)
                let type = attributes[.type] as? FileAttributeType
                precondition(
                    type == .typeRegular || type == .typeDirectory, "extraction created \(String(describing: type))")
                if type == .typeRegular { found.append(rel) }
            }
            precondition(found.sorted() == written, "extraction wrote other files than it returned")
        } catch {
            precondition(!FileManager.default.fileExists(atPath: folder.path), "a refused zip left files behind")
        }
    }

    /// Opens the workbook and reads every sheet. Input that is not a zip (no `PK` first) is a
    /// worksheet part: it is wrapped in a workbook with shared strings and a date style, so that
    /// mutations reach the XML parsers and the cell bounds rather than the zip's CRC checks.
    static func workbook(_ bytes: [UInt8]) {
        let zip = bytes.starts(with: [0x50, 0x4B]) ? bytes : StoredZip.build(wrapping: bytes)
        guard let book = try? XLSXWorkbook(bytes: zip, limits: limits) else { return }
        for name in book.sheetNames { _ = try? book.rows(sheet: name) }
    }
}
