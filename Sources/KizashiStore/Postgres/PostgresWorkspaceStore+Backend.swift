import KizashiCore
import Logging
import PostgresNIO

/// How the shared store code reaches a PostgreSQL workspace: reads and single writes on the
/// pool (retried when the pooled connection turns out dead before the statement was sent),
/// transactions on one leased connection.
extension PostgresWorkspaceStore: SQLWorkspaceBackend {
    var dialect: SQLDialect { .postgres }

    /// On a snapshot's store, every read goes to its pinned connection (`withSnapshot`).
    func read(_ sql: StoredSQL) async throws -> [StoredRecord] {
        try await records(sql, on: pinned, failing: Self.readFailure)
    }

    /// What a failed read is called in messages; also tells `records` the statement is a read.
    private static let readFailure = "query"

    func write(_ sql: StoredSQL) async throws -> [StoredRecord] {
        try await records(sql, on: nil, failing: "statement")
    }

    /// The rows of one statement, on `connection` when given, else on the pool (retried when the
    /// pooled connection was lost); a failure is a `StoreError` naming what failed.
    private func records(_ sql: StoredSQL, on connection: PostgresConnection?, failing what: String) async throws
        -> [StoredRecord]
    {
        let query = PostgresQuery.stored(sql)
        do {
            if let connection { return try await connection.records(query, logger: logger) }
            return try await Self.retryingLostConnections {
                // A read is watched for a closed connection (and then retried: it changes nothing); a
                // write is not, since a statement whose answer was lost may have run.
                try await self.leased(what, watchingClose: what == Self.readFailure) { [logger] conn in
                    try await conn.records(query, logger: logger)
                }
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError("PostgreSQL \(what) failed: \(Self.describe(error))")
        }
    }

    func atomically<T: Sendable>(_ what: String, _ body: @escaping @Sendable (any StoreSession) async throws -> T)
        async throws -> T
    {
        do {
            return try await leased(what) { [logger] conn in
                try await conn.run("BEGIN", logger: logger)
                do {
                    let result = try await body(PostgresSession(conn: conn, logger: logger))
                    try await conn.run("COMMIT", logger: logger)
                    return result
                } catch {
                    await Self.rollback(conn, logger: logger)
                    throw error
                }
            }
        } catch let e as PSQLError {
            throw StoreError("\(what): \(Self.describe(e))")
        } catch let e as PostgresConnectionLost {
            throw StoreError("\(what): \(e)")
        }
    }

    /// Each write transaction holds the workspace's advisory lock (writers are serialised across
    /// processes, as SQLite serialises them: the packed roll-ups stay exact without row-level
    /// merging), bumps `workspace_version` and notifies the other servers at commit (its own
    /// change feed passes over the notification: this server already knows what it wrote).
    /// `referencesChecked` changes nothing here: the server checks references beside the COPY.
    func withTransaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let outcome: T
        do {
            outcome = try await Self.retryingLostConnections {
                try await self.leased("a transaction", watchingClose: false) { [logger] conn in
                    // Only BEGIN is retried on another connection: once the body ran, a lost connection
                    // is reported (the server rolled back), never silently replayed.
                    try await conn.failingWhenClosed { try await conn.run("BEGIN", logger: logger) }
                    do {
                        return try await conn.failingWhenClosed { [logger] in
                            try await conn.run("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", logger: logger)
                            let version =
                                try await conn.records(
                                    .stored("SELECT version FROM workspace_version WHERE id = 1"), logger: logger
                                ).first?.int64("version") ?? 0
                            // The kept look-ups are taken under the lock: taken before it, they were
                            // those of the transaction before the one waited for, so concurrent event
                            // batches read every company and contact again (100k and 156k rows at
                            // large, ~250 ms a batch: 470 events/s, `bench/events.py`).
                            let kept = self.cacheLock.withLock { self.cached }
                            let tx = PostgresTransaction(
                                conn: conn, logger: logger, cached: kept?.version == version ? kept?.maps : nil)
                            let result = try await body(tx)
                            try await tx.finish()
                            try await conn.run(
                                "UPDATE workspace_version SET version = version + 1 WHERE id = 1", logger: logger)
                            try await conn.perform(
                                .stored("SELECT pg_notify(\(Self.changeChannel), \(String(version + 1)))"),
                                logger: logger)
                            // Kept before COMMIT, which lets the next writer in: kept after, the next
                            // one could find the older look-ups. Dropped if COMMIT fails (another
                            // server's next commit would reach the same version).
                            let maps = await tx.lookups()
                            self.cacheLock.withLock {
                                self.cached = maps.map { (version + 1, $0) }
                                self.ownVersions.insert(version + 1)
                            }
                            do { try await conn.run("COMMIT", logger: logger) } catch {
                                self.cacheLock.withLock {
                                    self.cached = nil
                                    _ = self.ownVersions.take(version + 1)
                                }
                                throw error
                            }
                            return result
                        }
                    } catch {
                        await Self.rollback(conn, logger: logger)
                        throw BodyFailed(underlying: error)
                    }
                }
            }
        } catch let e as BodyFailed {
            switch e.underlying {
            case let p as PSQLError:
                throw StoreError("PostgreSQL transaction failed, nothing was written: \(Self.describe(p))")
            case let l as PostgresConnectionLost:
                throw StoreError("PostgreSQL transaction failed, nothing was written: \(l)")
            default: throw e.underlying
            }
        } catch let e as PSQLError {
            throw StoreError("PostgreSQL transaction failed, nothing was written: \(Self.describe(e))")
        } catch let e as PostgresConnectionLost {
            throw StoreError("PostgreSQL transaction failed, nothing was written: \(e)")
        }
        return outcome
    }

    /// A failure after BEGIN (not to be retried), carrying the original error.
    struct BodyFailed: Error { let underlying: any Error }

    /// Whether `error` says the connection was gone before the statement reached the server (the
    /// pool handed out a connection the server had closed): then running it again is safe.
    static func isLostBeforeSending(_ error: any Error) -> Bool {
        if error is PostgresConnectionLost { return true }
        guard let e = error as? PSQLError else { return false }
        if e.code == .clientClosedConnection || e.code == .serverClosedConnection { return true }
        // The server ended the session (57P01 admin_shutdown: pg_terminate_backend or a fast
        // restart; 57P02 crash_shutdown; 57P03 cannot_connect_now): a backend reports it instead of
        // running the next statement it reads, so the statement never ran. Which of these a dead
        // pooled connection gives depends on timing (seen: CI, one run in several).
        if e.code == .server, let state = e.serverInfo?[.sqlState], ["57P01", "57P02", "57P03"].contains(state) {
            return true
        }
        return false
    }

    /// Runs `body` again (up to twice, after a short pause) when the pool's connection turned out
    /// dead: after a database restart every pooled connection is, and the pool only learns it
    /// one failed use at a time.
    static func retryingLostConnections<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch  where attempt < 2 && isLostBeforeSending(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }
}
