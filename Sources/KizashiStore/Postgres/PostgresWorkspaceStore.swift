import Foundation
import KizashiCore
import Logging
import PostgresNIO
import SQLiteNIO

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
public final class PostgresWorkspaceStore: WorkspaceStore, @unchecked Sendable {
    let client: PostgresClient
    public let location: PostgresLocation
    let logger: Logger
    private let runTask: Task<Void, Never>
    /// Lookups kept between transactions, valid while `workspace_version` is unchanged.
    private let cacheLock = NSLock()
    private var cached: (version: Int64, maps: PostgresTransaction.Lookups)?
    /// Set on a snapshot's store (`withSnapshot`): every read goes to this connection, inside its
    /// REPEATABLE READ transaction.
    let pinned: PostgresConnection?

    /// The key of the transaction-level advisory lock every write transaction holds.
    static let writeLockKey: Int64 = 0x4B_495A_5752_4954  // "KIZWRIT"
    /// The channel other servers LISTEN on.
    public static let changeChannel = "kizashi_changes"

    init(
        client: PostgresClient, location: PostgresLocation, logger: Logger, runTask: Task<Void, Never>,
        pinned: PostgresConnection? = nil
    ) {
        self.client = client
        self.location = location
        self.logger = logger
        self.runTask = runTask
        self.pinned = pinned
    }

    /// Connects, applies pending migrations (under an advisory lock, so two servers starting at once
    /// are safe), and returns the store. Fails with a clear message within `timeout`.
    public static func open(
        _ location: PostgresLocation, logger: Logger = PostgresWorkspaceStore.defaultLogger,
        timeout: Duration = .seconds(20)
    ) async throws -> PostgresWorkspaceStore {
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try location.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError("cannot connect to \(location.redacted): \(Self.describe(error))")
        }
        let client = PostgresClient(configuration: location.clientConfiguration(), backgroundLogger: logger)
        let runTask = Task { await client.run() }
        let store = PostgresWorkspaceStore(client: client, location: location, logger: logger, runTask: runTask)
        do {
            try await withTimeout(timeout, what: "connecting to \(location.redacted)") {
                try await store.migrate()
            }
            return store
        } catch {
            runTask.cancel()
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

    func migrate() async throws {
        try await client.withConnection { conn in
            try await conn.run("SELECT pg_advisory_lock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
            do {
                try await conn.run(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                let current =
                    try await conn.rows(
                        "SELECT coalesce(max(version), 0) AS v FROM schema_migrations",
                        logger: logger
                    ).first?.int("v") ?? 0
                if let newest = PostgresMigrations.all.last?.version, current > newest {
                    throw StoreError(
                        "this database was written by a newer Kizashi (schema \(current) > \(newest)); upgrade Kizashi")
                }
                for migration in PostgresMigrations.all where migration.version > current {
                    try await conn.run("BEGIN", logger: logger)
                    do {
                        for statement in migration.sql { try await conn.run(statement, logger: logger) }
                        try await conn.run(
                            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                            [.integer(migration.version), .text(migration.name)], logger: logger)
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
    }

    // MARK: Reads

    func rows(_ sql: String, _ values: [SQLiteData] = []) async throws -> [PostgresStoredRow] {
        if let pinned {
            do { return try await pinned.rows(sql, values, logger: logger) } catch {
                throw StoreError("PostgreSQL query failed: \(Self.describe(error))")
            }
        }
        do {
            return try await Self.retryingLostConnections {
                var out: [PostgresStoredRow] = []
                for try await row in try await self.client.query(.neutral(sql, values), logger: self.logger) {
                    out.append(PostgresStoredRow(row))
                }
                return out
            }
        } catch {
            throw StoreError("PostgreSQL query failed: \(Self.describe(error))")
        }
    }

    func run(_ sql: String, _ values: [SQLiteData] = []) async throws {
        do {
            try await Self.retryingLostConnections {
                try await self.client.query(.neutral(sql, values), logger: self.logger)
            }
        } catch {
            throw StoreError("PostgreSQL statement failed: \(Self.describe(error))")
        }
    }

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

    /// The newest migration this build knows.
    public static var latestSchemaVersion: Int { PostgresMigrations.all.last?.version ?? 0 }

    /// The migrations recorded in the database: (highest version, how many rows). Each version
    /// appears once, so the count equals the version when no migration ran twice.
    public func schemaVersion() async throws -> Int {
        let r = try await rows("SELECT max(version) AS v, count(*) AS n FROM schema_migrations").first
        guard let v = r?.int("v"), r?.int("n") == v else {
            throw StoreError("schema_migrations is inconsistent")
        }
        return v
    }

    /// The change sequence: bumped by every write transaction, from any process.
    public func workspaceVersion() async throws -> Int64 {
        Int64(try await rows("SELECT version FROM workspace_version WHERE id = 1").first?.int("version") ?? 0)
    }

    // MARK: Transactions

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T)
        async throws
        -> T
    {
        let kept = cacheLock.withLock { cached }
        let outcome: (T, Int64, PostgresTransaction.Lookups?)
        do {
            outcome = try await Self.retryingLostConnections {
                try await self.client.withConnection { conn in
                    // Only BEGIN is retried on another connection: once the body ran, a lost connection
                    // is reported (the server rolled back), never silently replayed.
                    try await conn.run("BEGIN", logger: logger)
                    do {
                        return try await conn.failingWhenClosed { [logger] in
                            try await conn.run("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))", logger: logger)
                            let version = Int64(
                                try await conn.rows(
                                    "SELECT version FROM workspace_version WHERE id = 1", logger: logger
                                )
                                .first?.int("version") ?? 0)
                            let tx = PostgresTransaction(
                                conn: conn, logger: logger, cached: kept?.version == version ? kept?.maps : nil)
                            let result = try await body(tx)
                            try await tx.finish()
                            try await conn.run(
                                "UPDATE workspace_version SET version = version + 1 WHERE id = 1", logger: logger)
                            try await conn.run(
                                "SELECT pg_notify($1, $2)", [.text(Self.changeChannel), .text(String(version + 1))],
                                logger: logger)
                            try await conn.run("COMMIT", logger: logger)
                            return (result, version + 1, await tx.lookups())
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
        cacheLock.withLock { cached = outcome.2.map { (outcome.1, $0) } }
        return outcome.0
    }

    /// A failure after BEGIN (not to be retried), carrying the original error.
    struct BodyFailed: Error { let underlying: any Error }

    // MARK: Settings

    public func settings() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await rows("SELECT key, value FROM settings WHERE key <> 'icp'") {
            if let k = r.text("key"), let v = r.text("value") { out[k] = v }
        }
        return out
    }

    public func icp() async throws -> IdealCustomerProfile? {
        guard let text = try await rows("SELECT value FROM settings WHERE key = 'icp'").first?.text("value")
        else { return nil }
        return try ICPDocument.decode(Array(text.utf8))
    }

    public func goals() async throws -> [KPIGoal] {
        try await rows(
            "SELECT kpi, period_start, period_end, tier, value FROM kpi_goals ORDER BY kpi, period_start, tier"
        )
        .map { r in
            KPIGoal(
                kpi: try r.requiredText("kpi"),
                period: KPIPeriod(start: try r.requiredDay("period_start"), end: try r.requiredDay("period_end")),
                tier: r.int("tier").flatMap(Tier.init(rawValue:)), value: r.double("value") ?? 0)
        }
    }

    public func companyIds() async throws -> Set<String> {
        Set(try await rows("SELECT company_id FROM companies").compactMap { $0.text("company_id") })
    }

    public func contactCompanies() async throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try await rows("SELECT contact_id, company_id FROM contacts") {
            if let c = r.text("contact_id"), let co = r.text("company_id") { out[c] = co }
        }
        return out
    }

    public func counts() async throws -> [StoredEntity: Int] {
        let sql = StoredEntity.allCases.map { "SELECT '\($0.rawValue)' AS e, count(*) AS n FROM \($0.rawValue)" }
            .joined(separator: " UNION ALL ")
        var out: [StoredEntity: Int] = [:]
        for r in try await rows(sql) {
            if let e = r.text("e").flatMap(StoredEntity.init(rawValue:)) { out[e] = r.int("n") ?? 0 }
        }
        return out
    }

    public func companies(after: String?, limit: Int) async throws -> [Company] {
        try await page("companies", key: "company_id", after: after, limit: limit).map(SQLiteEntityMapping.company)
    }
    public func targets() async throws -> [TargetMembership] {
        try await rows("SELECT * FROM targets ORDER BY company_id, added_on").map(SQLiteEntityMapping.target)
    }
    public func contacts(after: String?, limit: Int) async throws -> [Contact] {
        try await page("contacts", key: "contact_id", after: after, limit: limit).map(SQLiteEntityMapping.contact)
    }
    public func activities(after: String?, limit: Int) async throws -> [Activity] {
        try await page("activities", key: "activity_id", after: after, limit: limit).map(SQLiteEntityMapping.activity)
    }
    public func intent(after: String?, limit: Int) async throws -> [IntentSignal] {
        try await page("intent", key: "signal_id", after: after, limit: limit).map(SQLiteEntityMapping.intentSignal)
    }
    public func leadStages() async throws -> [LeadStageTransition] {
        try await rows("SELECT * FROM lead_stages ORDER BY contact_id, stage, reached_at").map(
            SQLiteEntityMapping.leadStage)
    }
    public func meetings() async throws -> [Meeting] {
        try await rows("SELECT * FROM meetings ORDER BY meeting_id").map(SQLiteEntityMapping.meeting)
    }
    public func opportunities() async throws -> [Opportunity] {
        try await rows("SELECT * FROM opportunities ORDER BY opportunity_id").map(SQLiteEntityMapping.opportunity)
    }
    public func contracts() async throws -> [Contract] {
        try await rows("SELECT * FROM contracts ORDER BY contract_id").map(SQLiteEntityMapping.contract)
    }
    public func campaigns() async throws -> [Campaign] {
        try await rows("SELECT * FROM campaigns ORDER BY campaign_id").map(SQLiteEntityMapping.campaign)
    }

    public func merges() async throws -> [MergeLogEntry] {
        try await rows("SELECT * FROM merge_log ORDER BY merge_id DESC").map { r in
            guard let id = r.int("merge_id"), let at = r.column("merged_at")?.instantValue else {
                throw StoreError("stored merge log entry is unreadable")
            }
            return MergeLogEntry(id: Int64(id), mergedAt: at, record: try r.requiredText("record"))
        }
    }

    private func page(_ table: String, key: String, after: String?, limit: Int) async throws -> [PostgresStoredRow] {
        if let after {
            return try await rows(
                "SELECT * FROM \(table) WHERE \(key) > $1 ORDER BY \(key) LIMIT $2", [.text(after), .integer(limit)])
        }
        return try await rows("SELECT * FROM \(table) ORDER BY \(key) LIMIT $1", [.integer(limit)])
    }

    // MARK: The KPI dataset (same reads, same order as the SQLite store)

    public func kpiDataset(_ req: KPIDataRequirements) async throws -> KPIDataset {
        let companyRows = try await rows("SELECT * FROM companies ORDER BY company_key")
        var companies: [Company] = []
        companies.reserveCapacity(companyRows.count)
        var accountIndex: [Int64: Int32] = [:]
        accountIndex.reserveCapacity(companyRows.count)
        for r in companyRows {
            if let key = r.int("company_key") { accountIndex[Int64(key)] = Int32(companies.count) }
            companies.append(try SQLiteEntityMapping.company(r))
        }
        let targets = try await targets()
        let contacts = try await rows(
            "SELECT * FROM contacts WHERE company_id IN (SELECT company_id FROM targets) ORDER BY contact_id"
        ).map(SQLiteEntityMapping.contact)

        let days = req.activityDays
        var entries: [ActivityRollup.Entry] = []
        for r in try await rows(
            "SELECT day, entries FROM activity_days WHERE day BETWEEN $1 AND $2 ORDER BY day",
            [.integer(Int(days.lowerBound.daysSinceEpoch)), .integer(Int(days.upperBound.daysSinceEpoch))])
        {
            guard let d = r.int("day"), let blob = r.column("entries")?.blob else { continue }
            let day = Day(daysSinceEpoch: Int32(d))
            try ActivityDayRollup.forEachCell(in: blob.readableBytesView) { account, type, n in
                guard let t = ActivityType(index: Int(type)) else { return }
                let idx = account < 0 ? -1 : accountIndex[Int64(account)] ?? -1
                entries.append(.init(day: day, account: idx, type: t, count: n))
            }
        }
        let rollup = ActivityRollup(accountIds: companies.map(\.id), entries: entries)

        let intentDays = req.intentDays
        let intent = try await rows(
            """
            SELECT signal_id, company_id, observed_on, topic, kind, score FROM intent
            WHERE observed_on BETWEEN $1 AND $2 ORDER BY observed_on, company_id, topic, kind, score, signal_id
            """,
            [.day(intentDays.lowerBound), .day(intentDays.upperBound)]
        ).map(SQLiteEntityMapping.intentSignal)
        let (from, to) = req.instantRange
        let leadStages = try await rows(
            "SELECT * FROM lead_stages WHERE stage = 'sql' AND reached_at BETWEEN $1 AND $2 ORDER BY contact_id, stage, reached_at",
            [.instant(from), .instant(to)]
        ).map(SQLiteEntityMapping.leadStage)
        let meetings = try await rows(
            "SELECT * FROM meetings WHERE held_at BETWEEN $1 AND $2 ORDER BY meeting_id",
            [.instant(from), .instant(to)]
        ).map(SQLiteEntityMapping.meeting)
        let opportunities = try await rows(
            """
            SELECT * FROM opportunities WHERE created_on BETWEEN $1 AND $2 OR closed_on BETWEEN $1 AND $2
            ORDER BY opportunity_id
            """,
            [.day(req.earliestStart), .day(req.latestLastDay)]
        ).map(SQLiteEntityMapping.opportunity)
        var duplicates = Set<String>()
        for r in try await rows(
            """
            SELECT company_key AS k FROM company_match_keys WHERE (kind, key) IN (
                SELECT kind, key FROM company_match_keys GROUP BY kind, key HAVING count(*) > 1)
            """)
        {
            if let k = r.int("k"), let i = accountIndex[Int64(k)] { duplicates.insert(companies[Int(i)].id) }
        }
        return KPIDataset(
            companies: companies, targets: targets, icp: try await icp(), contacts: contacts, activities: rollup,
            intent: intent, leadStages: leadStages, meetings: meetings, opportunities: opportunities,
            contracts: try await contracts(), campaigns: try await campaigns(),
            duplicateCompanyIds: duplicates)
    }
}

extension PostgresWorkspaceStore {
    /// Rolls back after a failure. A connection the server dropped can leave a ROLLBACK waiting
    /// forever, so it gets 5 s; then the connection is closed, the pool replaces it, and PostgreSQL
    /// has rolled the transaction back on its side anyway.
    static func rollback(_ conn: PostgresConnection, logger: Logger) async {
        do {
            try await race(.seconds(5)) { try await conn.run("ROLLBACK", logger: logger) }
        } catch {
            _ = try? await race(.seconds(2)) { try await conn.close() }
        }
    }
}

/// Runs `body`, and stops waiting for it after `limit` (without waiting for it to notice the
/// cancellation: a query on a dead connection may never notice).
func race<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await first(of: body) {
        try? await Task.sleep(for: limit)
        return Task.isCancelled ? nil : StoreError("no answer from PostgreSQL within \(limit)")
    }
}

/// Runs `body` and `stop` side by side: the result is `body`'s, unless `stop` returns an error
/// first (then `body` is cancelled and not awaited: a query on a dead connection may never notice).
/// `stop` is cancelled once `body` is done; it returns nil when it gives up.
func first<T: Sendable>(
    of body: @escaping @Sendable () async throws -> T, stop: @escaping @Sendable () async -> (any Error)?
) async throws -> T {
    let once = OnceFlag()
    let watchdog = TaskSlot()
    defer { watchdog.cancel() }
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            if once.claim() { continuation.resume(with: result) }
        }
        watchdog.set(
            Task {
                if let error = await stop(), once.claim() {
                    work.cancel()
                    continuation.resume(throwing: error)
                }
            })
    }
}

extension PostgresConnection {
    /// Runs `body` (statements on this connection), and fails with `PostgresConnectionLost` when
    /// the connection closes under it and `body` has still not finished a second later. Why: a
    /// statement in flight when the server went away (a restart) can wait for its answer forever —
    /// PostgresNIO closes the channel but, now and then, never fails the pending query; seen in
    /// the restart test, about one run in ten. The second's grace lets an answer that arrived just
    /// before the close (a COMMIT) win. The abandoned `body` is cancelled, not awaited.
    func failingWhenClosed<T: Sendable>(
        poll: Duration = .milliseconds(200), grace: Duration = .seconds(1),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await first(of: body) {
            while !Task.isCancelled {
                try? await Task.sleep(for: poll)
                guard self.isClosed else { continue }
                try? await Task.sleep(for: grace)
                return Task.isCancelled ? nil : PostgresConnectionLost()
            }
            return nil
        }
    }
}

/// Holds a task to cancel later (set once, from inside a continuation's closure).
final class TaskSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false
    func set(_ t: Task<Void, Never>) {
        let cancelNow = lock.withLock {
            task = t
            return cancelled
        }
        if cancelNow { t.cancel() }
    }
    func cancel() {
        let t = lock.withLock {
            cancelled = true
            return task
        }
        t?.cancel()
    }
}

final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false
    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}

/// Runs `body`, failing with a clear message when it takes longer than `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, what: String, _ body: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw StoreError("timed out after \(limit) \(what)")
        }
        return value
    }
}

extension PostgresWorkspaceStore {
    /// Creates an empty database next to `admin`'s (tests make one per case; operators may point
    /// `kizashi copy --to` at a database that does not exist yet). Returns its location.
    public static func createDatabase(_ name: String, admin: PostgresLocation) async throws -> PostgresLocation {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError("a database name may hold ASCII letters, digits and _ only: \(name)")
        }
        let client = PostgresClient(configuration: admin.clientConfiguration())
        let task = Task { await client.run() }
        defer { task.cancel() }
        do {
            try await withTimeout(.seconds(20), what: "connecting to \(admin.redacted)") {
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            }
        } catch let e as PSQLError {
            throw StoreError("cannot create database \(name): \(describe(e))")
        }
        return admin.with(database: name)
    }
}

extension PostgresWorkspaceStore: WorkspaceChangeNotifying {
    /// LISTEN on one pooled connection; after a lost connection, reconnects every second and yields
    /// −1 once it is back (notifications sent meanwhile are lost, so the reader must refresh).
    public func workspaceChanges() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let client = self.client
        let logger = self.logger
        let task = Task {
            var reconnecting = false
            while !Task.isCancelled {
                do {
                    try await client.withConnection { conn in
                        let notifications = try await conn.listen(Self.changeChannel)
                        if reconnecting { continuation.yield(-1) }
                        reconnecting = false
                        for try await n in notifications { continuation.yield(Int64(n.payload) ?? -1) }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("lost the change feed; reconnecting", metadata: ["error": "\(Self.describe(error))"])
                }
                reconnecting = true
                try? await Task.sleep(for: .seconds(1))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
