import SQLiteNIO

/// SQLiteNIO's connections (migrations, small reads and writes, the inbox file) speaking the
/// shared layer's values: the only place its `SQLiteData` is converted.
extension SQLiteConnection {
    func records(_ sql: StoredSQL) async throws -> [StoredRecord] {
        let (text, binds) = sql.rendered(for: .sqlite)
        let rows = try await query(text, binds.map(SQLiteData.init))
        guard let first = rows.first else { return [] }
        let columns = StoredColumns(first.columns.map(\.name))
        return rows.map { row in StoredRecord(columns: columns, values: row.columns.map { StoredValue($0.data) }) }
    }
}

extension SQLiteData {
    init(_ v: StoredValue) {
        switch v {
        case .integer(let n): self = .integer(Int(n))
        case .float(let d): self = .float(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(ByteBuffer(bytes: b))
        case .null: self = .null
        }
    }
}

extension StoredValue {
    init(_ d: SQLiteData) {
        switch d {
        case .integer(let n): self = .integer(Int64(n))
        case .float(let x): self = .float(x)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(Array(b.readableBytesView))
        case .null: self = .null
        }
    }
}
