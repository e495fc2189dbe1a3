import KizashiCore

/// The event inbox of a PostgreSQL workspace: a table written without the write lock.
extension PostgresWorkspaceStore: EventInbox {
    public func appendToInbox(events: [String], receivedAt: Instant) async throws {
        let text = JSONValue.array(events.map { .string($0) }).serialized()
        try await run(
            "INSERT INTO event_inbox (received_at, events) VALUES ($1, $2)", [.instant(receivedAt), .text(text)])
    }

    public func inboxBatches(limit: Int) async throws -> [InboxBatch] {
        try await rows("SELECT * FROM event_inbox ORDER BY batch_id LIMIT $1", [.integer(limit)]).map { r in
            try InboxBatch.decode(
                id: r.int("batch_id"), receivedAt: r.column("received_at")?.instantValue, events: r.text("events"))
        }
    }

    public func removeFromInbox(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await run(
            "DELETE FROM event_inbox WHERE batch_id IN (\(ids.map(String.init).joined(separator: ",")))")
    }
}
