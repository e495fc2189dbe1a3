import KizashiCore

/// A value as a workspace table stores it, the same on every backend: an integer, a float, a
/// text, bytes or null.
///
/// Why our own type: the shared store layer (entity mapping, upserts, `kizashi copy`) must not
/// depend on one backend's driver; each backend converts at its edge. The representations are
/// fixed here once: dates as `yyyy-mm-dd` text, timestamps as integer milliseconds since 1970 UTC.
public enum StoredValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case float(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// The value as an integer, read as SQLite reads it (a float truncated, a text parsed); nil
    /// for bytes, null, and a float or text that holds no integer in range.
    public var integer: Int64? {
        switch self {
        case .integer(let n): n
        case .float(let d): Int64(exactly: d.rounded(.towardZero))
        case .text(let s): Int64(s)
        case .blob, .null: nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let n): Double(n)
        case .float(let d): d
        case .text(let s): Double(s)
        case .blob, .null: nil
        }
    }

    public var string: String? {
        switch self {
        case .integer(let n): String(n)
        case .float(let d): String(d)
        case .text(let s): s
        case .blob, .null: nil
        }
    }

    public var bytes: [UInt8]? {
        if case .blob(let b) = self { return b }
        return nil
    }

    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .blob(let b): "<\(b.count) bytes>"
        case .float(let d): d.description
        case .integer(let n): n.description
        case .null: "null"
        case .text(let s): "\"\(s)\""
        }
    }
}

/// Conversions between entity fields and stored values, in one place so every table agrees.
extension StoredValue {
    static func text(_ s: String?) -> StoredValue { s.map { .text($0) } ?? .null }
    static func integer(_ n: Int) -> StoredValue { .integer(Int64(n)) }
    static func int(_ n: Int?) -> StoredValue { n.map { .integer(Int64($0)) } ?? .null }
    static func day(_ d: Day?) -> StoredValue { d.map { .text($0.description) } ?? .null }
    static func instant(_ i: Instant) -> StoredValue { .integer(i.millisecondsSinceEpoch) }

    var dayValue: Day? { string.flatMap { Day(iso: $0) } }
    var instantValue: Instant? { integer.map { Instant(millisecondsSinceEpoch: $0) } }
}
