import KizashiCore
import VaporCSQLite

/// A synchronous connection on the SQLite library that SQLiteNIO vendors, used for write
/// transactions only.
///
/// Why: SQLiteNIO prepares every statement anew and boxes every value, which made statement
/// parsing and binding the largest cost of an import (see BENCHMARKS.md). Here each SQL text is
/// prepared once per transaction and rows are bound one by one (`bind`/`step`/`reset`). Reads and
/// migrations stay on SQLiteNIO. Used by one transaction at a time (the store serialises them).
final class RawSQLiteConnection: @unchecked Sendable {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The page cache of the write connection (negative: KiB), and its size during a first
    /// load (SQLiteWorkspaceStore.open).
    static let cacheKiB = -262_144
    static let firstLoadCacheKiB = -16_384
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// `mappedRead`: a reader maps the file (`mmap_size`) so bulk reads use the OS page cache in
    /// place instead of copying every page into SQLite's own cache (at scale most of a report's
    /// system time was the kernel zeroing fresh pages for those copies).
    init(path: String, mappedRead: Bool = false) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(db)
            throw StoreError("cannot open \(path) for writing: \(message)")
        }
        sqlite_nio_sqlite3_busy_timeout(db, 10_000)
        for pragma in [
            "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA cache_size=\(Self.cacheKiB)",
            "PRAGMA temp_store=MEMORY",
            // A second sorter thread for CREATE INDEX after a bulk load (the other core is idle then).
            "PRAGMA threads=2",
        ] {
            try execute(pragma)
        }
        if mappedRead { try execute("PRAGMA mmap_size=\(Self.mappedBytes)") }
    }

    /// The map of a `mappedRead` connection: the whole file, up to 16 GiB.
    static let mappedBytes = 17_179_869_184

    /// Runs `body` reading through a small page cache instead of the map (on a `mappedRead`
    /// connection), then maps again. For one pass over most of a large table: every mapped
    /// page stays in the process's resident memory until the map goes, so a pass over the
    /// large demo's activities held 0.8 GB of them; read and copied into 8 MiB of cache, the
    /// same pass cost 6 % more CPU (sqlite3 shell, BENCHMARKS.md 2026-12-07).
    func withoutMap<T>(_ body: () throws -> T) throws -> T {
        try execute("PRAGMA mmap_size=0")
        try execute("PRAGMA cache_size=-8192")
        defer {
            try? execute("PRAGMA cache_size=\(Self.cacheKiB)")
            try? execute("PRAGMA mmap_size=\(Self.mappedBytes)")
        }
        return try body()
    }

    deinit { close() }

    func close() {
        for s in statements.values { sqlite_nio_sqlite3_finalize(s) }
        statements = [:]
        if let db { sqlite_nio_sqlite3_close(db) }
        db = nil
    }

    private var message: String { db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "closed" }

    private func statement(_ sql: String) throws -> OpaquePointer {
        if let s = statements[sql] { return s }
        // After `close` (the store closing under a late caller): an error, never a call on a freed handle.
        guard let db else { throw StoreError("the workspace is closed") }
        var s: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil) == SQLITE_OK, let s
        else {
            throw StoreError("SQLite could not prepare a statement: \(message)")
        }
        statements[sql] = s
        return s
    }

    private func bind(_ values: some Collection<StoredValue>, to s: OpaquePointer) throws {
        var i: Int32 = 1
        for v in values {
            let rc: Int32
            switch v {
            case .null: rc = sqlite_nio_sqlite3_bind_null(s, i)
            case .integer(let n): rc = sqlite_nio_sqlite3_bind_int64(s, i, n)
            case .float(let x): rc = sqlite_nio_sqlite3_bind_double(s, i, x)
            case .text(let t):
                var t = t
                rc = t.withUTF8 { u in
                    sqlite_nio_sqlite3_bind_text64(
                        s, i, u.baseAddress, UInt64(u.count), Self.transient, UInt8(SQLITE_UTF8))
                }
            case .blob(let b):
                rc = b.withUnsafeBytes { u in
                    sqlite_nio_sqlite3_bind_blob64(s, i, u.baseAddress, UInt64(u.count), Self.transient)
                }
            }
            guard rc == SQLITE_OK else { throw StoreError("SQLite could not bind a value: \(message)") }
            i += 1
        }
    }

    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ values: [StoredValue] = []) throws {
        try run(sql, values) { _ in }
    }

    /// Runs one statement once per row of `values` (each `width` values), inside the caller's
    /// transaction.
    func executeEach(_ sql: String, width: Int, values: [StoredValue]) throws {
        let s = try statement(sql)
        var start = values.startIndex
        while start < values.endIndex {
            defer { sqlite_nio_sqlite3_reset(s) }
            try bind(values[start..<(start + width)], to: s)
            let rc = sqlite_nio_sqlite3_step(s)
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw StoreError("SQLite write failed: \(message)") }
            start += width
        }
    }

    /// Runs one statement once per row, `rows` times, inside the caller's transaction: `values`
    /// fills row `i`'s parameters. Nothing is boxed per value, and texts are bound in place
    /// (`SQLiteRowValues`). With `unchanged`, each row whose statement changed nothing (an
    /// `INSERT … DO NOTHING` that met an existing key) is reported by its position.
    func executeEach(
        _ sql: String, rows: Int, unchanged: ((Int) -> Void)? = nil,
        values: (Int, inout SQLiteRowValues) -> Void
    ) throws {
        let s = try statement(sql)
        // The statement must not keep pointers into `row` once it is gone.
        defer { sqlite_nio_sqlite3_clear_bindings(s) }
        var row = SQLiteRowValues()
        for i in 0..<rows {
            row.removeAll()
            values(i, &row)
            let rc: Int32 = try row.bytes.withUnsafeBufferPointer { base in
                defer { sqlite_nio_sqlite3_reset(s) }
                try bind(row.cells, from: base, to: s)
                return sqlite_nio_sqlite3_step(s)
            }
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw StoreError("SQLite write failed: \(message)") }
            if let unchanged, sqlite_nio_sqlite3_changes(db) == 0 { unchanged(i) }
        }
    }

    /// Runs a multi-row statement for rows `0..<rows`, `group` rows at a time: `sql(k)` is the
    /// statement for k rows (k = `group`, then once the remainder), and `values` fills row `i`'s
    /// parameters, bound as in `executeEach(_:rows:unchanged:values:)`. With `allNew`, returns
    /// false, at once, when a statement changed fewer rows than it had: an `INSERT … DO NOTHING`
    /// met an existing key, and the caller (who knows which rows were meant to be new) rolls back
    /// to its savepoint. Without it (an upsert, where every row changes something), returns true.
    ///
    /// Why: one statement per row starts and halts the VM per row and seeks the B-tree from its
    /// root per row; within one statement the cursor stays on the last page, so an append finds
    /// its place without a search (SQLite's `sqlite3BtreeIndexMoveto` shortcut).
    func executeGroups(
        rows: Int, group: Int, allNew: Bool = true, sql: (Int) -> String,
        values: (Int, inout SQLiteRowValues) -> Void
    ) throws -> Bool {
        var row = SQLiteRowValues()
        // Looked up once: the statement cache is keyed by the SQL text, long for many rows.
        let full = rows >= group ? try statement(sql(group)) : nil
        var used: [OpaquePointer] = full.map { [$0] } ?? []
        // The statements must not keep pointers into `row` once it is gone.
        defer { for s in used { sqlite_nio_sqlite3_clear_bindings(s) } }
        var start = 0
        while start < rows {
            let k = min(group, rows - start)
            let s: OpaquePointer
            if k == group, let full {
                s = full
            } else {
                s = try statement(sql(k))
                used.append(s)
            }
            row.removeAll()
            for i in start..<(start + k) { values(i, &row) }
            let rc: Int32 = try row.bytes.withUnsafeBufferPointer { base in
                defer { sqlite_nio_sqlite3_reset(s) }
                try bind(row.cells, from: base, to: s)
                return sqlite_nio_sqlite3_step(s)
            }
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw StoreError("SQLite write failed: \(message)") }
            if allNew, sqlite_nio_sqlite3_changes(db) != Int32(k) { return false }
            start += k
        }
        return true
    }

    /// Binds cells (`SQLiteRowValues`) whose texts are in `base`, which must outlive the step.
    private func bind(_ cells: [SQLiteRowValues.Cell], from base: UnsafeBufferPointer<UInt8>, to s: OpaquePointer)
        throws
    {
        var k: Int32 = 1
        for cell in cells {
            let bound: Int32
            switch cell {
            case .null: bound = sqlite_nio_sqlite3_bind_null(s, k)
            case .integer(let n): bound = sqlite_nio_sqlite3_bind_int64(s, k, n)
            case .text(let offset, let length):
                // Static: the buffer outlives this step. An empty text still needs a pointer (a
                // nil one would bind NULL).
                bound =
                    length == 0
                    ? sqlite_nio_sqlite3_bind_text64(s, k, "", 0, Self.transient, UInt8(SQLITE_UTF8))
                    : sqlite_nio_sqlite3_bind_text64(
                        s, k, UnsafeRawPointer(base.baseAddress! + offset), UInt64(length), nil, UInt8(SQLITE_UTF8))
            }
            guard bound == SQLITE_OK else { throw StoreError("SQLite could not bind a value: \(message)") }
            k += 1
        }
    }

    /// Runs a query and returns its rows.
    func query(_ sql: String, _ values: [StoredValue] = []) throws -> [StoredRecord] {
        var rows: [StoredRecord] = []
        try run(sql, values) { rows.append($0) }
        return rows
    }

    /// Runs a query and hands each row to `onRow` as a cursor over SQLite's own buffers: values
    /// are read by position and only become Strings when asked (the KPI dataset's bulk reads).
    func scan(_ sql: String, _ values: [StoredValue] = [], _ onRow: (RawSQLiteCursor) throws -> Void) throws {
        let s = try statement(sql)
        defer {
            sqlite_nio_sqlite3_reset(s)
            sqlite_nio_sqlite3_clear_bindings(s)
        }
        try bind(values, to: s)
        let cursor = RawSQLiteCursor(statement: s)
        while true {
            let rc = sqlite_nio_sqlite3_step(s)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw StoreError("SQLite statement failed: \(message)") }
            try onRow(cursor)
        }
    }

    private func run(_ sql: String, _ values: [StoredValue], _ onRow: (StoredRecord) -> Void) throws {
        var columns: StoredColumns?
        try scan(sql, values) { cursor in
            if columns == nil { columns = cursor.columns() }
            onRow(StoredRecord(columns: columns!, values: cursor.cells()))
        }
    }
}

/// The current row of `RawSQLiteConnection.scan`, read by column position. Valid only inside the
/// callback (the buffers are SQLite's, overwritten by the next step).
struct RawSQLiteCursor {
    let statement: OpaquePointer

    func isNull(_ c: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, c) == SQLITE_NULL }

    /// The column names, in order (the same for every row of a statement).
    func columns() -> StoredColumns {
        StoredColumns(
            (0..<sqlite_nio_sqlite3_column_count(statement)).map {
                String(cString: sqlite_nio_sqlite3_column_name(statement, $0))
            })
    }

    /// Every value of the row, copied out as `StoredValue`.
    func cells() -> [StoredValue] {
        let n = sqlite_nio_sqlite3_column_count(statement)
        var cells: [StoredValue] = []
        cells.reserveCapacity(Int(n))
        for c in 0..<n {
            switch sqlite_nio_sqlite3_column_type(statement, c) {
            case SQLITE_INTEGER: cells.append(.integer(sqlite_nio_sqlite3_column_int64(statement, c)))
            case SQLITE_FLOAT: cells.append(.float(sqlite_nio_sqlite3_column_double(statement, c)))
            case SQLITE_TEXT: cells.append(.text(String(cString: sqlite_nio_sqlite3_column_text(statement, c))))
            case SQLITE_BLOB:
                let count = Int(sqlite_nio_sqlite3_column_bytes(statement, c))
                if let p = sqlite_nio_sqlite3_column_blob(statement, c), count > 0 {
                    cells.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: count))))
                } else {
                    cells.append(.blob([]))
                }
            default: cells.append(.null)
            }
        }
        return cells
    }
    func int(_ c: Int32) -> Int? { isNull(c) ? nil : Int(sqlite_nio_sqlite3_column_int64(statement, c)) }
    /// A NOT NULL integer column's value (0 for a NULL, which such a column cannot hold).
    func int64(_ c: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, c) }
    func double(_ c: Int32) -> Double? { isNull(c) ? nil : sqlite_nio_sqlite3_column_double(statement, c) }
    /// The value's UTF-8 bytes in place (empty for NULL).
    func bytes(_ c: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite_nio_sqlite3_column_text(statement, c) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: p, count: Int(sqlite_nio_sqlite3_column_bytes(statement, c)))
    }
    func text(_ c: Int32) -> String? { isNull(c) ? nil : String(decoding: bytes(c), as: UTF8.self) }
    /// A blob's bytes in place (empty for NULL or an empty blob).
    func blob(_ c: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(
            start: sqlite_nio_sqlite3_column_blob(statement, c),
            count: Int(sqlite_nio_sqlite3_column_bytes(statement, c)))
    }
    func requiredText(_ c: Int32, _ name: String) throws -> String {
        guard let s = text(c) else { throw StoreError("stored row has no \(name)") }
        return s
    }
    func day(_ c: Int32) -> Day? { isNull(c) ? nil : Day(isoBuffer: bytes(c)) }
    func requiredDay(_ c: Int32, _ name: String) throws -> Day {
        guard let d = day(c) else { throw StoreError("stored row has an unreadable date in \(name)") }
        return d
    }
}

/// Strings read many times over (intent topics and kinds, industries, departments): one String
/// per distinct value, found by an FNV-1a hash of the bytes in a small open-addressing table, so
/// a million rows of thirty topics allocate thirty strings and hash nothing twice.
struct StoredStringInterner {
    private var slots: [(hash: UInt64, value: String)?] = Array(repeating: nil, count: 1024)
    private var used = 0

    mutating func string(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in b { h = (h ^ UInt64(u)) &* 0x100_0000_01b3 }
        var i = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while let slot = slots[i] {
            // Compared through the String's own contiguous bytes: the generic UTF8View
            // comparison was 6 % of an attribution read (perf).
            if slot.hash == h && slot.value.utf8.count == b.count
                && (slot.value.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(b) }
                    ?? slot.value.utf8.elementsEqual(b))
            {
                return slot.value
            }
            i = (i + 1) & (slots.count - 1)
        }
        let s = String(decoding: b, as: UTF8.self)
        // Too many distinct values (free text): stop interning rather than grow.
        guard used < slots.count / 2 else { return s }
        slots[i] = (h, s)
        used += 1
        return s
    }
}
