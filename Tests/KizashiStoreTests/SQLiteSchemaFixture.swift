@testable import KizashiStore

/// A workspace file as an older Kizashi left it: migrations 1…`version` applied and recorded,
/// nothing newer. Migration tests fill it, close it and open it with the store, which applies
/// the rest.
enum SQLiteSchemaFixture {
    static func open(at version: Int, path: String, appliedAt: String = "2026-12-01 00:00:00") throws
        -> RawSQLiteConnection
    {
        let db = try RawSQLiteConnection(path: path)
        do { try build(db, version: version, appliedAt: appliedAt) } catch {
            db.close()
            throw error
        }
        return db
    }

    private static func build(_ db: RawSQLiteConnection, version: Int, appliedAt: String) throws {
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for m in SQLiteMigrations.all where m.version <= version {
            for statement in m.sql { try db.execute(statement) }
            try db.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [.integer(m.version), .text(m.name), .text(appliedAt)])
        }
    }
}
