import KizashiCore
import PostgresNIO

/// The end of a PostgreSQL transaction: the account index rebuilt after a first load, and the
/// roll-up changes applied (or every roll-up rebuilt).
extension PostgresTransaction {
    /// Recomputes each activity's local day (the time zone may have changed) and every roll-up.
    func rebuildActivityRollups() async throws {
        // Archived months (`kizashi archive`) are outside `activities`: a rebuild from the rows
        // would drop their counts from the roll-ups, and their days would keep the old zone.
        if let archived = try await archivedBefore() {
            throw StoreError(
                "the activity roll-ups need every activity, and the months through \(archived) are archived; "
                    + "restore them first (kizashi archive --restore-all)")
        }
        let tz = try await workspaceTimeZone()
        // `day` recomputed in Swift, page by page, so any IANA zone (with DST) is exact; the
        // changed days of a page in one statement.
        var after = ""
        while true {
            var q = PostgresQuery(
                unsafeSQL:
                    "SELECT activity_id, occurred_at, day FROM activities WHERE activity_id > $1 ORDER BY activity_id LIMIT 10000"
            )
            q.binds.append(after)
            var ids: [String] = [], newDays: [Int64] = []
            var last: String?
            for try await (id, at, day) in try await checked().query(q, logger: logger).decode(
                (String, Int64, Int32).self)
            {
                last = id
                let d = tz.day(of: Instant(millisecondsSinceEpoch: at)).daysSinceEpoch
                if d != day {
                    ids.append(id)
                    newDays.append(Int64(d))
                }
            }
            guard let last else { break }
            if !ids.isEmpty {
                // A changed day may move a row to another month's partition (PostgreSQL moves it
                // on UPDATE); that month must exist first.
                try await ensureActivityMonths(days: newDays.map { Int32(truncatingIfNeeded: $0) })
                var u = PostgresQuery(
                    unsafeSQL: """
                        UPDATE activities a SET day = v.day
                        FROM unnest($1::text[], $2::bigint[]) AS v(id, day) WHERE a.activity_id = v.id
                        """)
                u.binds.append(ids)
                u.binds.append(newDays)
                try await execute(u)
            }
            after = last
        }
        try await rebuildRollupsFromActivities(logger: logger)
        rollups.rebuilt()
    }

    /// Applies the roll-up changes of this transaction; called once, just before COMMIT.
    func finish() async throws {
        try await finishBulkLoads()
        if rebuildAccountIndex {
            try await conn.run(
                "CREATE INDEX activities_account ON activities(account_key, occurred_at)", logger: logger)
            rebuildAccountIndex = false
        }
        if activitiesStartedEmpty == true, !rollups.needsRebuild {
            // A first load counted every row it sent; an ID sent twice was stored once.
            let n = try await rows("SELECT count(*) AS n FROM activities").first?.int("n") ?? 0
            if n != activityRowsWritten { rollups.needsRebuild = true }
        }
        if rollups.needsRebuild {
            try await rebuildActivityRollups()
            return
        }
        if let problem = try await applyRollupDeltas(rollups.deltas) {
            logger.error(
                "activity roll-ups are inconsistent; rebuilding them from the activities",
                metadata: ["problem": "\(problem)"])
            try await rebuildActivityRollups()
            return
        }
        rollups.deltas.removeAll()
    }
}
