import KizashiCore
import PostgresNIO

/// The rows an upsert batch of activities replaces, on a table partitioned by month (migration
/// 15): their roll-up contribution is taken out, and a row of an ID stored on another day is
/// deleted, so the ID keeps one row (data-format.md: a row replaces the row of its ID; the key
/// is (activity_id, day), since PostgreSQL needs the partition key in it).
extension PostgresTransaction {
    /// A stored row a batch replaces: its roll-up cell, and what the read model keeps of it.
    struct OldActivity {
        var id: String
        var day: Int32
        var type: ActivityType
        var account: Int64
        var occurredAt: Int64
        var contactId: String?

        /// What the read model keeps of it (`ActivityReplacements`).
        var kept: ActivityReplacements.Kept {
            .init(day: day, account: account, type: UInt8(type.index), occurredAt: occurredAt, contactId: contactId)
        }
    }

    /// Returns the stored rows the batch replaces.
    ///
    /// Two looks, because an ID alone probes every month's key: first the months of the batch's
    /// own days (the bounds are literals, so the planner reads only those partitions: a daily
    /// import's re-sent rows are found in one month), then, for the IDs not found there, the
    /// other months whose ID range holds them (a timestamp that moved, or a new ID). Measured at
    /// medium (15 months, 7,350 rows of one day already stored): 0.27 s for one look over all
    /// months, 0.02 s before partitioning (docs/scale.md).
    func takeOutOldRows(of ids: [String], newDay: [String: Int32]) async throws -> [OldActivity] {
        guard let lo = newDay.values.min(), let hi = newDay.values.max() else { return [] }
        let from = ActivityMonth(containing: Day(daysSinceEpoch: lo)).first.daysSinceEpoch
        let to = ActivityMonth(containing: Day(daysSinceEpoch: hi)).next.daysSinceEpoch
        let inBatchMonths = try await oldRows(where: "day >= \(from) AND day < \(to)", ids: ids)
        let found = Set(inBatchMonths.map(\.id))
        let elsewhere = try await oldRowsInOtherMonths(
            ids.filter { !found.contains($0) }, outside: from..<to)
        // An ID found nowhere live may still be in an archived month.
        let seen = found.union(elsewhere.map(\.id))
        try await refuseArchivedIds(ids.filter { !seen.contains($0) })
        var moved: (ids: [String], days: [Int32]) = ([], [])
        for r in inBatchMonths + elsewhere {
            rollups.deltas.remove(day: r.day, .init(account: r.account, type: UInt8(r.type.index)))
            if newDay[r.id] != r.day {
                moved.ids.append(r.id)
                moved.days.append(r.day)
            }
        }
        if !moved.ids.isEmpty {
            var delete = PostgresQuery(
                unsafeSQL: """
                    DELETE FROM activities a USING unnest($1::text[], $2::integer[]) AS v(id, day)
                    WHERE a.activity_id = v.id AND a.day = v.day
                    """)
            delete.binds.append(moved.ids)
            delete.binds.append(moved.days)
            try await execute(delete)
        }
        return inBatchMonths + elsewhere
    }

    /// The stored rows of `ids` in the months outside `days`. Each month is asked only for the
    /// IDs within its smallest and largest ID (its key's two ends, read per batch, since this
    /// transaction may have added rows): IDs that grow with time (a CRM's, the demo's) then
    /// meet no other month, and a day's new IDs cost two index ends per month instead of a
    /// probe per ID per month (0.4 s for 7,350 new rows at medium, 15 months).
    private func oldRowsInOtherMonths(_ ids: [String], outside days: Range<Int32>) async throws
        -> [OldActivity]
    {
        guard !ids.isEmpty else { return [] }
        let others = try await activityPartitions().filter { !days.contains($0.month.first.daysSinceEpoch) }
        guard !others.isEmpty else { return [] }
        // Partition names come from the catalog, quoted; nothing here comes from outside.
        let tables = others.map { PostgresWorkspaceStore.quoted($0.table) }
        let ends = tables.indices.map { i in
            "SELECT \(i) AS i, (SELECT min(activity_id) FROM \(tables[i])) AS lo, "
                + "(SELECT max(activity_id) FROM \(tables[i])) AS hi"
        }
        var out: [OldActivity] = []
        for r in try await conn.records(
            PostgresQuery(unsafeSQL: ends.joined(separator: " UNION ALL ")), logger: logger)
        {
            guard let i = r.int("i"), tables.indices.contains(i), let lo = r.text("lo"), let hi = r.text("hi") else {
                continue
            }
            // Byte order, as the key's "C" collation compares.
            let within = ids.filter {
                !$0.utf8.lexicographicallyPrecedes(lo.utf8) && !hi.utf8.lexicographicallyPrecedes($0.utf8)
            }
            out += try await oldRows(from: tables[i], where: "TRUE", ids: within)
        }
        return out
    }

    /// The stored rows of `ids` in `table` (`activities` or one month's partition, a quoted name)
    /// that meet `condition` (on `day`, written here, never from outside).
    private func oldRows(from table: String = "activities", where condition: String, ids: [String]) async throws
        -> [OldActivity]
    {
        guard !ids.isEmpty else { return [] }
        var q = PostgresQuery(
            unsafeSQL:
                "SELECT activity_id, day, type, account_key, occurred_at, contact_id FROM \(table) "
                + "WHERE \(condition) AND activity_id = ANY($1)"
        )
        q.binds.append(ids)
        var out: [OldActivity] = []
        for try await (id, d, type, k, at, contact) in try await checked().query(q, logger: logger).decode(
            (String, Int32, String, Int64, Int64, String?).self)
        {
            guard let t = ActivityType(rawValue: type) else {
                throw StoreError("a stored activity has an unknown type \(type)")
            }
            out.append(OldActivity(id: id, day: d, type: t, account: k, occurredAt: at, contactId: contact))
        }
        return out
    }
}
