import KizashiCore
import SQLiteNIO

/// Conversions between entity fields and SQLite values, in one place so every table agrees.
extension SQLiteData {
    static func text(_ s: String?) -> SQLiteData { s.map { .text($0) } ?? .null }
    static func day(_ d: Day?) -> SQLiteData { d.map { .text($0.description) } ?? .null }
    static func instant(_ i: Instant) -> SQLiteData { .integer(Int(i.millisecondsSinceEpoch)) }
    static func int(_ n: Int?) -> SQLiteData { n.map { .integer($0) } ?? .null }

    var dayValue: Day? { string.flatMap { Day(iso: $0) } }
    var instantValue: Instant? { integer.map { Instant(millisecondsSinceEpoch: Int64($0)) } }
}

/// A row read from SQLite by either connection type (SQLiteNIO's or the raw one).
protocol StoredRow {
    func column(_ name: String) -> SQLiteData?
}

extension SQLiteRow: StoredRow {}

extension StoredRow {
    func text(_ name: String) -> String? { column(name)?.string }
    func requiredText(_ name: String) throws -> String {
        guard let s = column(name)?.string else { throw StoreError("stored row has no \(name)") }
        return s
    }
    func day(_ name: String) -> Day? { column(name)?.dayValue }
    func requiredDay(_ name: String) throws -> Day {
        guard let d = day(name) else { throw StoreError("stored row has an unreadable date in \(name)") }
        return d
    }
    func requiredInstant(_ name: String) throws -> Instant {
        guard let i = column(name)?.instantValue else { throw StoreError("stored row has no timestamp in \(name)") }
        return i
    }
    func int(_ name: String) -> Int? { column(name)?.integer.map { Int($0) } }
    func double(_ name: String) -> Double? { column(name)?.double }
    func requiredEnum<E: RawRepresentable>(_ name: String, as: E.Type) throws -> E where E.RawValue == String {
        guard let s = text(name), let e = E(rawValue: s) else { throw StoreError("stored row has an unknown \(name)") }
        return e
    }
}

/// An `INSERT … ON CONFLICT … DO UPDATE` for one row, prepared once per transaction and bound per
/// row by `RawSQLiteConnection.executeEach` (re-preparing multi-row statements was the largest
/// cost of an import through SQLiteNIO).
struct SQLiteUpsert {
    let table: String
    let columns: [String]
    let conflict: [String]

    /// Rows per batch where a batch also needs a lookup with an `IN (…)` list.
    var batchSize: Int { 1000 }

    var sql: String { sql(rows: 1) }

    /// `sql` for `rows` rows in one statement. Each row is applied in turn, so a later row of
    /// the same key updates the earlier one: the last row wins, as data-format.md asks.
    func sql(rows: Int) -> String {
        let updates = columns.filter { !conflict.contains($0) }.map { "\($0)=excluded.\($0)" }
        return insert(
            rows: rows, action: updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ","))
    }

    /// Inserts rows whose key is new and leaves an existing row alone (the caller learns which
    /// from `sqlite3_changes`).
    var insertNewSQL: String { insertNewSQL(rows: 1) }

    /// `insertNewSQL` for `rows` rows in one statement.
    func insertNewSQL(rows: Int) -> String { insert(rows: rows, action: "DO NOTHING") }

    private func insert(rows: Int, action: String) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let tuples = Array(repeating: tuple, count: rows).joined(separator: ",")
        return
            "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES \(tuples) ON CONFLICT(\(conflict.joined(separator: ","))) \(action)"
    }
}
