import KizashiCore
import PostgresNIO

/// `kizashi archive` on PostgreSQL (issue 23): a month's partition is detached from
/// `activities` and moved, whole and indexed, to schema `kizashi_archive` (never dropped);
/// `activity_archive` (migration 15) lists what is there. Each step is one write transaction
/// (the workspace's write lock, `workspace_version` bumped), so other servers drop their
/// cached months and a failure leaves nothing half-moved.
extension PostgresWorkspaceStore: ActivityArchiving {
    public func archiveActivities(before: ActivityMonth, at: Instant) async throws -> [ArchivedActivityMonth] {
        try await withTransaction(referencesChecked: true) { tx in
            var out: [ArchivedActivityMonth] = []
            for (month, table) in try await tx.activityPartitions() where month < before {
                let name = Self.quoted(table)
                let n = try await tx.rows("SELECT count(*) AS n FROM \(raw: name)").first?.int64("n") ?? 0
                try await tx.run("ALTER TABLE activities DETACH PARTITION \(raw: name)")
                try await tx.run("ALTER TABLE \(raw: name) SET SCHEMA kizashi_archive")
                try await tx.run(
                    """
                    INSERT INTO activity_archive (first_day, next_day, table_name, row_count, archived_at)
                    VALUES (\(Int(month.first.daysSinceEpoch)), \(Int(month.next.daysSinceEpoch)), \(table), \(n), \(at))
                    """)
                out.append(ArchivedActivityMonth(month: month, rows: n))
            }
            await tx.forgetActivityMonths()
            return out
        }
    }

    public func restoreActivities(from: ActivityMonth?) async throws -> [ArchivedActivityMonth] {
        try await withTransaction(referencesChecked: true) { tx in
            let schema = try await tx.rows("SELECT current_schema() AS s").first?.text("s") ?? "public"
            var out: [ArchivedActivityMonth] = []
            let archivedRows = try await tx.rows(Self.archivedSQL)
            for r in archivedRows {
                let archived = try Self.archivedMonth(r)
                guard from.map({ archived.month >= $0 }) ?? true else { continue }
                let m = archived.month
                let name = Self.quoted(try r.requiredText("table_name"))
                try await tx.run("ALTER TABLE kizashi_archive.\(raw: name) SET SCHEMA \(raw: Self.quoted(schema))")
                // Attaching checks the rows against the bounds (one scan of the month) and adopts
                // the month's own key and index as the parent's.
                try await tx.run(
                    """
                    ALTER TABLE activities ATTACH PARTITION \(raw: name)
                    FOR VALUES FROM (\(raw: String(m.first.daysSinceEpoch))) TO (\(raw: String(m.next.daysSinceEpoch)))
                    """)
                try await tx.run("DELETE FROM activity_archive WHERE first_day = \(Int(m.first.daysSinceEpoch))")
                out.append(archived)
            }
            await tx.forgetActivityMonths()
            return out
        }
    }

    public func archivedActivityMonths() async throws -> [ArchivedActivityMonth] {
        try await read(Self.archivedSQL).map(Self.archivedMonth)
    }

    /// Throws `ActivitiesArchivedError` when a read of raw activities from `day` on would miss
    /// archived months.
    func refuseArchivedActivities(from day: Day) async throws {
        guard let d = try await read("SELECT max(next_day) AS d FROM activity_archive").first?.int("d") else { return }
        let boundary = ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)))
        if day < boundary.first { throw ActivitiesArchivedError(boundary: boundary, from: day) }
    }

    static let archivedSQL: StoredSQL =
        "SELECT first_day, row_count, table_name FROM activity_archive ORDER BY first_day"

    static func archivedMonth(_ r: StoredRecord) throws -> ArchivedActivityMonth {
        guard let d = r.int("first_day"), let n = r.int64("row_count") else {
            throw StoreError("an archived month is unreadable")
        }
        return ArchivedActivityMonth(
            month: ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d))), rows: n)
    }

    /// An identifier in double quotes (the schema name comes from the server, never from outside).
    static func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

extension PostgresTransaction {
    /// The months `activities` has a partition for and their tables, oldest first.
    func activityPartitions() async throws -> [(month: ActivityMonth, table: String)] {
        var out: [(month: ActivityMonth, table: String)] = []
        for r in try await rows(Self.partitionsSQL) {
            guard let bound = r.text("bound"), let first = Self.lowerBound(of: bound) else {
                throw StoreError("a partition of activities has unexpected bounds: \(r.text("bound") ?? "none")")
            }
            out.append((ActivityMonth(containing: Day(daysSinceEpoch: first)), try r.requiredText("name")))
        }
        return out.sorted { $0.month < $1.month }
    }

    /// The partitions changed: read them again when next needed.
    func forgetActivityMonths() {
        activityMonths = nil
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
