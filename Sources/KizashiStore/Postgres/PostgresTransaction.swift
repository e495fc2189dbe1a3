import KizashiCore
import Logging
import PostgresNIO
import SQLiteNIO

/// The writes of one PostgreSQL transaction: the same bookkeeping as `SQLiteTransaction` (exact
/// activity roll-ups under upserts), with multi-row statements instead of per-row binds, because
/// every statement is a network round trip here.
actor PostgresTransaction: WorkspaceTransaction {
    struct Lookups: Sendable {
        var companyKeys: [String: Int64]
        var contactCompany: [String: String]
    }

    let conn: PostgresConnection
    let logger: Logger
    private var companyKeys: [String: Int64]?
    private var contactCompany: [String: String]?
    private var activitiesStartedEmpty: Bool?
    private var activityRowsWritten = 0
    private var deltas: [Int32: [ActivityDayRollup.Cell: Int32]] = [:]
    private var needsRebuild = false
    private var timeZone: WorkspaceTimeZone?
    /// The account index was dropped for a first load; `finish()` builds it again.
    private var rebuildAccountIndex = false
    /// Tables whose COPY stage exists in this transaction.
    private var stagedTables: Set<String> = []

    init(conn: PostgresConnection, logger: Logger, cached: Lookups?) {
        self.conn = conn
        self.logger = logger
        companyKeys = cached?.companyKeys
        contactCompany = cached?.contactCompany
    }

    func lookups() -> Lookups? {
        guard let companyKeys, let contactCompany else { return nil }
        return Lookups(companyKeys: companyKeys, contactCompany: contactCompany)
    }

    /// The connection, if the server has not closed it (see `ensureOpen`).
    func checked() throws -> PostgresConnection {
        try conn.ensureOpen()
        return conn
    }

    private func rows(_ sql: String, _ values: [SQLiteData] = []) async throws -> [PostgresStoredRow] {
        try await conn.rows(sql, values, logger: logger)
    }
    private func run(_ sql: String, _ values: [SQLiteData] = []) async throws {
        try await conn.run(sql, values, logger: logger)
    }
    private func run(_ query: PostgresQuery) async throws {
        try await checked().query(query, logger: logger)
    }

    // MARK: Generic batched upsert

    private func upsert<E>(_ entities: [E], _ spec: SQLiteUpsert, _ binds: (E) -> [SQLiteData]) async throws {
        guard !entities.isEmpty else { return }
        let all = spec.lastRowPerKey(entities.map(binds))
        var start = 0
        while start < all.count {
            let end = min(start + Self.copyBatch, all.count)
            try await write(spec, rows: all[start..<end])
            start = end
        }
    }

    /// Rows per COPY round (bounded memory on the way to the server).
    static let copyBatch = 50_000

    /// Writes deduplicated rows: small sets as one multi-row statement; large ones streamed with
    /// `COPY … FROM STDIN` into a temporary stage, then merged with one `INSERT … SELECT … ON
    /// CONFLICT`. Why: a 2,000-row VALUES list costs PostgreSQL more to parse and bind than to
    /// insert (the medium package took 84 s that way, the server at 80 % CPU).
    private func write(_ spec: SQLiteUpsert, rows: ArraySlice<[SQLiteData]>) async throws {
        if rows.count < 500 {
            try await run(spec.postgresSQL(rows: rows.count), Array(rows.joined()))
            return
        }
        let stage = "kz_stage_\(spec.table)"
        let columns = spec.columns.joined(separator: ",")
        if stagedTables.insert(spec.table).inserted {
            // Same column types as the table, no constraints; dropped at the end of the transaction.
            try await run(
                "CREATE TEMP TABLE \(stage) ON COMMIT DROP AS SELECT \(columns) FROM \(spec.table) WITH NO DATA")
        } else {
            try await run("TRUNCATE \(stage)")
        }
        try await checked().copyFrom(table: stage, columns: spec.columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                PostgresCopyText.append(row, to: &buffer)
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        // The stage is read in the order it was written, so new companies get their keys in file
        // order, as on SQLite.
        try await run(
            "INSERT INTO \(spec.table) (\(columns)) SELECT \(columns) FROM \(stage) " + spec.postgresConflictClause)
    }

    func upsert(companies: [Company]) async throws {
        try await upsert(companies, SQLiteEntityMapping.companies, SQLiteEntityMapping.binds)
        var keys: [String: Int64] = [:]
        var q = PostgresQuery(unsafeSQL: "SELECT company_id, company_key FROM companies WHERE company_id = ANY($1)")
        q.binds.append(companies.map(\.id))
        for try await (id, key) in try await checked().query(q, logger: logger).decode((String, Int64).self) {
            keys[id] = key
        }
        if companyKeys != nil { companyKeys!.merge(keys) { $1 } }
        try await writeMatchKeys(companies, keys: keys)
    }

    /// Replaces the match keys of these companies (kpis.md §duplicate_rate; CompanyMatchKeys).
    private func writeMatchKeys(_ companies: [Company], keys: [String: Int64]) async throws {
        var delete = PostgresQuery(unsafeSQL: "DELETE FROM company_match_keys WHERE company_key = ANY($1)")
        delete.binds.append(companies.compactMap { keys[$0.id] })
        try await run(delete)
        var kinds: [String] = [], values: [String] = [], owners: [Int64] = []
        for c in companies {
            guard let k = keys[c.id] else { continue }
            for (kind, key) in CompanyMatchKeys.keys(of: c) {
                kinds.append(kind.rawValue)
                values.append(key)
                owners.append(k)
            }
        }
        guard !kinds.isEmpty else { return }
        var insert = PostgresQuery(
            unsafeSQL: """
                INSERT INTO company_match_keys (kind, key, company_key)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING
                """)
        insert.binds.append(kinds)
        insert.binds.append(values)
        insert.binds.append(owners)
        try await run(insert)
    }

    func upsert(targets: [TargetMembership]) async throws {
        try await upsert(targets, SQLiteEntityMapping.targets, SQLiteEntityMapping.binds)
    }

    func upsert(contacts: [Contact]) async throws {
        let known = try await contactCompanyMap()
        var moved: [String] = []
        for c in contacts {
            if let old = known[c.id], old != c.companyId { moved.append(c.id) }
            contactCompany![c.id] = c.companyId
        }
        try await upsert(contacts, SQLiteEntityMapping.contacts, SQLiteEntityMapping.binds)
        if !moved.isEmpty {
            // A contact moving to another company moves the activities resolved through it.
            var q = PostgresQuery(
                unsafeSQL: """
                    UPDATE activities SET account_key = coalesce(
                        (SELECT co.company_key FROM contacts c JOIN companies co ON co.company_id = c.company_id
                         WHERE c.contact_id = activities.contact_id), -1)
                    WHERE company_id IS NULL AND contact_id = ANY($1)
                    """)
            q.binds.append(moved)
            try await run(q)
            needsRebuild = true
        }
    }

    func upsert(activities: [Activity]) async throws {
        if activitiesStartedEmpty == nil {
            activitiesStartedEmpty = try await rows("SELECT 1 AS x FROM activities LIMIT 1").isEmpty
            if activitiesStartedEmpty == true {
                // A first load: building the account index once at the end (a sort) is several times
                // cheaper than 2M random index insertions. DDL is transactional: a rollback restores
                // it. Readers of the (empty) table wait for the commit.
                try await run("DROP INDEX IF EXISTS activities_account")
                rebuildAccountIndex = true
            }
        }
        let tz = try await workspaceTimeZone()
        let keys = try await companyKeyMap()
        let contacts = try await contactCompanyMap()
        let spec = SQLiteEntityMapping.activities
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
            if activitiesStartedEmpty == false {
                // Take out the old contribution of rows this batch replaces.
                var q = PostgresQuery(
                    unsafeSQL: "SELECT day, type, account_key FROM activities WHERE activity_id = ANY($1)")
                q.binds.append(batch.map(\.id))
                for try await (d, type, k) in try await checked().query(q, logger: logger).decode(
                    (Int32, String, Int64).self)
                {
                    guard let t = ActivityType(rawValue: type) else { continue }
                    deltas[d, default: [:]][.init(account: k, type: UInt8(t.index)), default: 0] -= 1
                }
            }
            var rows: [[SQLiteData]] = []
            rows.reserveCapacity(batch.count)
            for a in batch {
                let day = tz.day(of: a.occurredAt)
                let company = a.companyId ?? a.contactId.flatMap { contacts[$0] }
                let key = company.flatMap { keys[$0] } ?? -1
                rows.append(SQLiteEntityMapping.binds(a, day: day, accountKey: key))
                deltas[day.daysSinceEpoch, default: [:]][.init(account: key, type: UInt8(a.type.index)), default: 0] +=
                    1
            }
            try await write(spec, rows: rows[...])
            activityRowsWritten += batch.count
            start = end
        }
    }

    func upsert(intent: [IntentSignal]) async throws {
        try await upsert(intent, SQLiteEntityMapping.intent, SQLiteEntityMapping.binds)
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
            try await run(
                "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [.text(key), .text(value)])
        } else {
            try await run("DELETE FROM settings WHERE key = $1", [.text(key)])
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
        try await run(
            """
            INSERT INTO kpi_goals (kpi, period_start, period_end, tier, value) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (kpi, period_start, period_end, tier) DO UPDATE SET value = EXCLUDED.value
            """,
            [
                .text(goal.kpi), .day(goal.period.start), .day(goal.period.end), .integer(goal.tier?.rawValue ?? 0),
                .float(goal.value),
            ])
    }

    func removeGoal(kpi: String, period: KPIPeriod, tier: Tier?) async throws {
        try await run(
            "DELETE FROM kpi_goals WHERE kpi = $1 AND period_start = $2 AND period_end = $3 AND tier = $4",
            [.text(kpi), .day(period.start), .day(period.end), .integer(tier?.rawValue ?? 0)])
    }

    // MARK: Merges

    func deleteCompany(id: String) async throws {
        let key = try await rows("SELECT company_key FROM companies WHERE company_id = $1", [.text(id)]).first?.int(
            "company_key")
        try await run("DELETE FROM targets WHERE company_id = $1", [.text(id)])
        if let key {
            try await run("DELETE FROM company_match_keys WHERE company_key = $1", [.integer(key)])
            try await run("UPDATE activities SET account_key = -1 WHERE account_key = $1", [.integer(key)])
        }
        // A savepoint, so a refusal (rows still refer to it) leaves the transaction usable for the message.
        try await run("SAVEPOINT delete_company")
        do {
            try await run("DELETE FROM companies WHERE company_id = $1", [.text(id)])
            try await run("RELEASE SAVEPOINT delete_company")
        } catch {
            try await run("ROLLBACK TO SAVEPOINT delete_company")
            throw StoreError(
                "company \(id) is still referred to and cannot be deleted: \(PostgresWorkspaceStore.describe(error))")
        }
        companyKeys?[id] = nil
        needsRebuild = true
    }

    func deleteTarget(companyId: String, addedOn: Day) async throws {
        try await run(
            "DELETE FROM targets WHERE company_id = $1 AND added_on = $2", [.text(companyId), .day(addedOn)])
    }

    func appendMerge(record: String, at: Instant) async throws -> Int64 {
        Int64(
            try await rows(
                "INSERT INTO merge_log (merged_at, record) VALUES ($1, $2) RETURNING merge_id",
                [.instant(at), .text(record)]
            ).first?.int("merge_id") ?? 0)
    }

    func removeMerge(id: Int64) async throws {
        try await run("DELETE FROM merge_log WHERE merge_id = $1", [.integer(Int(id))])
    }

    // MARK: Roll-ups

    func rebuildActivityRollups() async throws {
        let tz = try await workspaceTimeZone()
        // Recompute `day` in Swift, page by page, so any IANA zone (with DST) is exact.
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
                var u = PostgresQuery(
                    unsafeSQL: """
                        UPDATE activities a SET day = v.day
                        FROM unnest($1::text[], $2::bigint[]) AS v(id, day) WHERE a.activity_id = v.id
                        """)
                u.binds.append(ids)
                u.binds.append(newDays)
                try await run(u)
            }
            after = last
        }
        try await run("DELETE FROM activity_days")
        var rollups: [Int32: ActivityDayRollup] = [:]
        for try await (d, k, type, n) in try await checked().query(
            "SELECT day, account_key, type, count(*) FROM activities GROUP BY day, account_key, type",
            logger: logger
        ).decode((Int32, Int64, String, Int64).self) {
            guard let t = ActivityType(rawValue: type) else { continue }
            rollups[d, default: ActivityDayRollup(day: Day(daysSinceEpoch: d))].counts[
                .init(account: k, type: UInt8(t.index)), default: 0] += Int32(n)
        }
        try await write(rollups.values.sorted { $0.day < $1.day })
        deltas = [:]
        needsRebuild = false
    }

    /// Applies the roll-up changes of this transaction; called once, just before COMMIT.
    func finish() async throws {
        if rebuildAccountIndex {
            try await run("CREATE INDEX activities_account ON activities(account_key, occurred_at)")
            rebuildAccountIndex = false
        }
        if activitiesStartedEmpty == true, !needsRebuild {
            let n = try await rows("SELECT count(*) AS n FROM activities").first?.int("n") ?? 0
            if n != activityRowsWritten { needsRebuild = true }
        }
        if needsRebuild {
            try await rebuildActivityRollups()
            return
        }
        guard !deltas.isEmpty else { return }
        var q = PostgresQuery(unsafeSQL: "SELECT day, entries FROM activity_days WHERE day = ANY($1)")
        q.binds.append(deltas.keys.map { Int64($0) })
        var stored: [Int32: ActivityDayRollup] = [:]
        for try await (d, blob) in try await checked().query(q, logger: logger).decode((Int32, ByteBuffer).self) {
            stored[d] = try ActivityDayRollup(day: Day(daysSinceEpoch: d), encoded: blob.readableBytesView)
        }
        var changed: [ActivityDayRollup] = []
        for (day, cells) in deltas.sorted(by: { $0.key < $1.key }) {
            var rollup = stored[day] ?? ActivityDayRollup(day: Day(daysSinceEpoch: day))
            for (cell, delta) in cells { rollup.counts[cell, default: 0] += delta }
            rollup.counts = rollup.counts.filter { $0.value != 0 }
            if rollup.counts.values.contains(where: { $0 < 0 }) {
                // Cannot happen when the bookkeeping is right; never store a wrong roll-up.
                try await rebuildActivityRollups()
                return
            }
            changed.append(rollup)
        }
        try await write(changed)
        deltas = [:]
    }

    private func write(_ rollups: [ActivityDayRollup]) async throws {
        let empty = rollups.filter { $0.counts.isEmpty }.map { Int64($0.day.daysSinceEpoch) }
        if !empty.isEmpty {
            var q = PostgresQuery(unsafeSQL: "DELETE FROM activity_days WHERE day = ANY($1)")
            q.binds.append(empty)
            try await run(q)
        }
        let full = rollups.filter { !$0.counts.isEmpty }
        for chunk in full.chunked(500) {
            var values: [SQLiteData] = []
            for r in chunk {
                values.append(.integer(Int(r.day.daysSinceEpoch)))
                values.append(.blob(ByteBuffer(bytes: r.encoded())))
            }
            let tuples = (0..<chunk.count).map { "($\($0 * 2 + 1), $\($0 * 2 + 2))" }.joined(separator: ",")
            try await run(
                "INSERT INTO activity_days (day, entries) VALUES \(tuples) ON CONFLICT (day) DO UPDATE SET entries = EXCLUDED.entries",
                values)
        }
    }

    // MARK: Lookups, loaded once per transaction (or kept from the previous one)

    private func companyKeyMap() async throws -> [String: Int64] {
        if let companyKeys { return companyKeys }
        var map: [String: Int64] = [:]
        for try await (id, k) in try await checked().query(
            "SELECT company_id, company_key FROM companies", logger: logger
        )
        .decode((String, Int64).self) {
            map[id] = k
        }
        companyKeys = map
        return map
    }

    private func contactCompanyMap() async throws -> [String: String] {
        if let contactCompany { return contactCompany }
        var map: [String: String] = [:]
        for try await (id, c) in try await checked().query(
            "SELECT contact_id, company_id FROM contacts", logger: logger
        )
        .decode((String, String).self) {
            map[id] = c
        }
        contactCompany = map
        return map
    }

    private func workspaceTimeZone() async throws -> WorkspaceTimeZone {
        if let timeZone { return timeZone }
        let id = try await rows("SELECT value FROM settings WHERE key = 'time_zone'").first?.text("value")
        let tz = id.flatMap(WorkspaceTimeZone.init(identifier:)) ?? .tokyo
        timeZone = tz
        return tz
    }
}
