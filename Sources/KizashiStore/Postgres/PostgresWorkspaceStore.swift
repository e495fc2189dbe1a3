import Foundation
import KizashiCore
import Logging
import PostgresNIO

/// The server store: one PostgreSQL database, shared by any number of `kizashi serve` processes.
///
/// - A pool of connections (PostgresNIO's `PostgresClient`): a lost connection is replaced on the
///   next lease, so a database restart needs no server restart; a transaction cut off by it fails
///   and PostgreSQL rolls it back, so nothing is half-written.
/// - Write transactions take a transaction-level advisory lock: writers are serialised across
///   processes (as SQLite serialises them), which keeps the packed activity roll-ups exact
///   without row-level merge logic. Readers never wait for it (MVCC).
/// - Every write transaction bumps `workspace_version` and sends `NOTIFY kizashi_changes` at
///   commit, so other servers refresh their caches (see `changes()`).
public final class PostgresWorkspaceStore: @unchecked Sendable {
    let client: PostgresClient
    public let location: PostgresLocation
    let logger: Logger
    private let runTask: Task<Void, Never>
    /// Lookups kept between transactions, valid while `workspace_version` is unchanged.
    let cacheLock = NSLock()
    var cached: (version: Int64, maps: PostgresTransaction.Lookups)?
    /// The `workspace_version`s this store committed and its change feed has not yet heard back
    /// (under `cacheLock`): the feed passes over them (`PostgresChangeFeed`).
    var ownVersions = OwnVersions()
    /// Set on a snapshot's store (`withSnapshot`): every read goes to this connection, inside its
    /// REPEATABLE READ transaction.
    let pinned: PostgresConnection?
    /// The read replica (`--read-db`), a store of its own on the replica's pool, or nil: the
    /// report reads (`reportRead`) and the change feed go there; everything else stays here.
    let replica: PostgresWorkspaceStore?

    /// The key of the transaction-level advisory lock every write transaction holds.
    static let writeLockKey: Int64 = 0x4B_495A_5752_4954  // "KIZWRIT"
    /// The channel other servers LISTEN on.
    public static let changeChannel = "kizashi_changes"

    init(
        client: PostgresClient, location: PostgresLocation, logger: Logger, runTask: Task<Void, Never>,
        pinned: PostgresConnection? = nil, replica: PostgresWorkspaceStore? = nil
    ) {
        self.client = client
        self.location = location
        self.logger = logger
        self.runTask = runTask
        self.pinned = pinned
        self.replica = replica
    }

    /// Connects, applies pending migrations (under an advisory lock, so two servers starting at once
    /// are safe), and returns the store. Fails with a clear message within `timeout`.
    /// With `readReplica` (`--read-db`), the report reads and the change feed go to that database
    /// (see `PostgresReadReplica.swift`); it must be a copy of this one (a streaming standby).
    public static func open(
        _ location: PostgresLocation, readReplica: PostgresLocation? = nil,
        logger: Logger = PostgresWorkspaceStore.defaultLogger, timeout: Duration = .seconds(20)
    ) async throws -> PostgresWorkspaceStore {
        let primary = try await openPrimary(location, logger: logger, timeout: timeout)
        guard let readReplica else { return primary }
        do {
            let replica = try await openReplica(readReplica, logger: logger, timeout: timeout)
            return PostgresWorkspaceStore(
                client: primary.client, location: location, logger: logger, runTask: primary.runTask,
                replica: replica)
        } catch {
            try? await primary.close()
            throw error
        }
    }

    /// A store on a pool of `location`, after one probe connection: the pool retries quietly in the
    /// background, so an unreachable server is reported here, by `name`, with PostgreSQL's reason.
    static func connected(_ location: PostgresLocation, logger: Logger, named name: String) async throws
        -> PostgresWorkspaceStore
    {
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try location.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError("cannot connect to \(name): \(Self.describe(error))")
        }
        let client = PostgresClient(configuration: location.clientConfiguration(), backgroundLogger: logger)
        let runTask = Task { await client.run() }
        return PostgresWorkspaceStore(client: client, location: location, logger: logger, runTask: runTask)
    }

    private static func openPrimary(
        _ location: PostgresLocation, logger: Logger, timeout: Duration
    ) async throws -> PostgresWorkspaceStore {
        let store = try await connected(location, logger: logger, named: location.redacted)
        do {
            let current = try await withTimeout(timeout, what: "connecting to \(location.redacted)") {
                try await store.storedSchemaVersion()
            }
            // Only the connection is timed: a migration that runs is real work, and one that
            // rewrites a table takes minutes on a large workspace (15, monthly partitions: about
            // 2 min for 10M activities), so it is announced instead.
            if current > 0, let newest = PostgresMigrations.all.last?.version, current < newest {
                logger.warning(
                    "migrating \(location.redacted) from schema \(current) to \(newest); on a large workspace this can take minutes"
                )
            }
            try await store.migrate()
            return store
        } catch {
            store.runTask.cancel()
            if let e = error as? StoreError { throw e }
            throw StoreError("cannot open the PostgreSQL workspace \(location.redacted): \(Self.describe(error))")
        }
    }

    /// Connection-pool events (a reconnect after a database restart) at warning and above: the
    /// pool retries on its own, and the CLI's output must stay readable.
    public static var defaultLogger: Logger {
        var l = Logger(label: "kizashi.postgres")
        l.logLevel = .warning
        return l
    }

    /// PostgreSQL's own message (PSQLError's description hides it on purpose; we show it).
    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let detail = e.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = e.underlying { return "\(e.code): \(underlying)" }
            return "\(e.code)"
        }
        return "\(error)"
    }

    /// The newest migration applied to the database (0: none, a fresh database).
    func storedSchemaVersion() async throws -> Int {
        try await client.withConnection { conn in
            let exists =
                try await conn.records(
                    .stored("SELECT (to_regclass('schema_migrations') IS NOT NULL)::int AS e"), logger: logger
                )
                .first?.int("e") == 1
            guard exists else { return 0 }
            return try await Self.newestApplied(conn, logger: logger)
        }
    }

    /// The newest version in `schema_migrations` (0 when empty): one read for
    /// `storedSchemaVersion()` and `migrate(through:)`, which both need it.
    private static func newestApplied(_ conn: PostgresConnection, logger: Logger) async throws -> Int {
        try await conn.records(
            .stored("SELECT coalesce(max(version), 0) AS v FROM schema_migrations"), logger: logger
        ).first?.int("v") ?? 0
    }

    /// Applies the pending migrations up to `last` (tests stop early to check a migration on
    /// the schema before it).
    func migrate(through last: Int = .max) async throws {
        try await client.withConnection { conn in
            try await conn.run("SELECT pg_advisory_lock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
            do {
                try await conn.run(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                let current = try await Self.newestApplied(conn, logger: logger)
                if let newest = PostgresMigrations.all.last?.version, current > newest {
                    throw StoreError(
                        "this database was written by a newer Kizashi (schema \(current) > \(newest)); upgrade Kizashi")
                }
                for migration in PostgresMigrations.all where migration.version > current && migration.version <= last {
                    try await conn.run("BEGIN", logger: logger)
                    do {
                        for statement in migration.sql { try await conn.run(statement, logger: logger) }
                        try await conn.perform(
                            .stored(
                                "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))"
                            ), logger: logger)
                        try await conn.run("COMMIT", logger: logger)
                    } catch {
                        await Self.rollback(conn, logger: logger)
                        throw StoreError(
                            "migration \(migration.version) (\(migration.name)) failed: \(Self.describe(error))")
                    }
                }
            } catch {
                _ = try? await conn.run(
                    "SELECT pg_advisory_unlock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
                throw error
            }
            try await conn.run("SELECT pg_advisory_unlock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
        }
    }

    public func close() async throws {
        runTask.cancel()
        _ = await runTask.value
        try await replica?.close()
    }

    /// The newest migration this build knows.
    public static var latestSchemaVersion: Int { PostgresMigrations.all.last?.version ?? 0 }

    /// The change sequence: bumped by every write transaction, from any process.
    public func workspaceVersion() async throws -> Int64 {
        try await read("SELECT version FROM workspace_version WHERE id = 1").first?.int64("version") ?? 0
    }

    /// Where the workspace is, for messages (password hidden).
    public var workspaceDescription: String {
        guard let replica else { return "PostgreSQL \(location.redacted)" }
        return "PostgreSQL \(location.redacted) (reports read from \(replica.location.redacted))"
    }
}

extension PostgresWorkspaceStore {
    /// Creates an empty database next to `admin`'s (tests make one per case; operators may point
    /// `kizashi copy --to` at a database that does not exist yet). Returns its location.
    public static func createDatabase(
        _ name: String, admin: PostgresLocation, timeout: Duration = .seconds(20)
    ) async throws -> PostgresLocation {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError("a database name may hold ASCII letters, digits and _ only: \(name)")
        }
        let client = PostgresClient(configuration: admin.clientConfiguration())
        let task = Task { await client.run() }
        defer { task.cancel() }
        do {
            _ = try await withTimeout(timeout, what: "creating database \(name) on \(admin.redacted)") {
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            }
        } catch let e as PSQLError {
            throw StoreError("cannot create database \(name): \(describe(e))")
        }
        return admin.with(database: name)
    }
}
