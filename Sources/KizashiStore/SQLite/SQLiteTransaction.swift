import Dispatch
import KizashiCore
import SQLiteNIO

/// The writes of one SQLite transaction, including exact maintenance of the activity roll-ups.
///
/// Roll-ups are kept exact under upserts: a replaced activity's old contribution is taken out
/// before the new one is added. Looking up old rows costs a B-tree probe per activity, so when the
/// table was empty at the first activity write (a first load), rows are inserted with `DO
/// NOTHING` instead, and only the rows SQLite reports unchanged (an ID seen earlier in the same
/// import) take the probing path, which then replaces the earlier row.
///
/// Each activity written also gets a locator entry under its account (ActivityLocators), written
/// as one chunk per account in `finish()`.
actor SQLiteTransaction: WorkspaceTransaction {
    let db: RawSQLiteConnection
    private var companyKeys: [String: Int64]?
    private var contactCompany: [String: String]?
    private var activitiesStartedEmpty: Bool?
    /// Whether `company_match_keys` was empty at this transaction's first match-key write, and
    /// the companies whose keys it has written since (`writeMatchKeys`).
    private var matchKeysStartedEmpty: Bool?
    private var matchKeysWritten: Set<Int64> = []
    /// Locator entries of this transaction's activity writes, per account (ActivityLocators).
    private var locatorAdds = LocatorChunks()
    private var deltas: [Int32: [ActivityDayRollup.Cell: Int32]] = [:]
    private var needsRebuild = false
    private var timeZone: WorkspaceTimeZone?

    init(db: RawSQLiteConnection, cached: SQLiteLookupCache.Maps? = nil) {
        self.db = db
        companyKeys = cached?.companyKeys
        contactCompany = cached?.contactCompany
    }

    /// The lookups this transaction loaded or kept current, for the next transaction.
    func lookups() -> SQLiteLookupCache.Maps? {
        guard let companyKeys, let contactCompany else { return nil }
        return .init(companyKeys: companyKeys, contactCompany: contactCompany)
    }

    // MARK: Generic batched upsert

    private func upsert<E>(_ rows: [E], _ spec: SQLiteUpsert, _ binds: (E) -> [SQLiteData]) async throws {
        var values: [SQLiteData] = []
        values.reserveCapacity(rows.count * spec.columns.count)
        for r in rows { values.append(contentsOf: binds(r)) }
        try db.executeEach(spec.sql, width: spec.columns.count, values: values)
    }

    func upsert(companies: [Company]) async throws {
        try await upsert(companies, SQLiteEntityMapping.companies, SQLiteEntityMapping.binds)
        var keys: [String: Int64] = [:]
        for chunk in companies.chunked(900) {
            let rows = try db.query(
                "SELECT company_id, company_key FROM companies WHERE company_id IN (\(placeholders(chunk.count)))",
                chunk.map { .text($0.id) })
            for r in rows { if let id = r.text("company_id"), let k = r.int("company_key") { keys[id] = Int64(k) } }
        }
        if companyKeys != nil { companyKeys!.merge(keys) { $1 } }
        try writeMatchKeys(companies, keys: keys)
    }

    /// Replaces the match keys of these companies (kpis.md §duplicate_rate; CompanyMatchKeys).
    ///
    /// When the table was empty at this transaction's first write (a first load), only companies
    /// written earlier in the transaction can have keys to delete: a first load of 100k companies
    /// otherwise ran 100k deletes that found nothing.
    func writeMatchKeys(_ companies: [Company], keys: [String: Int64]) throws {
        if matchKeysStartedEmpty == nil {
            matchKeysStartedEmpty = try db.query("SELECT 1 AS x FROM company_match_keys LIMIT 1").isEmpty
        }
        let keyed = companies.compactMap { c in keys[c.id].map { (key: $0, company: c) } }
        let computed = Self.matchKeys(of: keyed.map(\.company))
        var deletes: [SQLiteData] = []
        var rows: [(kind: String, key: String, company: Int64)] = []
        for (i, (k, _)) in keyed.enumerated() {
            if matchKeysStartedEmpty == true {
                if !matchKeysWritten.insert(k).inserted { deletes.append(.integer(Int(k))) }
            } else {
                deletes.append(.integer(Int(k)))
            }
            for (kind, key) in computed[i] { rows.append((kind.rawValue, key, k)) }
        }
        try db.executeEach("DELETE FROM company_match_keys WHERE company_key = ?", width: 1, values: deletes)
        // Many rows per statement (`executeGroups`): a key already there is simply skipped.
        _ = try db.executeGroups(
            rows: rows.count, group: Self.rowsPerStatement, allNew: false,
            sql: SQLiteEntityMapping.matchKeys.insertNewSQL(rows:)
        ) { i, row in
            row.text(rows[i].kind)
            row.text(rows[i].key)
            row.integer(rows[i].company)
        }
    }

    /// `CompanyMatchKeys.keys` of each company, on both cores for a large batch: the names'
    /// Unicode normalisation was a third of a first load's company writes (perf), while the
    /// parser waits for the writer.
    private static func matchKeys(of companies: [Company]) -> [[(kind: CompanyMatchKeys.Kind, key: String)]] {
        guard companies.count >= 2_000 else { return companies.map(CompanyMatchKeys.keys) }
        return concurrentMap(companies.count, empty: []) { CompanyMatchKeys.keys(of: companies[$0]) }
    }

    /// Fills the match keys of every company (a workspace written before migration 2).
    func backfillMatchKeys() throws {
        var after = ""
        while true {
            let rows = try db.query(
                "SELECT * FROM companies WHERE company_id > ? ORDER BY company_id LIMIT 5000", [.text(after)])
            guard let last = rows.last?.text("company_id") else { break }
            var keys: [String: Int64] = [:]
            var companies: [Company] = []
            for r in rows {
                guard let id = r.text("company_id"), let name = r.text("name"), let k = r.int("company_key") else {
                    continue
                }
                keys[id] = Int64(k)
                companies.append(
                    Company(
                        id: id, name: name, corporateNumber: r.text("corporate_number"), domain: r.text("domain"),
                        region: r.text("region")))
            }
            try writeMatchKeys(companies, keys: keys)
            after = last
        }
    }

    func upsert(targets: [TargetMembership]) async throws {
        try await upsert(targets, SQLiteEntityMapping.targets, SQLiteEntityMapping.binds)
    }

    func upsert(contacts: [Contact]) async throws {
        // A contact moving to another company moves the activities resolved through it
        // (data-format.md §activities.csv): detect it and rebuild the roll-ups at the end.
        let known = try await contactCompanyMap()
        var moved = false
        for c in contacts {
            if let old = known[c.id], old != c.companyId { moved = true }
            contactCompany![c.id] = c.companyId
        }
        try await upsert(contacts, SQLiteEntityMapping.contacts, SQLiteEntityMapping.binds)
        if moved {
            let ids = contacts.map(\.id)
            for chunk in ids.chunked(900) {
                // The moved rows get locator entries under their new account.
                let movedRows = try db.query(
                    """
                    UPDATE activities SET account_key = coalesce(
                        (SELECT co.company_key FROM contacts c JOIN companies co ON co.company_id = c.company_id
                         WHERE c.contact_id = activities.contact_id), -1)
                    WHERE company_id IS NULL AND contact_id IN (\(placeholders(chunk.count)))
                    RETURNING activity_id, occurred_at, account_key
                    """, chunk.map { .text($0) })
                for r in movedRows {
                    guard let id = r.text("activity_id"), let at = r.int("occurred_at"), let k = r.int("account_key")
                    else { continue }
                    locate(id: id, occurredAt: Int64(at), account: Int64(k))
                }
            }
            needsRebuild = true
        }
    }

    func upsert(activities: [Activity]) async throws {
        if activitiesStartedEmpty == nil {
            activitiesStartedEmpty = try db.query("SELECT 1 AS x FROM activities LIMIT 1").isEmpty
        }
        let tz = try await workspaceTimeZone()
        let keys = try await companyKeyMap()
        let contacts = try await contactCompanyMap()
        guard activitiesStartedEmpty == true else {
            try replace(activities, tz: tz, keys: keys, contacts: contacts)
            return
        }
        // A first load: no row can be replaced except one this import wrote earlier, which SQLite
        // reports (no change for the `DO NOTHING` insert); those rows take the replacing path.
        var cells: [(day: Int32, cell: ActivityDayRollup.Cell)] = []
        cells.reserveCapacity(activities.count)
        // By index and field, not `for a in activities`: a copy of each row (a retain and
        // release per string) was a tenth of this loop (perf).
        for i in activities.indices {
            let key = accountKey(
                companyId: activities[i].companyId, contactId: activities[i].contactId, keys: keys, contacts: contacts)
            cells.append(
                (
                    tz.day(of: activities[i].occurredAt).daysSinceEpoch,
                    .init(account: key, type: UInt8(activities[i].type.index))
                ))
        }
        let seenBefore = try Self.insertFirstLoad(
            activities, cells: cells, db: db, deltas: &deltas, locators: &locatorAdds)
        // Rows seen before were counted but not inserted: take them out; the replacing path
        // below counts them again (their locator entry is written twice, the same hint).
        for i in seenBefore { deltas[cells[i].day, default: [:]][cells[i].cell, default: 0] -= 1 }
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
    private static func insertFirstLoad(
        _ activities: [Activity], cells: [(day: Int32, cell: ActivityDayRollup.Cell)], db: RawSQLiteConnection,
        deltas: inout [Int32: [ActivityDayRollup.Cell: Int32]], locators: inout LocatorChunks
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
                SQLiteEntityMapping.bind(
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
                    sql: SQLiteEntityMapping.activities.insertNewSQL(rows:), values: bind)
                if !allNew {
                    try db.execute("ROLLBACK TO first_load_rows")
                    try db.executeEach(
                        SQLiteEntityMapping.activities.insertNewSQL, rows: activities.count,
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

    /// Rows per statement of a first load's activity inserts and of intent upserts
    /// (`RawSQLiteConnection.executeGroups`).
    static let rowsPerStatement = 64

    /// What the two sides of `insertFirstLoad` produce. Each side writes only its own fields,
    /// and they are read after `concurrentPerform` returns, which waits for both.
    private final class FirstLoadSides: @unchecked Sendable {
        var deltas: [Int32: [ActivityDayRollup.Cell: Int32]] = [:]
        var locators = LocatorChunks()
        var seenBefore: [Int] = []
        var failure: (any Error)?
    }

    /// Counts rows into the roll-up deltas and adds their locator entries (unresolved rows,
    /// account -1, have none). Exports are in time order, so one day's rows come in a run:
    /// counted per run and then moved in (merged only when the day was seen before), one
    /// dictionary probe per row instead of two.
    private static func tally(
        _ activities: [Activity], cells: [(day: Int32, cell: ActivityDayRollup.Cell)],
        deltas: inout [Int32: [ActivityDayRollup.Cell: Int32]], locators: inout LocatorChunks
    ) {
        var runDay: Int32?
        var run: [ActivityDayRollup.Cell: Int32] = [:]
        func flush() {
            guard let d = runDay else { return }
            let size = run.count
            if deltas[d] == nil {
                deltas[d] = run
            } else {
                deltas[d]!.merge(run, uniquingKeysWith: +)
            }
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
    private func replace(
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

        let spec = SQLiteEntityMapping.activities
        var start = 0
        while start < rows.count {
            let end = min(start + spec.batchSize, rows.count)
            let batch = rows[start..<end]
            // Take out the old contribution of rows this batch replaces.
            let old = try db.query(
                "SELECT day, type, account_key FROM activities WHERE activity_id IN (\(placeholders(batch.count)))",
                batch.map { .text($0.id) })
            for r in old {
                guard let d = r.int("day"), let t = r.text("type").flatMap(ActivityType.init(rawValue:)),
                    let k = r.int("account_key")
                else { continue }
                deltas[Int32(d), default: [:]][.init(account: Int64(k), type: UInt8(t.index)), default: 0] -= 1
            }
            var placed: [(day: Day, account: Int64)] = []
            placed.reserveCapacity(batch.count)
            for a in batch {
                let day = tz.day(of: a.occurredAt)
                let key = accountKey(of: a, keys: keys, contacts: contacts)
                placed.append((day, key))
                deltas[day.daysSinceEpoch, default: [:]][.init(account: key, type: UInt8(a.type.index)), default: 0] +=
                    1
                locate(id: a.id, occurredAt: a.occurredAt.millisecondsSinceEpoch, account: key)
            }
            try db.executeEach(spec.sql, rows: batch.count) { i, row in
                SQLiteEntityMapping.bind(
                    batch[batch.startIndex + i], day: placed[i].day, accountKey: placed[i].account, into: &row)
            }
            start = end
        }
    }

    /// The account of an activity: its company, else its contact's; -1 when unresolved.
    private func accountKey(of a: Activity, keys: [String: Int64], contacts: [String: String]) -> Int64 {
        accountKey(companyId: a.companyId, contactId: a.contactId, keys: keys, contacts: contacts)
    }

    private func accountKey(
        companyId: String?, contactId: String?, keys: [String: Int64], contacts: [String: String]
    ) -> Int64 {
        (companyId ?? contactId.flatMap { contacts[$0] }).flatMap { keys[$0] } ?? -1
    }

    /// Notes that the row `id` now belongs to `account` (unresolved rows, -1, have no locators).
    private func locate(id: String, occurredAt: Int64, account: Int64) {
        locatorAdds.append(occurredAt: occurredAt, id: id, account: account)
    }

    /// Bound in place (`SQLiteRowValues`): a million intent rows at large scale, and boxing each
    /// value made the writer, not the parser, the long pole of that file (perf). Many rows per
    /// upsert statement, for the reason `executeGroups` gives: intent has no derived state, so no
    /// savepoint is needed (a repeated ID simply updates the row, the last one winning).
    func upsert(intent: [IntentSignal]) async throws {
        _ = try db.executeGroups(
            rows: intent.count, group: Self.rowsPerStatement, allNew: false, sql: SQLiteEntityMapping.intent.sql(rows:)
        ) { i, row in
            SQLiteEntityMapping.bind(intent[i], into: &row)
        }
    }
    func upsert(leadStages: [LeadStageTransition]) async throws {
        try await upsert(leadStages, SQLiteEntityMapping.leadStages, SQLiteEntityMapping.binds)
    }
    func upsert(meetings: [Meeting]) async throws {
        try await upsert(meetings, SQLiteEntityMapping.meetings, SQLiteEntityMapping.binds)
    }
    func upsert(opportunities: [Opportunity]) async throws {
        try await upsert(opportunities, SQLiteEntityMapping.opportunities, SQLiteEntityMapping.binds)
    }
    func upsert(contracts: [Contract]) async throws {
        try await upsert(contracts, SQLiteEntityMapping.contracts, SQLiteEntityMapping.binds)
    }
    func upsert(campaigns: [Campaign]) async throws {
        try await upsert(campaigns, SQLiteEntityMapping.campaigns, SQLiteEntityMapping.binds)
    }

    // MARK: Settings

    func setSetting(_ key: String, to value: String?) async throws {
        if let value {
            try db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
        } else {
            try db.execute("DELETE FROM settings WHERE key = ?", [.text(key)])
        }
        if key == "time_zone" {
            timeZone = nil
            try await rebuildActivityRollups()
        }
    }

    func setICP(_ icp: IdealCustomerProfile?) async throws {
        try await setSetting("icp", to: icp.map { ICPDocument.encode($0) })
    }

    func setGoal(_ goal: KPIGoal) async throws {
        try db.execute(
            """
            INSERT INTO kpi_goals (kpi, period_start, period_end, tier, value) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(kpi, period_start, period_end, tier) DO UPDATE SET value = excluded.value
            """,
            [
                .text(goal.kpi), .day(goal.period.start), .day(goal.period.end), .integer(goal.tier?.rawValue ?? 0),
                .float(goal.value),
            ])
    }

    func removeGoal(kpi: String, period: KPIPeriod, tier: Tier?) async throws {
        try db.execute(
            "DELETE FROM kpi_goals WHERE kpi = ? AND period_start = ? AND period_end = ? AND tier = ?",
            [.text(kpi), .day(period.start), .day(period.end), .integer(tier?.rawValue ?? 0)])
    }

    // MARK: Merges

    func deleteCompany(id: String) async throws {
        let key = try db.query("SELECT company_key FROM companies WHERE company_id = ?", [.text(id)]).first?.int(
            "company_key")
        try db.execute("DELETE FROM targets WHERE company_id = ?", [.text(id)])
        if let key {
            try db.execute("DELETE FROM company_match_keys WHERE company_key = ?", [.integer(key)])
            // Rows still resolved to the company through old contacts (none after a merge) are
            // unresolved; its locators go.
            let ids = Array(try locatedEntries(account: Int64(key)).keys)
            for chunk in ids.chunked(900) {
                try db.execute(
                    "UPDATE activities SET account_key = -1 WHERE account_key = ? AND activity_id IN (\(placeholders(chunk.count)))",
                    [.integer(key)] + chunk.map { .text($0) })
            }
            try db.execute("DELETE FROM activity_locators WHERE account_key = ?", [.integer(key)])
            locatorAdds[Int64(key)] = nil
        }
        do {
            try db.execute("DELETE FROM companies WHERE company_id = ?", [.text(id)])
        } catch {
            throw StoreError("company \(id) is still referred to and cannot be deleted: \(error)")
        }
        companyKeys?[id] = nil
        needsRebuild = true
    }

    func deleteTarget(companyId: String, addedOn: Day) async throws {
        try db.execute(
            "DELETE FROM targets WHERE company_id = ? AND added_on = ?", [.text(companyId), .day(addedOn)])
    }

    func appendMerge(record: String, at: Instant) async throws -> Int64 {
        try db.execute("INSERT INTO merge_log (merged_at, record) VALUES (?, ?)", [.instant(at), .text(record)])
        return Int64(try db.query("SELECT last_insert_rowid() AS id").first?.int("id") ?? 0)
    }

    func removeMerge(id: Int64) async throws {
        try db.execute("DELETE FROM merge_log WHERE merge_id = ?", [.integer(Int(id))])
    }

    // MARK: Roll-ups

    /// Recomputes each activity's local day (the time zone may have changed) and every roll-up.
    func rebuildActivityRollups() async throws {
        let tz = try await workspaceTimeZone()
        // Recompute `day` in Swift, page by page, so any IANA zone (with DST) is exact.
        var after = ""
        while true {
            let rows = try db.query(
                "SELECT activity_id, occurred_at, day FROM activities WHERE activity_id > ? ORDER BY activity_id LIMIT 5000",
                [.text(after)])
            guard let last = rows.last?.text("activity_id") else { break }
            for r in rows {
                guard let id = r.text("activity_id"), let at = r.column("occurred_at")?.instantValue else { continue }
                let day = Int(tz.day(of: at).daysSinceEpoch)
                if r.int("day") != day {
                    try db.execute("UPDATE activities SET day = ? WHERE activity_id = ?", [.integer(day), .text(id)])
                }
            }
            after = last
        }
        try db.execute("DELETE FROM activity_days")
        var current: ActivityDayRollup?
        let grouped = try db.query(
            "SELECT day, account_key, type, count(*) AS n FROM activities GROUP BY day, account_key, type ORDER BY day")
        var pending: [ActivityDayRollup] = []
        for r in grouped {
            guard let d = r.int("day"), let k = r.int("account_key"), let n = r.int("n"),
                let t = r.text("type").flatMap(ActivityType.init(rawValue:))
            else { continue }
            let day = Day(daysSinceEpoch: Int32(d))
            if current?.day != day {
                if let c = current { pending.append(c) }
                current = ActivityDayRollup(day: day)
            }
            current!.counts[.init(account: Int64(k), type: UInt8(t.index)), default: 0] += Int32(n)
        }
        if let c = current { pending.append(c) }
        for rollup in pending { try await write(rollup) }
        deltas = [:]
        needsRebuild = false
    }

    /// Applies the roll-up changes of this transaction; called once, just before COMMIT.
    func finish() async throws {
        if needsRebuild {
            try writeLocators()
            try await rebuildActivityRollups()
            return
        }
        let days = deltas.keys.sorted()
        let stored = try days.map { day in
            try db.query("SELECT entries FROM activity_days WHERE day = ?", [.integer(Int(day))])
                .first?.column("entries")?.blob.map { Array($0.readableBytesView) }
        }
        // The locators are written (SQLite, this actor) while the roll-ups are merged (pure, on
        // another thread): after a first load these two were the import's last steps, one after
        // the other, with one core idle for most of them (perf).
        let pending = deltas
        let tail = MergedRollups()
        let merging = DispatchGroup()
        DispatchQueue.global().async(group: merging) {
            tail.merged = Self.mergeRollups(days: days, deltas: pending, stored: stored)
        }
        let locatorFailure: (any Error)?
        do {
            try writeLocators()
            locatorFailure = nil
        } catch {
            locatorFailure = error
        }
        merging.wait()
        if let locatorFailure { throw locatorFailure }
        let merged = tail.merged
        if merged.contains(where: { $0 == nil }) {
            // A count below zero (or a corrupt stored roll-up) cannot happen when the bookkeeping
            // is right; never store a wrong roll-up.
            try await rebuildActivityRollups()
            return
        }
        for (i, day) in days.enumerated() {
            try writeRollup(day: day, encoded: merged[i]!)
        }
        deltas = [:]
    }

    /// The roll-ups `finish` merges on another thread: written there once, read after the
    /// group's wait.
    private final class MergedRollups: @unchecked Sendable {
        var merged: [[UInt8]?] = []
    }

    /// Each day's stored roll-up plus this transaction's deltas, encoded; nil for a day whose
    /// result would have a negative count or whose stored roll-up does not decode.
    ///
    /// Why on both cores: after a first load this is the last step, on its own, of the import
    /// (a fifth of a second at medium scale, perf); the days are independent.
    private static func mergeRollups(
        days: [Int32], deltas: [Int32: [ActivityDayRollup.Cell: Int32]], stored: [[UInt8]?]
    ) -> [[UInt8]?] {
        concurrentMap(days.count, empty: nil) { i -> [UInt8]? in
            var counts = deltas[days[i]] ?? [:]
            if let blob = stored[i] {
                do {
                    try ActivityDayRollup.forEachCell(in: blob) { account, type, n in
                        counts[.init(account: Int64(account), type: type), default: 0] += n
                    }
                } catch { return nil }
            }
            guard !counts.values.contains(where: { $0 < 0 }) else { return nil }
            return ActivityDayRollup.encode(counts)
        }
    }

    /// `(0..<count).map(body)` on both cores, for pure work the writer would otherwise do alone.
    private static func concurrentMap<T>(_ count: Int, empty: T, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        results.initialize(repeating: empty)
        defer { results.deinitialize().deallocate() }
        let out = SendableBuffer(results)
        let parts = min(count, 8)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            for i in stride(from: p, to: count, by: parts) { out.buffer[i] = body(i) }
        }
        return Array(results)
    }

    /// Each element is written by one `concurrentPerform` iteration only.
    private struct SendableBuffer<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
        init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
    }

    private func write(_ rollup: ActivityDayRollup) async throws {
        try writeRollup(day: rollup.day.daysSinceEpoch, encoded: rollup.encoded())
    }

    /// Stores one day's encoded roll-up; an empty one (every count zero) removes the day's row.
    private func writeRollup(day: Int32, encoded: [UInt8]) throws {
        if encoded.isEmpty {
            try db.execute("DELETE FROM activity_days WHERE day = ?", [.integer(Int(day))])
            return
        }
        try db.execute(
            "INSERT INTO activity_days (day, entries) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET entries = excluded.entries",
            [.integer(Int(day)), .blob(ByteBuffer(bytes: encoded))])
    }

    // MARK: Locators

    /// Writes this transaction's locator entries: one chunk per account. An account that has
    /// gathered many chunks (event batches write one each) has them merged.
    private func writeLocators() throws {
        guard !locatorAdds.isEmpty else { return }
        let firstLoad = activitiesStartedEmpty == true
        for key in locatorAdds.accounts {
            guard let chunk = locatorAdds[key] else { continue }
            try ActivityLocators.insert(chunk, account: Int(key), on: db)
            locatorAdds[key] = nil
            if !firstLoad {
                let n =
                    try db.query(
                        "SELECT count(*) AS n FROM activity_locators WHERE account_key = ?", [.integer(Int(key))]
                    )
                    .first?.int("n") ?? 0
                if n > ActivityLocators.chunksBeforeCompaction { try compactLocators(account: key) }
            }
        }
    }

    /// The merged locator entries of `account` (stored chunks, then this transaction's).
    private func locatedEntries(account: Int64) throws -> [String: Int64] {
        var entries = try ActivityLocators.stored(account: Int(account), on: db)
        if let pending = locatorAdds[account] {
            pending.withUnsafeBytes { ActivityLocators.decode($0, into: &entries) }
        }
        return entries
    }

    /// Merges an account's newest chunks into one, without the entries of rows that are no
    /// longer its. Which chunks: `ActivityLocators.mergeStart(sizes:)`. The big first-load chunk
    /// stays as it is until the newer ones together outgrow it: merging everything each time
    /// re-wrote an account's whole history every 32 event batches (16 % of the server's time
    /// under event load, BENCHMARKS.md).
    private func compactLocators(account: Int64) throws {
        let chunks = try db.query(
            "SELECT rowid AS id, length(entries) AS size FROM activity_locators WHERE account_key = ? ORDER BY rowid",
            [.integer(Int(account))])
        let start = ActivityLocators.mergeStart(sizes: chunks.map { $0.int("size") ?? 0 })
        guard start < chunks.count - 1, let first = chunks[start].int("id") else { return }
        var entries: [String: Int64] = [:]
        try db.scan(
            "SELECT entries FROM activity_locators WHERE account_key = ? AND rowid >= ? ORDER BY rowid",
            [.integer(Int(account)), .integer(first)]
        ) { ActivityLocators.decode($0.blob(0), into: &entries) }
        var chunk: [UInt8] = []
        for part in Array(entries.keys).chunked(900) {
            for r in try db.query(
                "SELECT activity_id, occurred_at FROM activities WHERE account_key = ? AND activity_id IN (\(placeholders(part.count)))",
                [.integer(Int(account))] + part.map { .text($0) })
            {
                guard let id = r.text("activity_id"), let at = r.int("occurred_at") else { continue }
                ActivityLocators.append(occurredAt: Int64(at), id: id, to: &chunk)
            }
        }
        // The merged chunk gets a rowid above every remaining one, so it still wins over them.
        try db.execute(
            "DELETE FROM activity_locators WHERE account_key = ? AND rowid >= ?",
            [.integer(Int(account)), .integer(first)])
        if !chunk.isEmpty { try ActivityLocators.insert(chunk, account: Int(account), on: db) }
    }

    /// Builds the locators of every stored activity (a workspace written before migration 10).
    func backfillLocators() async throws {
        try db.execute("DELETE FROM activity_locators")
        try db.scan("SELECT activity_id, occurred_at, account_key FROM activities WHERE account_key >= 0") { c in
            guard let id = c.text(0), let at = c.int(1), let k = c.int(2) else { return }
            locate(id: id, occurredAt: Int64(at), account: Int64(k))
        }
        activitiesStartedEmpty = true  // nothing to compact: every account gets one chunk
        try writeLocators()
        activitiesStartedEmpty = nil
        try db.execute("DROP TABLE IF EXISTS activity_locators_backfill")
    }

    // MARK: Lookups, loaded once per transaction

    private func companyKeyMap() async throws -> [String: Int64] {
        if let companyKeys { return companyKeys }
        var map: [String: Int64] = [:]
        for r in try db.query("SELECT company_id, company_key FROM companies") {
            if let id = r.text("company_id"), let k = r.int("company_key") { map[id] = Int64(k) }
        }
        companyKeys = map
        return map
    }

    private func contactCompanyMap() async throws -> [String: String] {
        if let contactCompany { return contactCompany }
        var map: [String: String] = [:]
        for r in try db.query("SELECT contact_id, company_id FROM contacts") {
            if let id = r.text("contact_id"), let c = r.text("company_id") { map[id] = c }
        }
        contactCompany = map
        return map
    }

    private func workspaceTimeZone() async throws -> WorkspaceTimeZone {
        if let timeZone { return timeZone }
        let id = try db.query("SELECT value FROM settings WHERE key = 'time_zone'").first?.text("value")
        let tz = id.flatMap(WorkspaceTimeZone.init(identifier:)) ?? .tokyo
        timeZone = tz
        return tz
    }

    func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
