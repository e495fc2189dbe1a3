import Foundation

/// A checked zip whose entries are read into memory one at a time (the parts of an `.xlsx`),
/// within the same `ArchiveLimits` as an extraction: the directory is checked when it is opened,
/// and each entry stops at the size it declared.
struct ZipReader {
    let source: any ZipByteSource
    let directory: ZipDirectory

    init(url: URL, limits: ArchiveLimits) throws {
        source = try ZipFileBytes(url: url)
        directory = try ZipDirectory(source: source, limits: limits)
    }

    init(bytes: [UInt8], limits: ArchiveLimits) throws {
        source = ZipMemoryBytes(bytes: bytes)
        directory = try ZipDirectory(source: source, limits: limits)
    }

    /// The first file entry named `path`.
    func entry(_ path: String) -> ZipEntry? { directory.entries.first { $0.kind == .file && $0.path == path } }

    func contents(of entry: ZipEntry) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Int(entry.uncompressedSize))  // within maxUnpackedBytes: checked
        try ZipEntryReader.read(entry, from: source) { out.append(contentsOf: $0) }
        return out
    }
}
