import Foundation
import KizashiCore
import SQLiteNIO

/// How the shared store code reaches an SQLite workspace: small reads on SQLiteNIO's `reader`,
/// single writes on its `writer` (they wait for a running import, busy timeout, rather than
/// fail), and everything transactional on `raw`, one at a time in arrival order.
extension SQLiteWorkspaceStore: SQLWorkspaceBackend {
    var dialect: SQLDialect { .sqlite }

    func read(_ sql: StoredSQL) async throws -> [StoredRecord] { try await gate.pass { try await reader.records(sql) } }

    func write(_ sql: StoredSQL) async throws -> [StoredRecord] {
        try await gate.pass { try await writer.records(sql) }
    }

    /// With `referencesChecked`, foreign keys are off for this one transaction (the pragma is a
    /// no-op inside a transaction, so it is set around BEGIN and restored after COMMIT/ROLLBACK,
    /// before the next transaction may start).
    func withTransaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (SQLiteTransaction) async throws -> T
    ) async throws -> T {
        await lock.acquire()
        func release() async {
            if referencesChecked { try? raw.execute("PRAGMA foreign_keys=ON") }
            await lock.release()
        }
        do {
            if referencesChecked { try raw.execute("PRAGMA foreign_keys=OFF") }
            try raw.execute("BEGIN IMMEDIATE")
            // Another process may have committed since (an import while serving): then the cached
            // lookups are stale. PRAGMA data_version changes exactly when another connection commits.
            let version = try dataVersion()
            let tx = SQLiteTransaction(db: raw, logger: logger, cached: lookupCache.take(ifVersion: version))
            do {
                let result = try await body(tx)
                try await tx.finish()
                try raw.execute("COMMIT")
                returnToWAL()
                lookupCache.keep(await tx.lookups(), version: version)
                await release()
                return result
            } catch {
                try? raw.execute("ROLLBACK")
                throw error
            }
        } catch {
            await release()
            throw error
        }
    }

    /// A short write transaction on the raw connection, queued with the workspace's transactions
    /// (FIFO).
    ///
    /// Why: alert and delivery rows written on SQLiteNIO's connection had to win SQLite's file
    /// lock by polling (busy_timeout) against back-to-back event batches on this one, and under
    /// event load they never did: no alert went out until the load stopped. Here they take
    /// their turn. An own commit also keeps the import lookups cached (`PRAGMA data_version`
    /// only moves for other connections' commits).
    func atomically<T: Sendable>(_ what: String, _ body: @escaping @Sendable (any StoreSession) async throws -> T)
        async throws -> T
    {
        await lock.acquire()
        let result: Result<T, any Error>
        do {
            try raw.execute("BEGIN IMMEDIATE")
            let version = try dataVersion()
            let cached = lookupCache.take(ifVersion: version)
            do {
                let r = try await body(RawSQLiteSession(db: raw))
                try raw.execute("COMMIT")
                returnToWAL()
                lookupCache.keep(cached, version: version)
                result = .success(r)
            } catch {
                try? raw.execute("ROLLBACK")
                lookupCache.keep(cached, version: version)
                result = .failure(error)
            }
        } catch {
            result = .failure(error)
        }
        await lock.release()
        return try result.get()
    }

    private func dataVersion() throws -> Int {
        try raw.query("PRAGMA data_version").first?.int("data_version") ?? -1
    }

    /// After the first commit of activities in rollback-journal mode (see `open`): back to WAL, so
    /// readers never block the writer again. Tried briefly; if a reader holds the file, the next
    /// commit tries again. Called under `lock`.
    func returnToWAL(closing: Bool = false) {
        guard firstLoad.active else { return }
        // Writes before the first load (settings, the ICP) keep the rollback journal for it.
        if !closing, (try? raw.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty) ?? false { return }
        try? raw.execute("PRAGMA busy_timeout=200")
        if (try? raw.query("PRAGMA journal_mode=WAL").first?.text("journal_mode")) == "wal" {
            firstLoad.active = false
            try? raw.execute("PRAGMA cache_size=\(RawSQLiteConnection.cacheKiB)")
        }
        try? raw.execute("PRAGMA busy_timeout=10000")
    }

    /// One server per SQLite file, by design: no other server writes to it, so there is nothing
    /// to hear. The feed never yields, and ends when its reader stops listening.
    /// No replicas: reports read this file.
    public var reportsMayLag: Bool { false }

    public func workspaceChanges() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream<Int64>.makeStream()
        // Kept by its own termination handler until then, so the stream does not end on its own.
        continuation.onTermination = { _ in _ = continuation }
        return stream
    }
}

/// The raw connection inside an `atomically` transaction.
struct RawSQLiteSession: StoreSession {
    let db: RawSQLiteConnection
    var dialect: SQLDialect { .sqlite }
    func rows(_ sql: StoredSQL) async throws -> [StoredRecord] {
        let (text, binds) = sql.rendered(for: .sqlite)
        return try db.query(text, binds)
    }
    func run(_ sql: StoredSQL) async throws {
        let (text, binds) = sql.rendered(for: .sqlite)
        try db.execute(text, binds)
    }
}
