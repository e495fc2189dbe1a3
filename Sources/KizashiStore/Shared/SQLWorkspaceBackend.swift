import KizashiCore

/// A `WorkspaceStore` over SQL, with what the shared store code needs of it: where reads and
/// small writes go, how a few statements run as one transaction, and its typed write transaction.
///
/// The reads and writes that are the same on both backends — settings, entity pages, users,
/// sessions, tokens, the audit log, webhooks and deliveries, site keys — are written once, in
/// extensions of this protocol; each backend implements only what must differ (opening and
/// migrating, the KPI dataset's bulk reads, the account reads, snapshots, claims that PostgreSQL
/// makes with `SKIP LOCKED`).
protocol SQLWorkspaceBackend: WorkspaceStore {
    associatedtype Transaction: SQLTransaction
    var dialect: SQLDialect { get }
    /// A read on the backend's read path (committed data; never waits for a writer).
    func read(_ sql: StoredSQL) async throws -> [StoredRecord]
    /// A bulk read for a report or a page, which no write depends on: PostgreSQL sends it to the
    /// read replica when there is one (`PostgresReadReplica.swift`); elsewhere it is `read`.
    func reportRead(_ sql: StoredSQL) async throws -> [StoredRecord]
    /// One statement in a transaction of its own (a session, a token, an audit entry).
    func write(_ sql: StoredSQL) async throws -> [StoredRecord]
    /// Several statements as one transaction; `what` names the change in a failure's message.
    /// On SQLite it takes its turn with the workspace's write transactions (first come, first
    /// served), so alert writes are not starved by a stream of event batches.
    func atomically<T: Sendable>(_ what: String, _ body: @escaping @Sendable (any StoreSession) async throws -> T)
        async throws -> T
    /// The workspace's write transaction, typed: the store's own code calls into the concrete
    /// transaction without a cast.
    func withTransaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (Transaction) async throws -> T
    ) async throws -> T
    /// Throws `ActivitiesArchivedError` when raw activities from `day` on include archived
    /// months (`kizashi archive`, PostgreSQL only): a report never counts part of a window.
    func refuseArchivedActivities(from day: Day) async throws
}

extension SQLWorkspaceBackend {
    func reportRead(_ sql: StoredSQL) async throws -> [StoredRecord] { try await read(sql) }

    /// Nothing is ever archived (SQLite).
    func refuseArchivedActivities(from day: Day) async throws {}

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T)
        async throws -> T
    {
        try await withTransaction(referencesChecked: false) { try await body($0) }
    }

    public func transaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T
    ) async throws -> T {
        try await withTransaction(referencesChecked: referencesChecked) { try await body($0) }
    }

    /// The migrations recorded in the workspace: the highest version, checked against the count
    /// (each version appears once, so they are equal when no migration was skipped or repeated).
    public func schemaVersion() async throws -> Int {
        let r = try await read("SELECT max(version) AS v, count(*) AS n FROM schema_migrations").first
        guard let v = r?.int("v"), r?.int("n") == v else { throw StoreError("schema_migrations is inconsistent") }
        return v
    }
}
