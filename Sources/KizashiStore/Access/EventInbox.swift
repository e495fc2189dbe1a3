import KizashiCore

/// One batch of validated events waiting to be applied.
public struct InboxBatch: Sendable, Equatable {
    public var id: Int64
    /// When the server took the batch (its activities keep this time).
    public var receivedAt: Instant
    /// Each event's JSON, as validated.
    public var events: [String]
}

/// Where event batches wait, durably, while a long import holds the workspace's writer: the
/// event API answers at once and nothing is lost; the batches are applied, in order, once the
/// import has committed (or rolled back).
///
/// Why a queue apart from the workspace's own tables: a write to those waits for the import's
/// transaction (SQLite has one writer; PostgreSQL writers take one advisory lock). The queue has
/// its own: a side file next to an SQLite workspace, an unlocked table on PostgreSQL.
public protocol EventInbox: Sendable {
    /// Stores the batch; durable when this returns.
    func appendToInbox(events: [String], receivedAt: Instant) async throws
    /// The oldest waiting batches, first in first out.
    func inboxBatches(limit: Int) async throws -> [InboxBatch]
    func removeFromInbox(ids: [Int64]) async throws
}
