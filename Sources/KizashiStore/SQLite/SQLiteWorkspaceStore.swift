import Foundation
import KizashiCore
import Logging
import SQLiteNIO

/// The embedded default store: one SQLite file (WAL, foreign keys on, migrations on open).
///
/// Connections to the one file: SQLiteNIO's `writer` applies migrations and takes small single
/// writes; `raw` runs every write transaction (serialised, prepared statements bound per row);
/// SQLiteNIO's `reader` serves small reads and the `readers` pool the bulk ones, so a long import
/// never blocks a reader and readers only see committed data (WAL). `raw` calls SQLite
/// synchronously, under `lock`.
public final class SQLiteWorkspaceStore: Sendable {
    let writer: SQLiteConnection
    let reader: SQLiteConnection
    /// Write transactions run here: prepared once, bound per row (see RawSQLiteConnection).
    let raw: RawSQLiteConnection
    /// Bulk reads of the KPI dataset and the account pages.
    let readers: SQLiteReaderPool
    let path: String
    let logger: Logger
    /// Event batches waiting while an import holds the writer (`EventInbox`), in a file of their own.
    let inbox: SQLiteInboxFile
    /// One write transaction at a time on `raw`, first come first served.
    let lock = AsyncSerialLock()
    /// company_id → company_key and contact_id → company_id, kept between transactions (the event
    /// API writes many small ones); only touched under `lock`.
    let lookupCache = SQLiteLookupCache()
    /// Set while the file is in rollback-journal mode for its first load (see `open`); only
    /// touched under `lock`.
    let firstLoad = FirstLoadJournal()
    /// Calls on `reader` and `writer` in flight, so `close` never frees a connection under one.
    let gate = SQLiteConnectionGate()

    private init(
        writer: SQLiteConnection, reader: SQLiteConnection, raw: RawSQLiteConnection, readers: SQLiteReaderPool,
        path: String, logger: Logger
    ) {
        self.writer = writer
        self.reader = reader
        self.raw = raw
        self.readers = readers
        self.path = path
        self.logger = logger
        self.inbox = SQLiteInboxFile(workspacePath: path)
    }

    /// Opens (creating if needed) the workspace file at `path` and applies pending migrations.
    ///
    /// `servingReaders`: the store serves readers while it writes (`kizashi serve`), so a first
    /// load keeps WAL instead of the faster rollback journal, whose writer locks every reader out
    /// once it spills pages: a server's pages, its token checks and its event inbox would stall
    /// for the whole import (measured: event batches waited 6–8 s, `bench/events-during-import`).
    public static func open(
        path: String, servingReaders: Bool = false, logger: Logger = Logger(label: "kizashi.sqlite")
    ) async throws
        -> SQLiteWorkspaceStore
    {
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError("cannot open the workspace file \(path): \(error)")
        }
        do {
            // page_size: takes effect only on a new, empty file (so first, before WAL writes the
            // header); an existing workspace keeps its own. 16 KiB pages: a first load writes
            // its pages out as it goes, one pwrite each, and with 4 KiB pages those calls were
            // 7 % of a medium import's CPU samples (perf, BENCHMARKS.md).
            // WAL: readers never block the writer. synchronous=FULL: a commit survives power loss.
            // foreign_keys: references are enforced by the database as well as by the importer.
            for pragma in [
                "PRAGMA page_size=16384", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=60000", "PRAGMA cache_size=-262144", "PRAGMA temp_store=MEMORY",
            ] {
                _ = try await writer.query(pragma)
            }
            try await migrate(writer)
            // A workspace without activities is about to get its first load. In WAL mode every
            // page of it is written twice: to the WAL at commit, then to the file by the
            // checkpoint (1.3 s of a 8.6 s medium import, 6 s of a large one). A rollback journal
            // writes new pages once, and keeps only the few pages that existed: the load is as
            // atomic and as durable. The switch needs the file to itself, so it is tried without
            // waiting and simply not made when another process has the workspace open; the first
            // commit switches back to WAL (`returnToWAL`), and every open asks for WAL again.
            var rollbackJournal = false
            if !servingReaders, try await writer.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty {
                _ = try await writer.query("PRAGMA busy_timeout=0")
                let mode = try? await writer.query("PRAGMA journal_mode=DELETE").first?.column("journal_mode")?.string
                _ = try await writer.query("PRAGMA busy_timeout=60000")
                rollbackJournal = mode == "delete"
            }
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA cache_size=-131072"] {
                _ = try await reader.query(pragma)
            }
            let raw = try RawSQLiteConnection(path: path)
            let store = SQLiteWorkspaceStore(
                writer: writer, reader: reader, raw: raw, readers: try SQLiteReaderPool(path: path), path: path,
                logger: logger)
            store.firstLoad.active = rollbackJournal
            // A first load appends: a small page cache lets SQLite write full pages out while
            // the load runs, instead of all of them in the commit, on one core, at the end.
            if rollbackJournal { try raw.execute("PRAGMA cache_size=\(RawSQLiteConnection.firstLoadCacheKiB)") }
            try await store.backfillDerivedTables()
            return store
        } catch {
            try? await writer.close()
            if error is StoreError { throw error }
            throw StoreError("cannot prepare the workspace file \(path): \(error)")
        }
    }

    /// Fills tables that later migrations added for rows written before them.
    private func backfillDerivedTables() async throws {
        // Match keys came with migration 2: fill them for companies imported before it.
        let hasCompanies = !(try await reader.query("SELECT 1 AS x FROM companies LIMIT 1").isEmpty)
        let hasKeys = !(try await reader.query("SELECT 1 AS x FROM company_match_keys LIMIT 1").isEmpty)
        if hasCompanies && !hasKeys {
            try await withTransaction(referencesChecked: false) { tx in try await tx.backfillMatchKeys() }
        }
        // Locators came with migration 10: build them for activities written before it.
        let backfill = try await reader.query(
            "SELECT 1 AS x FROM sqlite_master WHERE name = 'activity_locators_backfill'")
        if !backfill.isEmpty {
            try await withTransaction(referencesChecked: false) { tx in try await tx.backfillLocators() }
        }
    }

    static func migrate(_ db: SQLiteConnection) async throws {
        _ = try await db.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        let rows = try await db.query("SELECT max(version) AS v FROM schema_migrations")
        let current = rows.first?.column("v")?.integer ?? 0
        if let newest = SQLiteMigrations.all.last?.version, current > newest {
            throw StoreError(
                "this workspace was written by a newer Kizashi (schema \(current) > \(newest)); upgrade Kizashi")
        }
        for migration in SQLiteMigrations.all where migration.version > current {
            _ = try await db.query("BEGIN IMMEDIATE")
            do {
                for statement in migration.sql { _ = try await db.query(statement) }
                _ = try await db.query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))",
                    [.integer(migration.version), .text(migration.name)])
                _ = try await db.query("COMMIT")
            } catch {
                _ = try? await db.query("ROLLBACK")
                throw StoreError("migration \(migration.version) (\(migration.name)) failed: \(error)")
            }
        }
    }

    public func close() async throws {
        await gate.closeAndDrain()
        await lock.acquire()
        returnToWAL(closing: true)
        raw.close()
        readers.close()
        await lock.release()
        await inbox.close()
        try await reader.close()
        try await writer.close()
    }

    /// Where the workspace is, for messages.
    public var workspaceDescription: String { "SQLite \(path)" }
}

/// Whether the workspace file is still in rollback-journal mode for its first load.
final class FirstLoadJournal: @unchecked Sendable {
    var active = false
}
