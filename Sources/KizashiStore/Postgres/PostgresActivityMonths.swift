import KizashiCore
import PostgresNIO

extension PostgresTransaction {
    /// Creates the partitions of the months of `days` that `activities` does not have yet, in
    /// this (writing) transaction, before rows of those days are written. Known months cost a set
    /// lookup: the months are read once and kept with the store's lookups while no other writer
    /// changed the workspace. A day in an archived month (`kizashi archive`) is refused: its
    /// partition is detached, and a new one would hide the archived rows of that month.
    func ensureActivityMonths(days: some Sequence<Int32>) async throws {
        var known = try await knownActivityMonths()
        var missing: Set<ActivityMonth> = []
        for d in days {
            let m = ActivityMonth(containing: Day(daysSinceEpoch: d))
            if !known.contains(m.first.daysSinceEpoch) { missing.insert(m) }
        }
        guard !missing.isEmpty else { return }
        if let archivedUntil = try await archivedBefore(), let m = missing.min(), m.first < archivedUntil.next {
            throw StoreError(
                "activities of \(m) cannot be written: the months through \(archivedUntil) are archived; "
                    + "restore them first (kizashi archive --restore \(m))")
        }
        for m in missing.sorted() {
            // Made apart, then attached: `CREATE TABLE … PARTITION OF` would hold an ACCESS
            // EXCLUSIVE lock on `activities` until this transaction commits (every report's read
            // waiting for a long import); ATTACH takes SHARE UPDATE EXCLUSIVE, which readers pass.
            // The attach gives the month the parent's keys and indexes (an empty table: instant).
            try await conn.run(
                "CREATE TABLE \(m.tableName) (LIKE activities INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                logger: logger)
            try await conn.run(
                "ALTER TABLE activities ATTACH PARTITION \(m.tableName) "
                    + "FOR VALUES FROM (\(m.first.daysSinceEpoch)) TO (\(m.next.daysSinceEpoch))",
                logger: logger)
            known.insert(m.first.daysSinceEpoch)
        }
        activityMonths = known
    }

    /// The first days of the months `activities` has a partition for.
    func knownActivityMonths() async throws -> Set<Int32> {
        if let activityMonths { return activityMonths }
        let out = Set(try await activityPartitions().map(\.month.first.daysSinceEpoch))
        activityMonths = out
        return out
    }

    /// The last archived month, or nil when nothing is archived.
    func archivedBefore() async throws -> ActivityMonth? {
        guard let d = try await rows("SELECT max(first_day) AS d FROM activity_archive").first?.int("d") else {
            return nil
        }
        return ActivityMonth(containing: Day(daysSinceEpoch: Int32(truncatingIfNeeded: d)))
    }

    /// The partitions of `activities`: each table's name and bounds, as
    /// `FOR VALUES FROM (20362) TO (20393)` (the lower bound is the month's first day).
    static let partitionsSQL: StoredSQL = """
        SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'activities'::regclass
        """

    /// The integer after `FROM (` in a partition bound expression.
    static func lowerBound(of bound: String) -> Int32? {
        guard let open = bound.range(of: "FROM (") else { return nil }
        let digits = bound[open.upperBound...].prefix { $0 == "-" || $0.isNumber }
        return Int32(digits)
    }
}
