import KizashiCore
import Logging
import PostgresNIO

/// The writes of one PostgreSQL transaction: the same bookkeeping as `SQLiteTransaction` (exact
/// activity roll-ups under upserts, `ActivityRollupDeltas`), with multi-row statements and COPY
/// instead of per-row binds, because every statement is a network round trip here.
actor PostgresTransaction: SQLTransaction {
    struct Lookups: Sendable {
        var companyKeys: [String: Int64]?
        var contactCompany: [String: String]?
        /// The months each partitioned table has a partition for (their first days), by table:
        /// `ensureMonths`.
        var partitionMonths: [String: Set<Int32>] = [:]
    }

    let conn: PostgresConnection
    let logger: Logger
    var companyKeys: [String: Int64]?
    var contactCompany: [String: String]?
    var activitiesStartedEmpty: Bool?
    var activityRowsWritten = 0
    /// Roll-up deltas, the bulk-move mark and the replaced activities, kept until `finish()`.
    var rollups = RollupBookkeeping()
    var timeZone: WorkspaceTimeZone?
    var activityReplacements: ActivityReplacements { rollups.activityReplacements }
    /// The account index was dropped for a first load; `finish()` builds it again.
    var rebuildAccountIndex = false
    /// A first load in progress (`PostgresFirstLoad`): keys and indexes dropped, IDs remembered.
    var firstLoad: PostgresFirstLoad?
    /// Tables whose foreign keys a bulk write looked at (`dropForeignKeysIfEmpty`), and the
    /// statements adding back those it dropped.
    var foreignKeysChecked: Set<String> = []
    var droppedForeignKeys: [String] = []
    /// Tables whose COPY stage exists in this transaction.
    var stagedTables: Set<String> = []
    /// The months each partitioned table has a partition for, by first day (absent: not read yet).
    var partitionMonths: [String: Set<Int32>] = [:]
    /// The tables of archived months in schema kizashi_archive (nil: not read yet).
    var archivedTables: [String]?

    init(conn: PostgresConnection, logger: Logger, cached: Lookups?) {
        self.conn = conn
        self.logger = logger
        companyKeys = cached?.companyKeys
        contactCompany = cached?.contactCompany
        partitionMonths = cached?.partitionMonths ?? [:]
    }

    func lookups() -> Lookups? {
        Lookups(companyKeys: companyKeys, contactCompany: contactCompany, partitionMonths: partitionMonths)
    }

    /// The connection, if the server has not closed it (see `ensureOpen`).
    func checked() throws -> PostgresConnection {
        try conn.ensureOpen()
        return conn
    }

    // MARK: SQLTransaction

    nonisolated var dialect: SQLDialect { .postgres }

    func rows(_ sql: StoredSQL) async throws -> [StoredRecord] { try await conn.records(.stored(sql), logger: logger) }

    func run(_ sql: StoredSQL) async throws { try await conn.perform(.stored(sql), logger: logger) }

    /// A statement with array binds (`= ANY($1)`, `unnest`), which the shared values do not carry.
    func execute(_ query: PostgresQuery) async throws { try await checked().query(query, logger: logger) }

    func upsertRows<E: Sendable>(_ rows: [E], _ spec: UpsertSpec, _ binds: @Sendable (E) -> [StoredValue])
        async throws
    {
        guard !rows.isEmpty else { return }
        let all = spec.lastRowPerKey(rows.map(binds))
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
    func write(_ spec: UpsertSpec, rows: ArraySlice<[StoredValue]>) async throws {
        if rows.count < 500 {
            try await conn.perform(.stored(spec.sql(rows: rows.count, .postgres), Array(rows.joined())), logger: logger)
            return
        }
        let stage = "kz_stage_\(spec.table)"
        let columns = spec.columns.joined(separator: ",")
        if stagedTables.insert(spec.table).inserted {
            try await dropForeignKeysIfEmpty(spec.table)
            // Same column types as the table, no constraints; dropped at the end of the transaction.
            try await conn.run(
                "CREATE TEMP TABLE \(stage) ON COMMIT DROP AS SELECT \(columns) FROM \(spec.table) WITH NO DATA",
                logger: logger)
        } else {
            try await conn.run("TRUNCATE \(stage)", logger: logger)
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
        try await conn.run(
            "INSERT INTO \(spec.table) (\(columns)) SELECT \(columns) FROM \(stage) " + spec.conflictClause,
            logger: logger)
    }

    // MARK: Companies, contacts, intent

    func upsert(companies: [Company]) async throws {
        try await upsertRows(companies, EntityMapping.companies, EntityMapping.binds)
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
        try await execute(delete)
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
        if kinds.count >= 500 { try await dropForeignKeysIfEmpty("company_match_keys") }
        var insert = PostgresQuery(
            unsafeSQL: """
                INSERT INTO company_match_keys (kind, key, company_key)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING
                """)
        insert.binds.append(kinds)
        insert.binds.append(values)
        insert.binds.append(owners)
        try await execute(insert)
    }

    func upsert(contacts: [Contact]) async throws {
        let known = try await contactCompanyMap()
        var moved: [String] = []
        for c in contacts {
            if let old = known[c.id], old != c.companyId { moved.append(c.id) }
            contactCompany![c.id] = c.companyId
        }
        try await upsertRows(contacts, EntityMapping.contacts, EntityMapping.binds)
        if !moved.isEmpty {
            try await settleFirstLoad()
            // A contact moving to another company moves the activities resolved through it.
            var q = PostgresQuery(
                unsafeSQL: """
                    UPDATE activities SET account_key = coalesce(
                        (SELECT co.company_key FROM contacts c JOIN companies co ON co.company_id = c.company_id
                         WHERE c.contact_id = activities.contact_id), -1)
                    WHERE company_id IS NULL AND contact_id = ANY($1)
                    """)
            q.binds.append(moved)
            try await execute(q)
            rollups.needsRebuild = true
        }
    }

    func upsert(intent: [IntentSignal]) async throws {
        try await upsertRows(intent, EntityMapping.intent, EntityMapping.binds)
    }

    // MARK: Lookups, loaded once per transaction (or kept from the one before)

    func companyKeyMap() async throws -> [String: Int64] {
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

    func contactCompanyMap() async throws -> [String: String] {
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
}
