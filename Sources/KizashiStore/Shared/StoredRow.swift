import KizashiCore

/// A row read back from a workspace table, by column name: every backend's rows answer this,
/// so the entity mapping reads them all alike.
protocol StoredRow {
    func column(_ name: String) -> StoredValue?
}

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
    func instant(_ name: String) -> Instant? { column(name)?.instantValue }
    func requiredInstant(_ name: String) throws -> Instant {
        guard let i = column(name)?.instantValue else { throw StoreError("stored row has no timestamp in \(name)") }
        return i
    }
    func int(_ name: String) -> Int? { column(name)?.integer.map { Int($0) } }
    func int64(_ name: String) -> Int64? { column(name)?.integer }
    func double(_ name: String) -> Double? { column(name)?.double }
    func requiredEnum<E: RawRepresentable>(_ name: String, as: E.Type) throws -> E where E.RawValue == String {
        guard let s = text(name), let e = E(rawValue: s) else { throw StoreError("stored row has an unknown \(name)") }
        return e
    }
}

/// A row as every backend hands it to the shared layer: the values in column order, and the
/// column names (shared by every row of one result).
struct StoredRecord: StoredRow, Sendable {
    let columns: StoredColumns
    let values: [StoredValue]

    func column(_ name: String) -> StoredValue? { columns.index[name].map { values[$0] } }
}

/// The column names of one result, in order, and their positions by name.
final class StoredColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        // The first of two equal names wins, as a by-name lookup in either driver does.
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        self.index = index
    }
}
