import KizashiCore
import Logging
import PostgresNIO

/// `kizashi copy` from a PostgreSQL workspace: every read of the copy runs in one REPEATABLE
/// READ, READ ONLY transaction on one connection, so it sees the database as it was when the
/// copy began while other servers go on writing.
extension PostgresWorkspaceStore {
    public func withSnapshot<T: Sendable>(
        _ body: @Sendable (any WorkspaceStore) async throws -> T
    ) async throws -> T {
        try await client.withConnection { conn in
            try await conn.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            let snapshot = PostgresWorkspaceStore(
                client: client, location: location, logger: logger, runTask: Task {}, pinned: conn)
            do {
                let result = try await body(snapshot)
                try await conn.run("COMMIT", logger: logger)
                return result
            } catch {
                await Self.rollback(conn, logger: logger)
                throw error
            }
        }
    }

    public func tableNames() async throws -> Set<String> {
        Set(
            try await read(
                // A month's partition of `activities` (migration 15) is part of that table.
                """
                SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                """
            ).compactMap { $0.text("table_name") })
    }
}

extension PostgresTransaction {
    /// Rows as read from the other backend; an identity column's sequence is moved past the
    /// copied ids, so the next row made here does not collide.
    func insert(portable table: PortableTable, rows: [PortableRow], replace: Bool) async throws {
        var replace = replace
        if table.name == "events", !rows.isEmpty {
            try await willInsertPortableEvents(rows, replace: replace)
            replace = false  // any row of these ids is gone: plain inserts
        }
        for row in rows {
            let marks = (1...row.columns.count).map { "$\($0)" }.joined(separator: ", ")
            let columns = row.columns.joined(separator: ", ")
            var sql = "INSERT INTO \(table.name) (\(columns)) VALUES (\(marks))"
            if replace {
                let updates = row.columns.filter { !table.key.contains($0) }.map { "\($0) = excluded.\($0)" }
                sql +=
                    " ON CONFLICT (\(table.key.joined(separator: ", "))) "
                    + (updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))")
            }
            try await conn.perform(.stored(sql, row.values), logger: logger)
        }
        if let identity = table.identity, !rows.isEmpty {
            try await conn.run(
                "SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), (SELECT max(\(identity)) FROM \(table.name)))",
                logger: logger)
        }
    }
}

extension PostgresTransaction {
    /// `events` is partitioned by month with its ids kept in `event_ids` (migration 17): the
    /// rows' months are made, and their ids taken. A replaced event may move to another month,
    /// so its row is deleted first rather than updated in place.
    func willInsertPortableEvents(_ rows: [PortableRow], replace: Bool) async throws {
        var ids: [String] = []
        var received: [Instant] = []
        for row in rows {
            guard let i = row.columns.firstIndex(of: "message_id"), row.values.indices.contains(i),
                let id = row.values[i].string,
                let r = row.columns.firstIndex(of: "received_at"), row.values.indices.contains(r),
                let at = row.values[r].integer
            else { throw StoreError("a copied event has no message_id or received_at") }
            ids.append(id)
            received.append(Instant(millisecondsSinceEpoch: at))
        }
        try await ensureEventMonths(receivedAt: received)
        if replace {
            var q = PostgresQuery(unsafeSQL: "DELETE FROM events WHERE message_id = ANY($1)")
            q.binds.append(ids)
            try await execute(q)
        }
        try await takeEventIds(ids, keepingStored: replace)
    }

    func willInsert(events: [StoredEvent]) async throws {
        guard !events.isEmpty else { return }
        try await ensureEventMonths(receivedAt: events.map(\.receivedAt))
        // A repeated id fails the batch, as the primary key on message_id did before migration 17
        // (the ingestor leaves out stored ids first, under the workspace's write lock).
        try await takeEventIds(events.map(\.event.messageId), keepingStored: false)
    }

    /// Adds the ids to `event_ids`; an id already there fails the statement unless `keepingStored`.
    private func takeEventIds(_ ids: [String], keepingStored: Bool) async throws {
        var q = PostgresQuery(
            unsafeSQL: "INSERT INTO event_ids (message_id) SELECT unnest($1::text[])"
                + (keepingStored ? " ON CONFLICT DO NOTHING" : ""))
        q.binds.append(ids)
        try await execute(q)
    }
}
