import KizashiCore
import Logging
import PostgresNIO

/// A read replica (`--read-db URL`, `KIZASHI_READ_DATABASE_URL`): a streaming standby of the
/// workspace's database that takes the report reads off the primary.
///
/// What goes where, and why:
/// - **The replica** answers the bulk reads of reports and pages (`reportRead`): the KPI dataset,
///   attribution's touches, the account summaries, recent activities and contact activity
///   counts, the decision makers' days. None of them decides a write.
/// - **The primary** answers every write and transaction, and every read a write or a login may
///   depend on: settings, the ICP and goals (a settings PUT answers with what it wrote), the
///   counts, the lists and pages services read before writing (targets, opportunities,
///   campaigns, contracts, merges, companies and contacts page by page, an account's
///   activities), the import's reference checks, access, alerts, the event inbox, CRM sync state
///   and the ranking model.
/// - **The change feed** is read from the replica: a standby cannot LISTEN and NOTIFY is not
///   replicated, so the feed polls the replica's `workspace_version` (`replicaPollInterval`).
///   A page is told of a change once the replica holds it, so its reload shows it.
extension PostgresWorkspaceStore {
    /// With a replica, reports may miss this store's own latest writes for the replication lag.
    public var reportsMayLag: Bool { replica != nil }

    /// How often the change feed reads the replica's change sequence: pages see a write within
    /// the replication lag plus this.
    static let replicaPollInterval: Duration = .milliseconds(200)

    /// Connects to the replica (no migration: a standby refuses writes; the primary's migrations
    /// reach it by replication) and waits, within `timeout`, until it holds this build's schema.
    static func openReplica(_ location: PostgresLocation, logger: Logger, timeout: Duration) async throws
        -> PostgresWorkspaceStore
    {
        let replica = try await connected(location, logger: logger, named: "the read replica \(location.redacted)")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var seen = "no Kizashi schema"
        while true {
            if let version = try? await replica.replicatedSchemaVersion() {
                if version >= latestSchemaVersion { return replica }
                seen = "schema \(version)"
            }
            if clock.now >= deadline { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        try? await replica.close()
        throw StoreError(
            "the read replica \(location.redacted) holds \(seen), the primary schema \(latestSchemaVersion) "
                + "after \(timeout): is it a replica of the --db database?")
    }

    /// The highest migration the replica holds (nil when it has no workspace at all).
    private func replicatedSchemaVersion() async throws -> Int? {
        try await read("SELECT max(version) AS v FROM schema_migrations").first?.int("v")
    }

    /// A read for a report or a page: on the replica when there is one (it may lag the primary by
    /// the replication delay), else the same as `read`. A snapshot's store reads its own
    /// connection.
    func reportRead(_ sql: StoredSQL) async throws -> [StoredRecord] {
        guard pinned == nil, let replica else { return try await read(sql) }
        return try await replica.read(sql)
    }

    /// The change feed through the replica: polls its `workspace_version` and yields each new
    /// value, or −1 once the replica answers again after a failure (a change may have been missed).
    func replicatedChanges(of replica: PostgresWorkspaceStore) -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let logger = self.logger
        let task = Task {
            var last: Int64? = nil
            var failed = false
            while !Task.isCancelled {
                do {
                    let version = try await replica.workspaceVersion()
                    if failed {
                        continuation.yield(-1)
                    } else if let last, version != last {
                        continuation.yield(version)
                    }
                    (last, failed) = (version, false)
                } catch {
                    if Task.isCancelled { break }
                    if !failed {
                        logger.warning(
                            "cannot read the replica's change sequence; retrying",
                            metadata: ["error": "\(Self.describe(error))"])
                    }
                    failed = true
                }
                try? await Task.sleep(for: Self.replicaPollInterval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
