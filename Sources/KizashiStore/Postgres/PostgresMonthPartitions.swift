import KizashiCore
import PostgresNIO

/// A table partitioned by calendar month on PostgreSQL (issue 23), and the table listing its
/// archived months (`kizashi archive`). Partitions are named by `ActivityMonth.partitionName`.
struct MonthPartitionedTable: Sendable, Hashable {
    /// The partitioned table.
    let parent: String
    /// Its archived months: `first_day, next_day, table_name, row_count, archived_at`.
    let archive: String
    /// The partition key's value at a day's start: the day itself for activities (their local
    /// day), milliseconds since 1970-01-01 UTC for events (`received_at`).
    let unitsPerDay: Int64

    /// Migration 15: by the local day of `occurred_at` (the day the reports count).
    static let activities = MonthPartitionedTable(parent: "activities", archive: "activity_archive", unitsPerDay: 1)
    /// Migration 17: by `received_at`, in UTC (the server's clock; no setting moves a row).
    static let events = MonthPartitionedTable(parent: "events", archive: "event_archive", unitsPerDay: 86_400_000)

    /// `FOR VALUES FROM (…) TO (…)` of a month.
    func bounds(_ m: ActivityMonth) -> String {
        "FOR VALUES FROM (\(Int64(m.first.daysSinceEpoch) * unitsPerDay)) TO (\(Int64(m.next.daysSinceEpoch) * unitsPerDay))"
    }

    /// The month starting at a partition's lower bound; nil when the bound is not a day's start.
    func month(lowerBound: Int64) -> ActivityMonth? {
        let (days, rest) = lowerBound.quotientAndRemainder(dividingBy: unitsPerDay)
        guard rest == 0, let d = Int32(exactly: days) else { return nil }
        return ActivityMonth(containing: Day(daysSinceEpoch: d))
    }

    /// The partitions of the table: each one's name and bounds, as
    /// `FOR VALUES FROM (20362) TO (20393)` (the lower bound is the month's first day).
    var partitionsSQL: StoredSQL {
        """
        SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '\(raw: parent)'::regclass
        """
    }
}

extension PostgresTransaction {
    /// Creates the partitions of the months of `days` that `activities` does not have yet, in
    /// this (writing) transaction, before rows of those days are written.
    func ensureActivityMonths(days: some Sequence<Int32>) async throws {
        try await ensureMonths(of: .activities, Set(days.map { ActivityMonth(containing: Day(daysSinceEpoch: $0)) }))
    }

    /// Creates the partitions of `events` for these arrival times (UTC months).
    func ensureEventMonths(receivedAt: some Sequence<Instant>) async throws {
        var months = Set<ActivityMonth>()
        for at in receivedAt {
            guard let m = ActivityMonth(utcMonthOf: at) else {
                throw StoreError("an event's received_at is out of range: \(at.millisecondsSinceEpoch)")
            }
            months.insert(m)
        }
        try await ensureMonths(of: .events, months)
    }

    /// Known months cost a set lookup: the months are read once and kept with the store's lookups
    /// while no other writer changed the workspace. A month at or before an archived one
    /// (`kizashi archive`) is refused: its partition is detached, and a new one would hide the
    /// archived rows of that month.
    func ensureMonths(of table: MonthPartitionedTable, _ months: Set<ActivityMonth>) async throws {
        var known = try await knownMonths(of: table)
        let missing = months.filter { !known.contains($0.first.daysSinceEpoch) }
        guard !missing.isEmpty else { return }
        if let archivedUntil = try await archivedBefore(table), let m = missing.min(), m.first < archivedUntil.next {
            throw StoreError(
                "\(table.parent) of \(m) cannot be written: the months through \(archivedUntil) are archived; "
                    + "restore them first (kizashi archive --restore \(m))")
        }
        for m in missing.sorted() {
            // Made apart, then attached: `CREATE TABLE … PARTITION OF` would hold an ACCESS
            // EXCLUSIVE lock on the parent until this transaction commits (every report's read
            // waiting for a long import); ATTACH takes SHARE UPDATE EXCLUSIVE, which readers pass.
            // The attach gives the month the parent's keys and indexes (an empty table: instant).
            let name = m.partitionName(of: table.parent)
            try await conn.run(
                "CREATE TABLE \(name) (LIKE \(table.parent) INCLUDING DEFAULTS INCLUDING CONSTRAINTS)", logger: logger)
            try await conn.run(
                "ALTER TABLE \(table.parent) ATTACH PARTITION \(name) \(table.bounds(m))", logger: logger)
            known.insert(m.first.daysSinceEpoch)
        }
        partitionMonths[table.parent] = known
    }

    /// The first days of the months the table has a partition for.
    func knownMonths(of table: MonthPartitionedTable) async throws -> Set<Int32> {
        if let known = partitionMonths[table.parent] { return known }
        let out = Set(try await partitions(of: table).map(\.month.first.daysSinceEpoch))
        partitionMonths[table.parent] = out
        return out
    }

    /// The last archived month of `activities`, or nil when none is archived.
    func archivedBefore() async throws -> ActivityMonth? { try await archivedBefore(.activities) }

    /// The table's last archived month, or nil when none is archived.
    func archivedBefore(_ table: MonthPartitionedTable) async throws -> ActivityMonth? {
        guard let d = try await rows("SELECT max(first_day) AS d FROM \(raw: table.archive)").first?.int("d") else {
            return nil
        }
        return ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)))
    }

    /// The months the table has a partition for and their tables, oldest first.
    func partitions(of table: MonthPartitionedTable) async throws -> [(month: ActivityMonth, table: String)] {
        var out: [(month: ActivityMonth, table: String)] = []
        for r in try await rows(table.partitionsSQL) {
            guard let bound = r.text("bound"), let lower = Self.lowerBound(of: bound),
                let month = table.month(lowerBound: lower)
            else {
                throw StoreError(
                    "a partition of \(table.parent) has unexpected bounds: \(r.text("bound") ?? "none")")
            }
            out.append((month, try r.requiredText("name")))
        }
        return out.sorted { $0.month < $1.month }
    }

    /// The months `activities` has a partition for and their tables, oldest first.
    func activityPartitions() async throws -> [(month: ActivityMonth, table: String)] {
        try await partitions(of: .activities)
    }

    /// The value after `FROM (` in a partition bound expression: `FROM (20362)`, or quoted as
    /// PostgreSQL prints a bigint bound, `FROM ('1788220800000')`.
    static func lowerBound(of bound: String) -> Int64? {
        guard let open = bound.range(of: "FROM (") else { return nil }
        var rest = bound[open.upperBound...]
        if rest.first == "'" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0 == "-" || $0.isNumber }
        return Int64(digits)
    }
}
