import KizashiZlib

/// Unpacks one checked entry, counting what comes out: an entry that inflates to more than it
/// declares is stopped at once (`tooLarge`), one that inflates to less or fails its CRC-32 is
/// damaged. So the declared sizes the limits were checked against are also what is written.
enum ZipEntryReader {
    static let chunk = 64 << 10

    /// Calls `consumer` with the entry's bytes, in order, in pieces of at most `chunk` bytes.
    static func read(
        _ e: ZipEntry, from source: some ZipByteSource, consumer: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var produced: UInt64 = 0
        var crc = crc32(0, nil, 0)
        func deliver(_ piece: UnsafeRawBufferPointer) throws {
            guard piece.count > 0 else { return }
            produced += UInt64(piece.count)
            guard produced <= e.uncompressedSize else {
                throw ArchiveRejected(
                    .tooLarge, entry: e.path, "unpacks to more than the \(e.uncompressedSize) bytes it declares")
            }
            crc = crc32(crc, piece.baseAddress!.assumingMemoryBound(to: UInt8.self), uInt(piece.count))
            try consumer(piece)
        }
        if e.method == 0 {
            var offset = e.dataOffset
            var remaining = e.compressedSize
            while remaining > 0 {
                let n = Int(min(UInt64(chunk), remaining))
                let bytes = try source.read(at: offset, count: n)
                try bytes.withUnsafeBytes { try deliver($0) }
                offset += UInt64(n)
                remaining -= UInt64(n)
            }
        } else {
            try inflate(e, from: source, deliver: deliver)
        }
        guard produced == e.uncompressedSize else {
            throw ArchiveRejected(
                .notAZip, entry: e.path,
                "is damaged (it unpacks to \(produced) bytes, not the \(e.uncompressedSize) it declares)")
        }
        guard UInt32(truncatingIfNeeded: crc) == e.crc32 else {
            throw ArchiveRejected(.notAZip, entry: e.path, "is damaged (its CRC-32 does not match)")
        }
    }

    /// Raw deflate (no zlib header) through zlib, one input chunk at a time.
    private static func inflate(
        _ e: ZipEntry, from source: some ZipByteSource, deliver: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        func damaged(_ why: String) -> ArchiveRejected {
            ArchiveRejected(.notAZip, entry: e.path, "is damaged (\(why))")
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw damaged("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var input: [UInt8] = []
        var used = 0
        var offset = e.dataOffset
        var remaining = e.compressedSize
        var output = [UInt8](repeating: 0, count: chunk)
        while true {
            if used == input.count && remaining > 0 {
                let n = Int(min(UInt64(chunk), remaining))
                input = try source.read(at: offset, count: n)
                used = 0
                offset += UInt64(n)
                remaining -= UInt64(n)
            }
            var consumed = 0
            var made = 0
            let status = input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_in = inBuf.count > used ? inBuf.baseAddress! + used : nil
                    stream.avail_in = uInt(inBuf.count - used)
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let status = KizashiZlib.inflate(&stream, Z_NO_FLUSH)
                    consumed = inBuf.count - used - Int(stream.avail_in)
                    made = outBuf.count - Int(stream.avail_out)
                    return status
                }
            }
            used += consumed
            try output.withUnsafeBytes { try deliver(UnsafeRawBufferPointer(rebasing: $0[0..<made])) }
            switch status {
            case Z_STREAM_END: return
            case Z_OK, Z_BUF_ERROR:
                // No progress with nothing left to give it: the stream is cut short.
                if consumed == 0 && made == 0 && used == input.count && remaining == 0 {
                    throw damaged("its compressed data ends before the stream does")
                }
                if consumed == 0 && made == 0 && used < input.count { throw damaged("zlib made no progress") }
            default:
                throw damaged("not valid deflate data")
            }
        }
    }
}
