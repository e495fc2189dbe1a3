import Foundation
import KizashiZlib

/// Writes zips byte by byte (APPNOTE 4.3), so a test can make the hostile ones no zip tool
/// (shared by the archive tests and the server's upload tests)
/// would: lying sizes, `../` names, symlink entries, overlapping entries.
public struct TestZip {
    public struct Item {
        public var name: [UInt8]
        public var data: [UInt8]
        public var deflate = true
        /// Unix mode (st_mode) for the external attributes; nil: made by MS-DOS.
        public var unixMode: UInt32?
        /// Overrides of what the central directory declares.
        public var declaredUncompressed: UInt32?
        public var declaredCRC: UInt32?
        public var flags: UInt16 = 0
        /// Point this entry's local header offset at another entry's (overlap).
        public var sharesDataWith: Int?

        public init(
            _ name: String, _ data: [UInt8], deflate: Bool = true, unixMode: UInt32? = nil,
            declaredUncompressed: UInt32? = nil, declaredCRC: UInt32? = nil, flags: UInt16 = 0,
            sharesDataWith: Int? = nil
        ) {
            self.name = Array(name.utf8)
            self.data = data
            self.deflate = deflate
            self.unixMode = unixMode
            self.declaredUncompressed = declaredUncompressed
            self.declaredCRC = declaredCRC
            self.flags = flags
            self.sharesDataWith = sharesDataWith
        }
    }

    public static func crc(_ b: [UInt8]) -> UInt32 {
        UInt32(b.withUnsafeBufferPointer { KizashiZlib.crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    /// Raw deflate (no zlib header), level 9.
    public static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(
            deflateInit2_(
                &stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size))
                == Z_OK)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                precondition(KizashiZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    public static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    public static func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }

    public static func build(_ items: [Item]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [UInt32] = []
        for item in items {
            let packed = item.deflate ? deflate(item.data) : item.data
            let method: UInt16 = item.deflate ? 8 : 0
            let crc = item.declaredCRC ?? crc(item.data)
            let size = item.declaredUncompressed ?? UInt32(item.data.count)
            let offset = item.sharesDataWith.map { offsets[$0] } ?? UInt32(out.count)
            offsets.append(offset)
            if item.sharesDataWith == nil {
                out += le32(0x0403_4B50) + le16(20) + le16(item.flags) + le16(method) + le16(0) + le16(0x21)
                out += le32(crc) + le32(UInt32(packed.count)) + le32(size)
                out += le16(UInt16(item.name.count)) + le16(0) + item.name + packed
            }
            let madeBy: UInt16 = item.unixMode == nil ? 20 : (3 << 8) | 20
            central += le32(0x0201_4B50) + le16(madeBy) + le16(20) + le16(item.flags) + le16(method) + le16(0)
            central += le16(0x21) + le32(crc) + le32(UInt32(packed.count)) + le32(size)
            central += le16(UInt16(item.name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32((item.unixMode ?? 0) << 16) + le32(offset) + item.name
        }
        let directoryOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(items.count)) + le16(UInt16(items.count))
        out += le32(UInt32(central.count)) + le32(directoryOffset) + le16(0)
        return out
    }
}
