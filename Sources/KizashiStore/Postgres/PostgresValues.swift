import KizashiCore
import Logging
import PostgresNIO

/// PostgreSQL speaking the shared layer's values: the only place PostgresNIO's rows and binds
/// are converted. Columns hold the same representations as on SQLite (migrations), so a value
/// reads back the same from either backend.
extension StoredValue {
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: self = .integer(Int64(try cell.decode(Int.self)))
            case .float4, .float8, .numeric: self = .float(try cell.decode(Double.self))
            case .bytea: self = .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
            case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: self = .text(try cell.decode(String.self))
            }
        } catch {
            throw StoreError("column \(cell.columnName) holds a \(cell.dataType) value Kizashi cannot read: \(error)")
        }
    }
}

extension StoredRecord {
    /// A row as the shared layer reads it; `columns` is filled from the first row of a result.
    init(_ row: PostgresRow, columns: inout StoredColumns?) throws {
        if columns == nil { columns = StoredColumns(row.map(\.columnName)) }
        self.init(columns: columns!, values: try row.map(StoredValue.init))
    }
}

extension PostgresBindings {
    mutating func append(stored value: StoredValue) {
        switch value {
        case .integer(let n): append(n)
        case .float(let d): append(d)
        case .text(let s): append(s)
        case .blob(let b): append(ByteBuffer(bytes: b))
        case .null: appendNull()
        }
    }
}

extension PostgresQuery {
    /// A shared statement with `$1…$n` placeholders.
    static func stored(_ sql: StoredSQL) -> PostgresQuery {
        let (text, values) = sql.rendered(for: .postgres)
        return stored(text, values)
    }

    /// Text that already has `$n` placeholders, and its values.
    static func stored(_ text: String, _ values: [StoredValue]) -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for v in values { binds.append(stored: v) }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

extension PostgresConnection {
    /// Throws when the server dropped this connection. Why: PostgresNIO can leave a query sent on
    /// a leased connection that the server closed (a restart, `pg_terminate_backend`) waiting
    /// forever; checking first turns that into an error the transaction reports and rolls back.
    func ensureOpen() throws {
        if isClosed { throw PostgresConnectionLost() }
    }

    /// Runs `query` and returns every row (the result sets here are bounded by the KPI window).
    func records(_ query: PostgresQuery, logger: Logger) async throws -> [StoredRecord] {
        try ensureOpen()
        var out: [StoredRecord] = []
        var columns: StoredColumns?
        for try await row in try await self.query(query, logger: logger) {
            out.append(try StoredRecord(row, columns: &columns))
        }
        return out
    }

    func perform(_ query: PostgresQuery, logger: Logger) async throws {
        try ensureOpen()
        try await self.query(query, logger: logger)
    }

    /// A statement the store wrote itself, without parameters (BEGIN, COMMIT, locks, DDL).
    func run(_ sql: String, logger: Logger) async throws {
        try await perform(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}

/// One connection inside a transaction of the shared code (`atomically`).
struct PostgresSession: StoreSession {
    let conn: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }
    func rows(_ sql: StoredSQL) async throws -> [StoredRecord] { try await conn.records(.stored(sql), logger: logger) }
    func run(_ sql: StoredSQL) async throws { try await conn.perform(.stored(sql), logger: logger) }
}

/// The server closed the connection under a transaction: nothing of it was committed.
struct PostgresConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection to PostgreSQL was lost" }
}
