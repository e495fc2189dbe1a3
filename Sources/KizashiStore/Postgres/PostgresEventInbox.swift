import KizashiCore

/// The event inbox of a PostgreSQL workspace: a table written without the write lock.
extension PostgresWorkspaceStore {
    public func appendToInbox(events: [String], receivedAt: Instant) async throws {
        _ = try await write(EventInboxRows.append(events: events, receivedAt: receivedAt))
    }

    public func inboxBatches(limit: Int) async throws -> [InboxBatch] {
        try await read(EventInboxRows.batches(limit: limit)).map(EventInboxRows.batch)
    }

    public func removeFromInbox(ids: [Int64]) async throws {
        for chunk in ids.chunked(900) { _ = try await write(EventInboxRows.remove(ids: chunk)) }
    }
}
