import KizashiCore

/// One SQL statement written once for every backend: the values interpolated into it are bound
/// parameters, never spliced into the text, and each backend renders the placeholders its own
/// way (`SQLDialect`).
///
///     let sql: StoredSQL = "SELECT * FROM users WHERE user_id = \(id)"
///
/// Identifiers (a table's name) go in with `\(raw:)`; a list of values for `IN (…)` with
/// `\(list:)`; a case-insensitive comparison with `\(caseless:equals:)`, the one thing the
/// backends spell differently in a plain statement.
struct StoredSQL: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable {
        case sql(String)
        case value(StoredValue)
        /// Comma-separated placeholders, one per value (the caller bounds the count).
        case list([StoredValue])
        /// `(…), (…)`: a multi-row `VALUES` list, one tuple of placeholders per row.
        case rows([[StoredValue]])
        /// `column = value`, ignoring the case of ASCII letters.
        case caseless(column: String, value: StoredValue)
    }

    private(set) var parts: [Part]

    init(parts: [Part]) { self.parts = parts }
    init(stringLiteral value: String) { parts = [.sql(value)] }
    init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        init(literalCapacity: Int, interpolationCount: Int) { parts.reserveCapacity(interpolationCount * 2 + 1) }
        mutating func appendLiteral(_ s: String) { if !s.isEmpty { parts.append(.sql(s)) } }
        mutating func appendInterpolation(_ v: StoredValue) { parts.append(.value(v)) }
        mutating func appendInterpolation(_ s: String?) { parts.append(.value(.text(s))) }
        mutating func appendInterpolation(_ n: Int) { parts.append(.value(.integer(Int64(n)))) }
        mutating func appendInterpolation(_ n: Int64) { parts.append(.value(.integer(n))) }
        mutating func appendInterpolation(_ i: Instant) { parts.append(.value(.instant(i))) }
        mutating func appendInterpolation(_ d: Day) { parts.append(.value(.day(d))) }
        /// Text put into the statement as it is: identifiers and SQL the code wrote, never input.
        mutating func appendInterpolation(raw s: String) { parts.append(.sql(s)) }
        mutating func appendInterpolation(list: [StoredValue]) { parts.append(.list(list)) }
        /// Another statement's text and values, in place (an optional clause).
        mutating func appendInterpolation(_ sql: StoredSQL) { parts += sql.parts }
        mutating func appendInterpolation(rows: [[StoredValue]]) { parts.append(.rows(rows)) }
        mutating func appendInterpolation(caseless column: String, equals value: String) {
            parts.append(.caseless(column: column, value: .text(value)))
        }
    }

    static func + (a: StoredSQL, b: StoredSQL) -> StoredSQL { StoredSQL(parts: a.parts + b.parts) }

    /// The text with the dialect's placeholders, and the values to bind, in order.
    func rendered(for dialect: SQLDialect) -> (sql: String, binds: [StoredValue]) {
        var sql = ""
        sql.reserveCapacity(256)
        var binds: [StoredValue] = []
        func mark(_ v: StoredValue) {
            binds.append(v)
            sql += dialect.placeholder(binds.count)
        }
        for part in parts {
            switch part {
            case .sql(let s): sql += s
            case .value(let v): mark(v)
            case .list(let values):
                for (i, v) in values.enumerated() {
                    if i > 0 { sql += ", " }
                    mark(v)
                }
            case .rows(let rows):
                for (r, values) in rows.enumerated() {
                    sql += r > 0 ? ", (" : "("
                    for (i, v) in values.enumerated() {
                        if i > 0 { sql += ", " }
                        mark(v)
                    }
                    sql += ")"
                }
            case .caseless(let column, let v):
                switch dialect {
                // ASCII case folding, as SQLite's NOCASE: the users_email index is on lower(email).
                case .postgres:
                    sql += "lower(\(column)) = lower("
                    mark(v)
                    sql += ")"
                case .sqlite:
                    sql += "\(column) = "
                    mark(v)
                    sql += " COLLATE NOCASE"
                }
            }
        }
        return (sql, binds)
    }
}
