import Foundation

/// Reads and checks a zip's central directory (APPNOTE 6.3.10, with ZIP64) before anything is
/// unpacked: every size and offset is outside input, so each sum is checked and each range must
/// lie inside the file.
///
/// Refused here, before inflating a byte: more entries than `maxEntries`, declared sizes over
/// `maxUnpackedBytes`, an entry above `maxCompressionRatio`, unsafe names, links and devices,
/// entries whose data overlap (the overlapping-file bomb), encryption, split archives and
/// compression methods other than stored and deflate.
struct ZipDirectory {
    var entries: [ZipEntry]

    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50

    init(source: some ZipByteSource, limits: ArchiveLimits) throws {
        let end = try Self.endRecord(source)
        guard end.entries <= UInt64(max(0, limits.maxEntries)) else {
            throw ArchiveRejected(
                .tooManyEntries, "holds \(end.entries) entries; at most \(limits.maxEntries) are accepted")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(end.entries))
        var position = end.directoryOffset
        let directoryEnd = end.directoryOffset + end.directorySize  // checked in endRecord
        var total: Int64 = 0
        var names = ZipEntryPath.Names()
        for _ in 0..<end.entries {
            guard position <= directoryEnd, directoryEnd - position >= 46 else {
                throw ArchiveRejected(.notAZip, "is damaged: its central directory is shorter than it says")
            }
            let fixed = try source.checkedRead(at: position, count: 46)
            guard fixed.u32(0) == Self.centralSignature else {
                throw ArchiveRejected(.notAZip, "is damaged: a central directory record is missing")
            }
            let nameLength = Int(fixed.u16(28)), extraLength = Int(fixed.u16(30)), commentLength = Int(fixed.u16(32))
            let recordLength = UInt64(46 + nameLength + extraLength + commentLength)
            guard directoryEnd - position >= recordLength else {
                throw ArchiveRejected(.notAZip, "is damaged: a central directory record runs past the directory")
            }
            let rawName = try source.checkedRead(at: position + 46, count: nameLength)
            let extra = try source.checkedRead(at: position + 46 + UInt64(nameLength), count: extraLength)
            position += recordLength
            var entry = try Self.entry(fixed: fixed, rawName: rawName, extra: extra, names: &names)
            if entry.kind == .directory { entry.uncompressedSize = 0 }
            try Self.check(entry, limits: limits, total: &total)
            entries.append(entry)
        }
        try Self.locateData(&entries, source: source, directoryOffset: end.directoryOffset)
        self.entries = entries
    }

    /// The end-of-central-directory record (and its ZIP64 form): how many entries, where the
    /// directory is. The last signature whose record fits before the end of the file wins.
    static func endRecord(_ source: some ZipByteSource) throws -> (
        entries: UInt64, directoryOffset: UInt64, directorySize: UInt64
    ) {
        let notAZip = ArchiveRejected(.notAZip, "is not a zip archive")
        guard source.length >= 22 else { throw notAZip }
        let tailLength = Int(min(source.length, 22 + 65_535))
        let tailStart = source.length - UInt64(tailLength)
        let tail = try source.read(at: tailStart, count: tailLength)
        var found: Int?
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail.u32(i) == endSignature,
                i + 22 + Int(tail.u16(i + 20)) <= tailLength
            {
                found = i
                break
            }
            i -= 1
        }
        guard let e = found else { throw notAZip }
        let endOffset = tailStart + UInt64(e)
        var disk = UInt32(tail.u16(e + 4)), directoryDisk = UInt32(tail.u16(e + 6))
        var entriesOnDisk = UInt64(tail.u16(e + 8)), entries = UInt64(tail.u16(e + 10))
        var size = UInt64(tail.u32(e + 12)), offset = UInt64(tail.u32(e + 16))
        var directoryLimit = endOffset
        if entries == 0xFFFF || entriesOnDisk == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: a 20-byte locator just before the record points at a 56-byte record.
            guard endOffset >= 20 else { throw notAZip }
            let locator = try source.checkedRead(at: endOffset - 20, count: 20)
            guard locator.u32(0) == zip64LocatorSignature else { throw notAZip }
            let recordOffset = locator.u64(8)
            guard recordOffset <= endOffset - 20, endOffset - 20 - recordOffset >= 56 else {
                throw ArchiveRejected(.notAZip, "is damaged: its ZIP64 end record is out of place")
            }
            let record = try source.checkedRead(at: recordOffset, count: 56)
            guard record.u32(0) == zip64EndSignature else { throw notAZip }
            disk = record.u32(16)
            directoryDisk = record.u32(20)
            entriesOnDisk = record.u64(24)
            entries = record.u64(32)
            size = record.u64(40)
            offset = record.u64(48)
            directoryLimit = recordOffset
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else {
            throw ArchiveRejected(.notAZip, "is split across several files, which is not supported")
        }
        let (directoryEnd, overflow) = offset.addingReportingOverflow(size)
        guard !overflow, directoryEnd <= directoryLimit else {
            throw ArchiveRejected(.notAZip, "is damaged: its central directory lies outside the file")
        }
        return (entries, offset, size)
    }

    /// One central directory record → an entry, or the reason it is refused.
    static func entry(fixed: [UInt8], rawName: [UInt8], extra: [UInt8], names: inout ZipEntryPath.Names) throws
        -> ZipEntry
    {
        let madeBy = fixed.u16(4), flags = fixed.u16(8), method = fixed.u16(10)
        var compressed = UInt64(fixed.u32(20)), uncompressed = UInt64(fixed.u32(24))
        var localOffset = UInt64(fixed.u32(42))
        let diskStart = fixed.u16(34), external = fixed.u32(38)
        let name = try ZipEntryPath.decode(rawName, utf8Flag: flags & 0x800 != 0)
        let isDirectory = name.hasSuffix("/")
        let path = try ZipEntryPath.validated(name)
        // The ZIP64 extra field holds, in this order, those of the three that are 0xFFFFFFFF.
        var k = 0
        while k + 4 <= extra.count {
            let id = extra.u16(k), size = Int(extra.u16(k + 2))
            guard k + 4 + size <= extra.count else {
                throw ArchiveRejected(.notAZip, entry: name, "is damaged (an extra field runs past its record)")
            }
            if id == 0x0001 {
                var f = k + 4
                for field in [0, 1, 2] {
                    let wanted =
                        field == 0
                        ? uncompressed == 0xFFFF_FFFF
                        : field == 1 ? compressed == 0xFFFF_FFFF : localOffset == 0xFFFF_FFFF
                    guard wanted else { continue }
                    guard f + 8 <= k + 4 + size else {
                        throw ArchiveRejected(.notAZip, entry: name, "is damaged (its ZIP64 sizes are missing)")
                    }
                    switch field {
                    case 0: uncompressed = extra.u64(f)
                    case 1: compressed = extra.u64(f)
                    default: localOffset = extra.u64(f)
                    }
                    f += 8
                }
            }
            k += 4 + size
        }
        if flags & 0x1 != 0 || flags & 0x40 != 0 {
            throw ArchiveRejected(.notAZip, entry: name, "is encrypted; unpack it and zip it again without a password")
        }
        if diskStart != 0 && diskStart != 0xFFFF {
            throw ArchiveRejected(.notAZip, entry: name, "lies on another disk of a split archive")
        }
        // Unix file types (made by Unix, or by Info-ZIP on macOS): only files and folders.
        let hostSystem = madeBy >> 8
        if hostSystem == 3 || hostSystem == 19 {
            let type = (external >> 16) & 0o170000
            switch type {
            case 0o120000:
                throw ArchiveRejected(.unsafePath, entry: name, "is a symbolic link; links are never unpacked")
            case 0, 0o100000, 0o040000: break
            default:
                throw ArchiveRejected(.unsafePath, entry: name, "is a device, pipe or socket, not a file")
            }
        }
        guard method == 0 || method == 8 || isDirectory else {
            throw ArchiveRejected(
                .notAZip, entry: name,
                "uses compression method \(method); only stored and deflate (what every zip tool writes by default) are read"
            )
        }
        if method == 0 && !isDirectory && compressed != uncompressed {
            throw ArchiveRejected(.notAZip, entry: name, "is damaged (stored, yet its two sizes differ)")
        }
        try names.insert(path, isDirectory: isDirectory, shownAs: name)
        return ZipEntry(
            path: path, kind: isDirectory ? .directory : .file, method: method, crc32: fixed.u32(16),
            compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: localOffset)
    }

    /// The limits on declared sizes, before anything is inflated.
    static func check(_ e: ZipEntry, limits: ArchiveLimits, total: inout Int64) throws {
        guard e.kind == .file else { return }
        let cap = UInt64(max(0, limits.maxUnpackedBytes))
        guard e.uncompressedSize <= cap, UInt64(total) + e.uncompressedSize <= cap else {
            throw ArchiveRejected(
                .tooLarge, entry: e.path,
                "would bring what the zip unpacks to over \(Self.bytes(UInt64(max(0, limits.maxUnpackedBytes)))) (it declares \(Self.bytes(e.uncompressedSize)))"
            )
        }
        total += Int64(e.uncompressedSize)
        if e.uncompressedSize > UInt64(max(0, limits.ratioExemptBytes)) {
            let ratio = e.uncompressedSize / max(e.compressedSize, 1)
            if ratio > UInt64(max(0, limits.maxCompressionRatio)) {
                throw ArchiveRejected(
                    .compressionRatio, entry: e.path,
                    "unpacks \(ratio) times its packed size (\(Self.bytes(e.compressedSize)) to \(Self.bytes(e.uncompressedSize))); at most \(limits.maxCompressionRatio) is accepted — a zip bomb, or data too repetitive to take"
                )
            }
        }
    }

    /// Reads each local header to find where the data starts; every entry's bytes must lie
    /// before the central directory and apart from every other entry's.
    static func locateData(_ entries: inout [ZipEntry], source: some ZipByteSource, directoryOffset: UInt64) throws {
        for i in entries.indices where entries[i].kind == .file {
            let e = entries[i]
            guard e.localHeaderOffset <= directoryOffset, directoryOffset - e.localHeaderOffset >= 30 else {
                throw ArchiveRejected(.notAZip, entry: e.path, "is damaged (its data lies outside the file)")
            }
            let header = try source.checkedRead(at: e.localHeaderOffset, count: 30)
            guard header.u32(0) == localSignature else {
                throw ArchiveRejected(.notAZip, entry: e.path, "is damaged (its local header is missing)")
            }
            let start = e.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
            guard start <= directoryOffset, directoryOffset - start >= e.compressedSize else {
                throw ArchiveRejected(.notAZip, entry: e.path, "is damaged (its data runs past the end of the files)")
            }
            entries[i].dataOffset = start
        }
        let files = entries.filter { $0.kind == .file }.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (a, b) in zip(files, files.dropFirst()) where a.dataOffset + a.compressedSize > b.localHeaderOffset {
            throw ArchiveRejected(
                .notAZip, entry: b.path, "shares its bytes with \"\(a.path)\" (overlapping entries, a zip-bomb trick)")
        }
    }

    static func bytes(_ n: UInt64) -> String {
        if n >= 1 << 30 && n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
        if n >= 1 << 20 { return String(format: "%.1f MiB", Double(n) / Double(1 << 20)) }
        return "\(n) bytes"
    }
}
