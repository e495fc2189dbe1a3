import KizashiCore
import PostgresNIO

/// A first load of `activities` (the table empty when the transaction began, a large batch
/// coming): rows are copied straight into the table, with its primary key, foreign keys and
/// account index dropped, and those are built once at the end: a sort per index and one join
/// per foreign key, instead of 2 M index insertions and 4 M reference probes (80 % of the medium
/// import was PostgreSQL inserting into the table and its primary key, docs/scale.md). DDL is
/// transactional: a rollback restores them; readers of the (empty) table wait for the commit.
///
/// The last row of an ID wins (data-format.md: "Importing a row whose ID already exists replaces
/// that row"). With no primary key during the load, the transaction remembers the hash of every
/// ID it wrote; a row whose hash was written before waits in memory (a later one of its ID
/// replacing it) and, at the end, replaces the stored row of its ID. A hash collision only
/// makes a new ID wait: replacing a row that is not there inserts it.
struct PostgresFirstLoad: Sendable {
    struct Waiting: Sendable {
        let activity: Activity
        let day: Day
        let accountKey: Int64
    }

    /// Statements that build again what was dropped, in order: keys, foreign keys, indexes.
    var restore: [String]
    /// The hashes of the IDs written (8 bytes an ID: the large package has 10 M of them).
    var written: Set<Int> = []
    /// Rows whose ID (by hash) was written before, by ID: the last one of each.
    var waiting: [String: Waiting] = [:]
}

extension PostgresTransaction {
    /// Rows a first load needs to be worth its DDL (below this, the upsert path).
    static let firstLoadMinimum = 500

    /// Drops the keys and indexes of `activities` and remembers how to build them again; nil
    /// (the upsert path) when another table's foreign key refers to `activities`.
    func beginFirstLoad() async throws -> PostgresFirstLoad? {
        let referred = try await rows(
            "SELECT 1 AS x FROM pg_constraint WHERE confrelid = 'activities'::regclass LIMIT 1")
        guard referred.isEmpty else { return nil }
        // With archived months an ID may already be stored there: the upsert path checks each.
        guard try await archivedTableNames().isEmpty else { return nil }
        // The server writes the statements from its catalog, so what is built again is exactly
        // what the migrations made (names, columns, collations, index method). A partitioned
        // table's index comes back as `ON ONLY activities` (the parent alone): without ONLY it is
        // built on every month's partition too, as the migration made it.
        let constraints = try await rows(
            """
            SELECT format('ALTER TABLE activities DROP CONSTRAINT %I', conname) AS drop_sql,
                   format('ALTER TABLE activities ADD CONSTRAINT %I %s', conname, pg_get_constraintdef(oid)) AS add_sql
            FROM pg_constraint WHERE conrelid = 'activities'::regclass AND contype IN ('p', 'u', 'f')
            ORDER BY contype <> 'p', contype <> 'u', conname
            """)
        let indexes = try await rows(
            """
            SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop_sql,
                   replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') AS add_sql
            FROM pg_index i WHERE i.indrelid = 'activities'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid)
            ORDER BY 2
            """)
        var restore: [String] = []
        for r in constraints + indexes {
            try await conn.run(try r.requiredText("drop_sql"), logger: logger)
            restore.append(try r.requiredText("add_sql"))
        }
        return PostgresFirstLoad(restore: restore)
    }

    /// Copies the activities whose ID is new to this transaction; the others wait.
    func writeFirstLoad(_ activities: [Activity]) async throws {
        let tz = try await workspaceTimeZone()
        let keys = try await companyKeyMap()
        let contacts = try await contactCompanyMap()
        var start = 0
        while start < activities.count {
            let end = min(start + Self.copyBatch, activities.count)
            let (encoded, days) = encodeFirstLoad(activities[start..<end], tz: tz, keys: keys, contacts: contacts)
            try await ensureActivityMonths(days: days)
            try await copy(encoded, into: EntityMapping.activities)
            start = end
        }
    }

    private func encodeFirstLoad(
        _ batch: ArraySlice<Activity>, tz: WorkspaceTimeZone, keys: [String: Int64], contacts: [String: String]
    ) -> (ByteBuffer, Set<Int32>) {
        guard var load = firstLoad else { return (ByteBuffer(), []) }
        firstLoad = nil  // `load` is the only reference while it grows (no copy of the set)
        var row = PostgresCopyRow(buffer: ByteBuffer())
        row.buffer.reserveCapacity(batch.count * 128)
        // The days written (their months need partitions); rows come mostly in time order, so
        // the set is touched once per run of a day.
        var days: Set<Int32> = []
        var lastDay: Int32?
        for a in batch {
            let day = tz.day(of: a.occurredAt)
            if day.daysSinceEpoch != lastDay {
                days.insert(day.daysSinceEpoch)
                lastDay = day.daysSinceEpoch
            }
            let key = ActivityAccount.key(
                companyId: a.companyId, contactId: a.contactId, keys: keys, contacts: contacts)
            guard load.written.insert(a.id.hashValue).inserted else {
                load.waiting[a.id] = .init(activity: a, day: day, accountKey: key)
                continue
            }
            EntityMapping.bind(a, day: day, accountKey: key, into: &row)
            row.endRow()
            rollups.deltas.add(day: day.daysSinceEpoch, .init(account: key, type: UInt8(a.type.index)))
            activityRowsWritten += 1
        }
        firstLoad = load
        return (row.buffer, days)
    }

    /// Writes the rows that waited: each replaces the stored row of its ID (whose roll-up
    /// contribution is taken out). Called before anything else reads or changes `activities` in
    /// this transaction, and at its end.
    func settleFirstLoad() async throws {
        guard var load = firstLoad, !load.waiting.isEmpty else { return }
        let waiting = load.waiting.values.sorted { $0.activity.id < $1.activity.id }
        load.waiting = [:]
        firstLoad = load
        // No index on activity_id during the load: one scan of the table for all of them.
        var q = PostgresQuery(
            unsafeSQL: "DELETE FROM activities WHERE activity_id = ANY($1) RETURNING day, type, account_key")
        q.binds.append(waiting.map(\.activity.id))
        var deleted = 0
        for try await (d, type, k) in try await checked().query(q, logger: logger).decode((Int32, String, Int64).self) {
            guard let t = ActivityType(rawValue: type) else {
                throw StoreError("a stored activity has an unknown type \(type)")
            }
            rollups.deltas.remove(day: d, .init(account: k, type: UInt8(t.index)))
            deleted += 1
        }
        var row = PostgresCopyRow(buffer: ByteBuffer())
        for w in waiting {
            EntityMapping.bind(w.activity, day: w.day, accountKey: w.accountKey, into: &row)
            row.endRow()
            rollups.deltas.add(
                day: w.day.daysSinceEpoch, .init(account: w.accountKey, type: UInt8(w.activity.type.index)))
        }
        activityRowsWritten += waiting.count - deleted
        try await ensureActivityMonths(days: Set(waiting.map(\.day.daysSinceEpoch)))
        try await copy(row.buffer, into: EntityMapping.activities)
    }

    /// Settles the waiting rows and builds every dropped key and index again: before COMMIT, and
    /// before a statement that needs them (deleting a company relies on its references refusing).
    func finishBulkLoads() async throws {
        try await settleFirstLoad()
        let restore = (firstLoad?.restore ?? []) + droppedForeignKeys
        firstLoad = nil
        droppedForeignKeys = []
        for sql in restore { try await conn.run(sql, logger: logger) }
    }

    /// Drops the foreign keys of `table` when it is empty, before its first bulk write of this
    /// transaction; `finishBulkLoads` adds them again, each checked by one join. Why: PostgreSQL
    /// checks a reference row by row (an index probe and a row lock on the referenced row), which
    /// made most of a bulk insert's time (the 200 k intent rows of the medium package: 5 s of
    /// reference checks). The primary key stays: a repeated ID still replaces its row.
    func dropForeignKeysIfEmpty(_ table: String) async throws {
        guard foreignKeysChecked.insert(table).inserted else { return }
        guard
            try await conn.records(PostgresQuery(unsafeSQL: "SELECT 1 AS x FROM \(table) LIMIT 1"), logger: logger)
                .isEmpty
        else { return }
        var q = PostgresQuery(
            unsafeSQL: """
                SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop_sql,
                       format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS add_sql
                FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname
                """)
        q.binds.append(table)
        for r in try await conn.records(q, logger: logger) {
            try await conn.run(try r.requiredText("drop_sql"), logger: logger)
            droppedForeignKeys.append(try r.requiredText("add_sql"))
        }
    }

    /// Streams COPY text rows into `spec.table`, a megabyte per message.
    func copy(_ encoded: ByteBuffer, into spec: UpsertSpec) async throws {
        guard encoded.readableBytes > 0 else { return }
        try await checked().copyFrom(table: spec.table, columns: spec.columns, logger: logger) { writer in
            var rest = encoded
            while let chunk = rest.readSlice(length: min(1 << 20, rest.readableBytes)), chunk.readableBytes > 0 {
                try await writer.write(chunk)
            }
        }
    }
}
