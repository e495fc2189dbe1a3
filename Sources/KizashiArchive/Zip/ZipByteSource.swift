import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random access to the bytes of a zip: a file (`ZipFileBytes`) or bytes in memory (tests,
/// fuzzing). Reads past the end are an error, never a short answer the caller must notice.
protocol ZipByteSource {
    var length: UInt64 { get }
    /// Exactly `count` bytes at `offset`; `ArchiveRejected(.notAZip)` when they are not there.
    func read(at offset: UInt64, count: Int) throws -> [UInt8]
}

extension ZipByteSource {
    /// Whether `count` bytes at `offset` lie inside the source (no overflow on the way).
    func contains(offset: UInt64, count: UInt64) -> Bool {
        let (end, overflow) = offset.addingReportingOverflow(count)
        return !overflow && end <= length
    }

    func checkedRead(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count >= 0, contains(offset: offset, count: UInt64(count)) else {
            throw ArchiveRejected(.notAZip, "is damaged: it points past its own end")
        }
        return try read(at: offset, count: count)
    }
}

struct ZipMemoryBytes: ZipByteSource {
    let bytes: [UInt8]
    var length: UInt64 { UInt64(bytes.count) }
    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count >= 0, contains(offset: offset, count: UInt64(count)) else {
            throw ArchiveRejected(.notAZip, "is damaged: it points past its own end")
        }
        let start = Int(offset)
        return Array(bytes[start..<start + count])
    }
}

/// A zip file read with `pread` (no shared file position, so entries can be read in any order).
final class ZipFileBytes: ZipByteSource {
    let descriptor: Int32
    let length: UInt64

    init(url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ArchiveRejected(.notAZip, "cannot be opened (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 0 else {
            close(fd)
            throw ArchiveRejected(.notAZip, "is not a regular file")
        }
        descriptor = fd
        length = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard count >= 0, contains(offset: offset, count: UInt64(count)) else {
            throw ArchiveRejected(.notAZip, "is damaged: it points past its own end")
        }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { buf in
                pread(descriptor, buf.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ArchiveRejected(.notAZip, "could not be read to its end") }
            done += n
        }
        return out
    }
}

/// Little-endian fields of zip records, read from a byte array at a position known to be inside it.
extension Array where Element == UInt8 {
    func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
    func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
