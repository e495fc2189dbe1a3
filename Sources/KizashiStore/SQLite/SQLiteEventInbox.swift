import Foundation
import KizashiCore
import SQLiteNIO

/// The event inbox of an SQLite workspace: a small database file of its own next to the
/// workspace (`kizashi.sqlite-inbox`), so appending never waits for the workspace's writer.
final class SQLiteInboxFile: @unchecked Sendable {
    private let path: String
    private let lock = AsyncSerialLock()
    private var connection: SQLiteConnection?

    init(workspacePath: String) { path = workspacePath + "-inbox" }

    /// The connection, opened (and the file created, 0600) on first use.
    func withConnection<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        await lock.acquire()
        do {
            let result = try await locked(body)
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }

    private func locked<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        do {
            if connection == nil {
                let fresh = !FileManager.default.fileExists(atPath: path)
                let c = try await SQLiteConnection.open(storage: .file(path: path))
                for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=10000"] {
                    _ = try await c.query(pragma)
                }
                _ = try await c.query(
                    """
                    CREATE TABLE IF NOT EXISTS event_inbox (
                        batch_id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, events TEXT NOT NULL
                    )
                    """)
                if fresh {
                    // The waiting events hold visitors' data: never left readable by others.
                    do {
                        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                    } catch {
                        try? await c.close()
                        throw StoreError(
                            "cannot make the event inbox \(path) readable by its owner only (0600): \(error)")
                    }
                }
                connection = c
            }
            return try await body(connection!)
        }
    }

    func close() async {
        await lock.acquire()
        try? await connection?.close()
        connection = nil
        await lock.release()
    }
}

extension SQLiteWorkspaceStore {
    public func appendToInbox(events: [String], receivedAt: Instant) async throws {
        _ = try await inbox.withConnection { c in
            try await c.records(EventInboxRows.append(events: events, receivedAt: receivedAt))
        }
    }

    public func inboxBatches(limit: Int) async throws -> [InboxBatch] {
        // No inbox file yet: nothing ever waited.
        guard FileManager.default.fileExists(atPath: path + "-inbox") else { return [] }
        return try await inbox.withConnection { c in
            try await c.records(EventInboxRows.batches(limit: limit)).map(EventInboxRows.batch)
        }
    }

    public func removeFromInbox(ids: [Int64]) async throws {
        try await inbox.withConnection { c in
            for chunk in ids.chunked(900) { _ = try await c.records(EventInboxRows.remove(ids: chunk)) }
        }
    }
}
