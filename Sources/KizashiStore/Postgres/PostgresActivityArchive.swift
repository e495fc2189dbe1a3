import KizashiCore
import PostgresNIO

/// `kizashi archive` on PostgreSQL (issue 23): a month's partitions are detached from
/// `activities` and `events` and moved, whole and indexed, to schema `kizashi_archive` (never
/// dropped); `activity_archive` (migration 15) and `event_archive` (17) list what is there. Each
/// step is one write transaction (the workspace's write lock, `workspace_version` bumped), so
/// other servers drop their cached months and a failure leaves nothing half-moved.
extension PostgresWorkspaceStore: ActivityArchiving {
    static let archivedTables: [MonthPartitionedTable] = [.activities, .events]

    public func archiveActivities(before: ActivityMonth, at: Instant) async throws -> [ArchivedActivityMonth] {
        try await withTransaction(referencesChecked: true) { tx in
            var out = ArchivedMonths()
            for kind in Self.archivedTables {
                for (month, table) in try await tx.partitions(of: kind) where month < before {
                    let name = Self.quoted(table)
                    let n = try await tx.rows("SELECT count(*) AS n FROM \(raw: name)").first?.int64("n") ?? 0
                    try await tx.run("ALTER TABLE \(raw: kind.parent) DETACH PARTITION \(raw: name)")
                    try await tx.run("ALTER TABLE \(raw: name) SET SCHEMA kizashi_archive")
                    try await tx.run(
                        """
                        INSERT INTO \(raw: kind.archive) (first_day, next_day, table_name, row_count, archived_at)
                        VALUES (\(Int(month.first.daysSinceEpoch)), \(Int(month.next.daysSinceEpoch)), \(table), \(n), \(at))
                        """)
                    out.add(month, kind, n)
                }
            }
            await tx.forgetPartitions()
            return out.months
        }
    }

    public func restoreActivities(from: ActivityMonth?) async throws -> [ArchivedActivityMonth] {
        try await withTransaction(referencesChecked: true) { tx in
            let schema = try await tx.rows("SELECT current_schema() AS s").first?.text("s") ?? "public"
            var out = ArchivedMonths()
            for kind in Self.archivedTables {
                for r in try await tx.rows(Self.archivedSQL(kind)) {
                    let (m, n) = try Self.archivedMonth(r)
                    guard from.map({ m >= $0 }) ?? true else { continue }
                    let name = Self.quoted(try r.requiredText("table_name"))
                    try await tx.run("ALTER TABLE kizashi_archive.\(raw: name) SET SCHEMA \(raw: Self.quoted(schema))")
                    // Attaching checks the rows against the bounds (one scan of the month) and
                    // adopts the month's own key and indexes as the parent's.
                    try await tx.run(
                        "ALTER TABLE \(raw: kind.parent) ATTACH PARTITION \(raw: name) \(raw: kind.bounds(m))")
                    try await tx.run(
                        "DELETE FROM \(raw: kind.archive) WHERE first_day = \(Int(m.first.daysSinceEpoch))")
                    out.add(m, kind, n)
                }
            }
            await tx.forgetPartitions()
            return out.months
        }
    }

    public func archivedActivityMonths() async throws -> [ArchivedActivityMonth] {
        var out = ArchivedMonths()
        for kind in Self.archivedTables {
            for r in try await read(Self.archivedSQL(kind)) {
                let (m, n) = try Self.archivedMonth(r)
                out.add(m, kind, n)
            }
        }
        return out.months
    }

    /// Throws `ActivitiesArchivedError` when a read of raw activities from `day` on would miss
    /// archived months.
    func refuseArchivedActivities(from day: Day) async throws {
        guard let d = try await read("SELECT max(next_day) AS d FROM activity_archive").first?.int("d") else { return }
        let boundary = ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)))
        if day < boundary.first { throw ActivitiesArchivedError(boundary: boundary, from: day) }
    }

    static func archivedSQL(_ kind: MonthPartitionedTable) -> StoredSQL {
        "SELECT first_day, row_count, table_name FROM \(raw: kind.archive) ORDER BY first_day"
    }

    static func archivedMonth(_ r: StoredRecord) throws -> (ActivityMonth, Int64) {
        guard let d = r.int("first_day"), let n = r.int64("row_count") else {
            throw StoreError("an archived month is unreadable")
        }
        return (ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d))), n)
    }

    /// An identifier in double quotes (the schema name comes from the server, never from outside).
    static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

extension PostgresTransaction {
    /// The partitions changed: read them again when next needed.
    func forgetPartitions() {
        partitionMonths = [:]
        archivedTables = nil
    }

    /// The archived months' tables (in schema kizashi_archive), read once per transaction.
    func archivedTableNames() async throws -> [String] {
        if let archivedTables { return archivedTables }
        let names = try await rows("SELECT table_name FROM activity_archive ORDER BY first_day").compactMap {
            $0.text("table_name")
        }
        archivedTables = names
        return names
    }

    /// Refuses IDs stored in an archived month: writing one would give the ID a second row
    /// (data-format.md: one row per ID), hidden until the month is restored.
    func refuseArchivedIds(_ ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        for table in try await archivedTableNames() {
            var q = PostgresQuery(
                unsafeSQL:
                    "SELECT activity_id FROM kizashi_archive.\(PostgresWorkspaceStore.quoted(table)) WHERE activity_id = ANY($1) LIMIT 1"
            )
            q.binds.append(ids)
            for try await id in try await checked().query(q, logger: logger).decode(String.self) {
                throw StoreError(
                    "activity \(id) is stored in an archived month (\(table)); "
                        + "restore the archived months first (kizashi archive --restore-all)")
            }
        }
    }
}

/// The rows of each month archived or restored, of both tables, oldest month first.
struct ArchivedMonths {
    private var byMonth: [ActivityMonth: ArchivedActivityMonth] = [:]

    mutating func add(_ month: ActivityMonth, _ kind: MonthPartitionedTable, _ rows: Int64) {
        var m = byMonth[month] ?? ArchivedActivityMonth(month: month, rows: 0, events: 0)
        if kind == .events { m.events &+= rows } else { m.rows &+= rows }
        byMonth[month] = m
    }

    var months: [ArchivedActivityMonth] { byMonth.values.sorted { $0.month < $1.month } }
}
