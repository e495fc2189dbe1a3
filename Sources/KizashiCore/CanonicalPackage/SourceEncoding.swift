import Foundation

/// Text encodings of source files: UTF-8, and Shift_JIS/CP932 — what Excel in Japan writes
/// (data-format.md §Files). Foundation's `.shiftJIS` decodes the CP932 extensions (①, 纊, ～).
public enum SourceEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case shiftJIS = "shift_jis"

    public var displayName: String { self == .utf8 ? "UTF-8" : "Shift_JIS" }

    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "_") {
        case "utf_8", "utf8": self = .utf8
        case "shift_jis", "sjis", "shiftjis", "cp932", "windows_31j", "ms932": self = .shiftJIS
        default: return nil
        }
    }

    /// A BOM or valid UTF-8 → UTF-8; otherwise Shift_JIS. A multi-byte sequence cut by the end of
    /// the prefix does not count against UTF-8.
    public static func detect(prefix: [UInt8]) -> SourceEncoding {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        return isValidUTF8(prefix, allowTruncatedEnd: true) ? .utf8 : .shiftJIS
    }

    public struct DecodingError: Error, CustomStringConvertible, Sendable {
        public var encoding: SourceEncoding
        public var description: String { "bytes that are not valid \(encoding.displayName)" }
    }

    public func decode(_ bytes: [UInt8]) throws -> String { try decode(bytes[...]) }

    public func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    /// The same over bytes read in place (the row parser's fields: no slice, no retain).
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        // ASCII (nearly every field of a large file) is the same in both encodings. Why not
        // `String(validating:)` for all UTF-8: it is a generic, unspecialised path, four times
        // slower than this check plus `String(decoding:)` (perf, BENCHMARKS.md).
        if Self.isASCII(UnsafeRawBufferPointer(bytes)) { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8:
            guard let s = String(validating: bytes, as: UTF8.self) else { throw DecodingError(encoding: self) }
            return s
        case .shiftJIS:
            guard let s = String(bytes: Array(bytes), encoding: .shiftJIS) else { throw DecodingError(encoding: self) }
            return s
        }
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        var seen: UInt64 = 0
        var i = 0
        while i + 8 <= raw.count {
            seen |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < raw.count {
            seen |= UInt64(raw[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }

    static func isValidUTF8(_ bytes: some RandomAccessCollection<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        let b = Array(bytes)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            if c >= 0xC2 && c <= 0xDF {
                len = 2
            } else if c >= 0xE0 && c <= 0xEF {
                len = 3
            } else if c >= 0xF0 && c <= 0xF4 {
                len = 4
            } else {
                return false
            }
            if i + len > n { return allowTruncatedEnd }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }
}
