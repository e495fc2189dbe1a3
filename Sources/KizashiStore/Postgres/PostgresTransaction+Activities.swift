import KizashiCore
import PostgresNIO

/// Activity writes on PostgreSQL: COPY in large batches, the old rows' roll-up contribution
/// taken out first (unless no row can be there yet), each month's partition made before its rows.
extension PostgresTransaction {
    /// `EntityMapping.activities` with PostgreSQL's key (activity_id, day): the partition key
    /// must be part of it (migration 15).
    static let activitiesSpec = UpsertSpec(
        table: EntityMapping.activities.table, columns: EntityMapping.activities.columns,
        conflict: ["activity_id", "day"])

    func upsert(activities: [Activity]) async throws {
        if activitiesStartedEmpty == nil {
            activitiesStartedEmpty = try await rows("SELECT 1 AS x FROM activities LIMIT 1").isEmpty
            if activitiesStartedEmpty == true, activities.count >= Self.firstLoadMinimum {
                firstLoad = try await beginFirstLoad()
            }
            if activitiesStartedEmpty == true, firstLoad == nil {
                // A first load: building the account index once at the end (a sort) is several times
                // cheaper than 2M random index insertions. DDL is transactional: a rollback restores
                // it. Readers of the (empty) table wait for the commit.
                try await conn.run("DROP INDEX IF EXISTS activities_account", logger: logger)
                rebuildAccountIndex = true
            }
        }
        if firstLoad != nil {
            // Rows are not looked up here: a read model reloads after a first load.
            rollups.replacements.markUntracked()
            try await writeFirstLoad(activities)
            return
        }
        let tz = try await workspaceTimeZone()
        let keys = try await companyKeyMap()
        let contacts = try await contactCompanyMap()
        let spec = Self.activitiesSpec
        var start = 0
        while start < activities.count {
            let end = min(start + Self.copyBatch, activities.count)
            // The last row of an ID wins (data-format.md); one statement may not update a row twice.
            var position: [String: Int] = [:]
            var batch: [Activity] = []
            for a in activities[start..<end] {
                if let i = position[a.id] {
                    batch[i] = a
                } else {
                    position[a.id] = batch.count
                    batch.append(a)
                }
            }
            var newDay: [String: Int32] = [:]
            var replaced: [String: OldActivity] = [:]
            newDay.reserveCapacity(batch.count)
            for a in batch { newDay[a.id] = tz.day(of: a.occurredAt).daysSinceEpoch }
            // Old rows may be there: the table had rows, this transaction wrote some, or an ID
            // may be in an archived month.
            var mayReplace = activitiesStartedEmpty == false || activityRowsWritten > 0
            if !mayReplace { mayReplace = !(try await archivedTableNames()).isEmpty }
            if mayReplace {
                for r in try await takeOutOldRows(of: batch.map(\.id), newDay: newDay) { replaced[r.id] = r }
            } else {
                // Nothing stored to look up: a read model reloads after a first write.
                rollups.replacements.markUntracked()
            }
            try await ensureActivityMonths(days: Set(newDay.values))
            var rows: [[StoredValue]] = []
            rows.reserveCapacity(batch.count)
            for a in batch {
                let day = Day(daysSinceEpoch: newDay[a.id] ?? tz.day(of: a.occurredAt).daysSinceEpoch)
                let key = ActivityAccount.key(
                    companyId: a.companyId, contactId: a.contactId, keys: keys, contacts: contacts)
                rows.append(EntityMapping.binds(a, day: day, accountKey: key))
                rollups.deltas.add(day: day.daysSinceEpoch, .init(account: key, type: UInt8(a.type.index)))
                if let old = replaced[a.id] {
                    rollups.replacements.replaced(old.kept, by: a, day: day.daysSinceEpoch, account: key)
                }
            }
            try await write(spec, rows: rows[...])
            // Rows added: `finish` compares the count with the table's when the table started
            // empty, and then every replaced row was written (and counted) by this transaction.
            activityRowsWritten += batch.count - replaced.count
            start = end
        }
    }

    // MARK: Merges

    /// Deletes a company nothing refers to any more, with its memberships and match keys; rows
    /// still resolved to it become unresolved.
    func deleteCompany(id: String) async throws {
        // The refusal below needs the references in place (a first load dropped them).
        try await finishBulkLoads()
        let key = try await rows("SELECT company_key FROM companies WHERE company_id = \(id)").first?.int64(
            "company_key")
        try await run("DELETE FROM targets WHERE company_id = \(id)")
        if let key {
            try await run("DELETE FROM company_match_keys WHERE company_key = \(key)")
            try await run("UPDATE activities SET account_key = -1 WHERE account_key = \(key)")
        }
        // A savepoint, so a refusal (rows still refer to it) leaves the transaction usable for the message.
        try await conn.run("SAVEPOINT delete_company", logger: logger)
        do {
            try await run("DELETE FROM companies WHERE company_id = \(id)")
            try await conn.run("RELEASE SAVEPOINT delete_company", logger: logger)
        } catch {
            try await conn.run("ROLLBACK TO SAVEPOINT delete_company", logger: logger)
            throw StoreError(
                "company \(id) is still referred to and cannot be deleted: \(PostgresWorkspaceStore.describe(error))")
        }
        companyKeys?[id] = nil
        rollups.needsRebuild = true
    }
}
