import KizashiCore
import PostgresNIO
import SQLiteNIO

/// The PostgreSQL store speaks the same neutral values as the SQLite store (`SQLiteData`: text,
/// integer, float, blob, null), so both share one entity mapping (`SQLiteEntityMapping`) and
/// cannot disagree on how a field is stored or read back.
struct PostgresStoredRow: StoredRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func column(_ name: String) -> SQLiteData? {
        guard row.contains(name) else { return nil }
        let cell = row[name]
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return (try? cell.decode(Int.self)).map { .integer($0) }
        case .float4, .float8, .numeric:
            return (try? cell.decode(Double.self)).map { .float($0) }
        case .bytea:
            return (try? cell.decode(ByteBuffer.self)).map { .blob($0) }
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) }
        default:
            return (try? cell.decode(String.self)).map { .text($0) }
        }
    }
}

extension PostgresBindings {
    mutating func append(neutral value: SQLiteData) {
        switch value {
        case .integer(let n): append(Int64(n))
        case .float(let d): append(d)
        case .text(let s): append(s)
        case .blob(let b): append(b)
        case .null: appendNull()
        }
    }
}

extension PostgresQuery {
    /// A query with `$1…$n` placeholders and neutral values.
    static func neutral(_ sql: String, _ values: [SQLiteData] = []) -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for v in values { binds.append(neutral: v) }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

extension PostgresConnection {
    /// Throws when the server dropped this connection. Why: PostgresNIO can leave a query sent on
    /// a leased connection that the server closed (a restart, `pg_terminate_backend`) waiting
    /// forever; checking first turns that into an error the transaction reports and rolls back.
    func ensureOpen() throws {
        if isClosed { throw PostgresConnectionLost() }
    }

    /// Runs `sql` and returns every row (the result sets here are bounded by the KPI window).
    func rows(_ sql: String, _ values: [SQLiteData] = [], logger: Logger) async throws -> [PostgresStoredRow] {
        try ensureOpen()
        var out: [PostgresStoredRow] = []
        for try await row in try await query(.neutral(sql, values), logger: logger) {
            out.append(PostgresStoredRow(row))
        }
        return out
    }

    func run(_ sql: String, _ values: [SQLiteData] = [], logger: Logger) async throws {
        try ensureOpen()
        try await query(.neutral(sql, values), logger: logger)
    }
}

/// The server closed the connection under a transaction: nothing of it was committed.
struct PostgresConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection to PostgreSQL was lost" }
}

extension SQLiteUpsert {
    /// PostgreSQL's bind-parameter limit per statement is 65,535.
    var postgresRowsPerStatement: Int { Swift.min(2000, 65_000 / columns.count) }

    /// `INSERT … VALUES ($1,…),($n,…) ON CONFLICT … DO UPDATE` for `rows` rows.
    func postgresSQL(rows: Int) -> String {
        var tuples: [String] = []
        tuples.reserveCapacity(rows)
        var n = 1
        for _ in 0..<rows {
            var t: [String] = []
            for _ in columns {
                t.append("$\(n)")
                n += 1
            }
            tuples.append("(" + t.joined(separator: ",") + ")")
        }
        return "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES \(tuples.joined(separator: ",")) "
            + postgresConflictClause
    }

    var postgresConflictClause: String {
        let updates = columns.filter { !conflict.contains($0) }.map { "\($0)=EXCLUDED.\($0)" }
        let action = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ",")
        return "ON CONFLICT (\(conflict.joined(separator: ","))) \(action)"
    }

    /// Rows with a repeated conflict key collapse into one: the last values, at the first position
    /// (PostgreSQL refuses to update one row twice in one statement; the data format says the last
    /// row of an ID wins).
    func lastRowPerKey(_ rows: [[SQLiteData]]) -> [[SQLiteData]] {
        let keyIndexes = conflict.compactMap { columns.firstIndex(of: $0) }
        var position: [String: Int] = [:]
        position.reserveCapacity(rows.count)
        var out: [[SQLiteData]] = []
        out.reserveCapacity(rows.count)
        for r in rows {
            let key = keyIndexes.map { Self.keyText(r[$0]) }.joined(separator: "\u{1F}")
            if let i = position[key] {
                out[i] = r
            } else {
                position[key] = out.count
                out.append(r)
            }
        }
        return out
    }

    private static func keyText(_ v: SQLiteData) -> String {
        switch v {
        case .text(let s): "t" + s
        case .integer(let n): "i\(n)"
        case .float(let d): "f\(d)"
        case .blob(let b): "b\(Array(b.readableBytesView))"
        case .null: "n"
        }
    }
}

/// Rows in the text format of `COPY … FROM STDIN`: tab-separated, `\N` for null, backslash escapes.
enum PostgresCopyText {
    static func append(_ row: [SQLiteData], to buffer: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let n): buffer.writeString(String(n))
            // Swift prints the shortest text that reads back as the same double; PostgreSQL reads it exactly.
            case .float(let d): buffer.writeString(d.description)
            case .text(let s): appendEscaped(s, to: &buffer)
            case .blob(let b):
                buffer.writeStaticString("\\\\x")
                for byte in b.readableBytesView {
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0xF)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendEscaped(_ s: String, to buffer: inout ByteBuffer) {
        var s = s
        s.withUTF8 { bytes in
            var needsEscape = false
            for b in bytes where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
                needsEscape = true
                break
            }
            if !needsEscape {
                buffer.writeBytes(bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(b)
                }
            }
        }
    }
}
