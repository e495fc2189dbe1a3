import Dispatch
import KizashiCore

/// Activity writes: the first load's fast path and the replacing path, with the roll-up deltas
/// and locator entries of every row.
extension SQLiteTransaction {
    func upsert(activities: [Activity]) async throws {
        if activitiesStartedEmpty == nil {
            activitiesStartedEmpty = try db.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty
        }
        let tz = try await workspaceTimeZone()
        let keys = try companyKeyMap()
        let contacts = try contactCompanyMap()
        guard activitiesStartedEmpty == true else {
            try replace(activities, tz: tz, keys: keys, contacts: contacts)
            return
        }
        // A first load: no row can be replaced except one this import wrote earlier, which SQLite
        // reports (no change for the `DO NOTHING` insert); those rows take the replacing path.
        // Rows are not looked up one by one here: a read model reloads after a first load.
        rollups.replacements.markUntracked()
        var cells: [(day: Int32, cell: ActivityDayRollup.Cell)] = []
        cells.reserveCapacity(activities.count)
        // By index and field, not `for a in activities`: a copy of each row (a retain and
        // release per string) was a tenth of this loop (perf).
        for i in activities.indices {
            let key = ActivityAccount.key(
                companyId: activities[i].companyId, contactId: activities[i].contactId, keys: keys, contacts: contacts)
            cells.append(
                (
                    tz.day(of: activities[i].occurredAt).daysSinceEpoch,
                    .init(account: key, type: UInt8(activities[i].type.index))
                ))
        }
        let seenBefore = try Self.insertFirstLoad(
            activities, cells: cells, db: db, deltas: &rollups.deltas, locators: &locatorAdds)
        // Rows seen before were counted but not inserted: take them out; the replacing path
        // below counts them again (their locator entry is written twice, the same hint).
        for i in seenBefore { rollups.deltas.remove(day: cells[i].day, cells[i].cell) }
        if !seenBefore.isEmpty {
            try replace(seenBefore.map { activities[$0] }, tz: tz, keys: keys, contacts: contacts)
        }
    }

    /// Inserts a first-load batch and meanwhile, on the other core, counts every row of it into
    /// the roll-up deltas and the locator chunks. Returns the rows SQLite did not insert (an ID
    /// seen earlier in this import); they are counted too, and the caller takes them out.
    ///
    /// Why two threads: in a first load the writer is the long pole (the parser waits for it),
    /// and the bookkeeping was a sixth of its time (perf, BENCHMARKS.md). Each side touches only
    /// its own state: SQLite and `seenBefore`, or `deltas` and `locators`.
    static func insertFirstLoad(
        _ activities: [Activity], cells: [(day: Int32, cell: ActivityDayRollup.Cell)], db: RawSQLiteConnection,
        deltas: inout ActivityRollupDeltas, locators: inout LocatorChunks
    ) throws -> [Int] {
        let sides = FirstLoadSides()
        // Moved in and out (swap), never copied.
        swap(&sides.deltas, &deltas)
        swap(&sides.locators, &locators)
        defer {
            swap(&sides.deltas, &deltas)
            swap(&sides.locators, &locators)
        }
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            guard part == 0 else {
                tally(activities, cells: cells, deltas: &sides.deltas, locators: &sides.locators)
                return
            }
            func bind(_ i: Int, _ row: inout SQLiteRowValues) {
                EntityMapping.bind(
                    activities[i], day: Day(daysSinceEpoch: cells[i].day), accountKey: cells[i].cell.account,
                    into: &row)
            }
            do {
                // Many rows per statement, inside a savepoint; a statement that inserted fewer
                // rows than it had (an ID seen before) rolls the batch back, and the batch is
                // written again one row per statement, which says which rows were not new.
                try db.execute("SAVEPOINT first_load_rows")
                let allNew = try db.executeGroups(
                    rows: activities.count, group: rowsPerStatement,
                    sql: { EntityMapping.activities.insertNewSQL(rows: $0) }, values: bind)
                if !allNew {
                    try db.execute("ROLLBACK TO first_load_rows")
                    try db.executeEach(
                        EntityMapping.activities.insertNewSQL(rows: 1), rows: activities.count,
                        unchanged: { sides.seenBefore.append($0) }, values: bind)
                }
                try db.execute("RELEASE first_load_rows")
            } catch {
                sides.failure = error
            }
        }
        if let failure = sides.failure { throw failure }
        return sides.seenBefore
    }

    /// What the two sides of `insertFirstLoad` produce. Each side writes only its own fields,
    /// and they are read after `concurrentPerform` returns, which waits for both.
    final class FirstLoadSides: @unchecked Sendable {
        var deltas = ActivityRollupDeltas()
        var locators = LocatorChunks()
        var seenBefore: [Int] = []
        var failure: (any Error)?
    }

    /// Counts rows into the roll-up deltas and adds their locator entries (unresolved rows,
    /// account -1, have none). Exports are in time order, so one day's rows come in a run:
    /// counted per run and then moved in (merged only when the day was seen before), one
    /// dictionary probe per row instead of two.
    static func tally(
        _ activities: [Activity], cells: [(day: Int32, cell: ActivityDayRollup.Cell)],
        deltas: inout ActivityRollupDeltas, locators: inout LocatorChunks
    ) {
        var runDay: Int32?
        var run: [ActivityDayRollup.Cell: Int32] = [:]
        func flush() {
            guard let d = runDay else { return }
            let size = run.count
            deltas.add(day: d, counts: run)
            run = Dictionary(minimumCapacity: size)
        }
        for i in activities.indices {
            let c = cells[i]
            if c.day != runDay {
                flush()
                runDay = c.day
            }
            run[c.cell, default: 0] += 1
            locators.append(
                occurredAt: activities[i].occurredAt.millisecondsSinceEpoch, id: activities[i].id,
                account: c.cell.account)
        }
        flush()
    }

    /// Upserts activities that may replace stored rows: the old rows' contributions to the
    /// roll-ups are taken out first.
    func replace(
        _ activities: [Activity], tz: WorkspaceTimeZone, keys: [String: Int64], contacts: [String: String]
    ) throws {
        // Within one batch the last row of an ID wins (data-format.md).
        var rows = activities
        var lastIndex: [String: Int] = [:]
        lastIndex.reserveCapacity(activities.count)
        for (i, a) in activities.enumerated() { lastIndex[a.id] = i }
        if lastIndex.count != activities.count {
            rows = activities.enumerated().filter { lastIndex[$0.element.id] == $0.offset }.map(\.element)
        }

        let spec = EntityMapping.activities
        var start = 0
        while start < rows.count {
            let end = min(start + spec.batchSize, rows.count)
            let batch = rows[start..<end]
            // Take out the old contribution of rows this batch replaces.
            let old = try db.query(
                """
                SELECT activity_id, day, type, account_key, occurred_at, contact_id FROM activities
                WHERE activity_id IN (\(placeholders(batch.count)))
                """,
                batch.map { .text($0.id) })
            var stored: [String: ActivityReplacements.Kept] = [:]
            for r in old {
                guard let id = r.text("activity_id"), let d = r.int("day"),
                    let t = r.text("type").flatMap(ActivityType.init(rawValue:)), let k = r.int("account_key"),
                    let at = r.int64("occurred_at")
                else { throw StoreError("a stored activity is unreadable") }
                rollups.deltas.remove(day: Int32(d), .init(account: Int64(k), type: UInt8(t.index)))
                stored[id] = .init(
                    day: Int32(d), account: Int64(k), type: UInt8(t.index), occurredAt: at,
                    contactId: r.text("contact_id"))
            }
            var placed: [(day: Day, account: Int64)] = []
            placed.reserveCapacity(batch.count)
            for a in batch {
                let day = tz.day(of: a.occurredAt)
                let key = ActivityAccount.key(
                    companyId: a.companyId, contactId: a.contactId, keys: keys, contacts: contacts)
                placed.append((day, key))
                rollups.deltas.add(day: day.daysSinceEpoch, .init(account: key, type: UInt8(a.type.index)))
                if let before = stored[a.id] {
                    rollups.replacements.replaced(before, by: a, day: day.daysSinceEpoch, account: key)
                }
                locate(id: a.id, occurredAt: a.occurredAt.millisecondsSinceEpoch, account: key)
            }
            try db.executeEach(spec.sql(rows: 1), rows: batch.count) { i, row in
                EntityMapping.bind(
                    batch[batch.startIndex + i], day: placed[i].day, accountKey: placed[i].account, into: &row)
            }
            start = end
        }
    }

    /// Notes that the row `id` now belongs to `account` (unresolved rows, -1, have no locators).
    func locate(id: String, occurredAt: Int64, account: Int64) {
        locatorAdds.append(occurredAt: occurredAt, id: id, account: account)
    }
}
