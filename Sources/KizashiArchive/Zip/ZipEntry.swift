/// One entry of a zip's central directory, checked: a safe relative path, a known compression
/// method, sizes within the limits, and data that lies inside the file without overlapping
/// another entry's.
struct ZipEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case file, directory }

    /// The name as the zip has it (UTF-8, or Shift_JIS from Japanese Windows), directories
    /// without their trailing `/`.
    var path: String
    var kind: Kind
    /// 0 stored, 8 deflate.
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// Where the entry's (compressed) bytes start; known once the local header was read.
    var dataOffset: UInt64 = 0
}
