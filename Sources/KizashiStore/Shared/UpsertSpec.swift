/// A table's upsert: its columns and the key a row replaces another on. The statements are
/// built here once, for either dialect; each backend decides how many rows go into one and how
/// they travel (prepared and bound per row on SQLite, a multi-row statement or COPY on PostgreSQL).
///
/// Replacing a row whose key exists is what data-format.md asks: "Importing a row whose ID
/// already exists replaces that row".
struct UpsertSpec: Sendable {
    let table: String
    let columns: [String]
    let conflict: [String]

    /// Rows per batch where a batch also needs a lookup with an `IN (…)` list.
    var batchSize: Int { 1000 }

    /// Rows per multi-row statement within PostgreSQL's 65,535 bind parameters.
    var maximumRowsPerStatement: Int { Swift.min(2000, 65_000 / columns.count) }

    /// `INSERT … VALUES (…),(…) ON CONFLICT … DO UPDATE` for `rows` rows. Within one statement
    /// SQLite applies each row in turn, so a later row of a key updates the earlier one (the last
    /// row wins); PostgreSQL refuses a key twice, so its rows are deduplicated first (`lastRowPerKey`).
    func sql(rows: Int, _ dialect: SQLDialect = .sqlite) -> String {
        insert(rows: rows, dialect) + " " + conflictClause
    }

    /// An insert that leaves an existing row alone (SQLite's caller learns which rows were new
    /// from `sqlite3_changes`).
    func insertNewSQL(rows: Int, _ dialect: SQLDialect = .sqlite) -> String {
        insert(rows: rows, dialect) + " ON CONFLICT (\(conflict.joined(separator: ","))) DO NOTHING"
    }

    /// `ON CONFLICT (key) DO UPDATE SET column = excluded.column, …` (or `DO NOTHING` when every
    /// column is part of the key).
    var conflictClause: String {
        let updates = columns.filter { !conflict.contains($0) }.map { "\($0)=excluded.\($0)" }
        let action = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ",")
        return "ON CONFLICT (\(conflict.joined(separator: ","))) \(action)"
    }

    private func insert(rows: Int, _ dialect: SQLDialect) -> String {
        var tuples: [String] = []
        tuples.reserveCapacity(rows)
        var n = 0
        for _ in 0..<rows {
            var marks: [String] = []
            for _ in columns {
                n += 1
                marks.append(dialect.placeholder(n))
            }
            tuples.append("(" + marks.joined(separator: ",") + ")")
        }
        return "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES \(tuples.joined(separator: ","))"
    }

    /// Rows with a repeated key collapse into one: the last values, at the first position (one
    /// PostgreSQL statement may not update a row twice; the data format says the last row wins).
    func lastRowPerKey(_ rows: [[StoredValue]]) -> [[StoredValue]] {
        let keyIndexes = conflict.compactMap { columns.firstIndex(of: $0) }
        var position: [[StoredValue]: Int] = [:]
        position.reserveCapacity(rows.count)
        var out: [[StoredValue]] = []
        out.reserveCapacity(rows.count)
        for r in rows {
            let key = keyIndexes.map { r[$0] }
            if let i = position[key] {
                out[i] = r
            } else {
                position[key] = out.count
                out.append(r)
            }
        }
        return out
    }
}
