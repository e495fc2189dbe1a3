import Foundation
import PostgresNIO

extension PostgresWorkspaceStore {
    /// How long a statement waits for the pool to hand over a connection.
    static let leaseLimit: Duration = .seconds(30)

    /// `client.withConnection`, with two bounds the pool does not give:
    /// - no connection within `leaseLimit` is a `StoreError` (the pool exhausted, or the server not
    ///   answering new connections) instead of a wait without end;
    /// - `body` runs under `failingWhenClosed`: a statement sent on a connection the server had
    ///   already closed (a pooled idle connection after `pg_terminate_backend` or a restart) fails
    ///   as `PostgresConnectionLost` instead of waiting for an answer that never comes. Seen once in
    ///   CI: a read after every connection was killed waited with no connection open at all.
    /// The abandoned lease or statement is cancelled, not awaited (see `first(of:stop:)`).
    /// `watchingClose: false` is for a caller that watches the connection itself and must tell a
    /// failure before BEGIN (safe to retry) from one after it (never replayed): `withTransaction`.
    func leased<T: Sendable>(
        _ what: String, watchingClose: Bool = true,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let handedOver = LeaseFlag()
        let limit = Self.leaseLimit
        let client = self.client
        return try await first(
            of: {
                try await client.withConnection { conn in
                    handedOver.set()
                    guard watchingClose else { return try await body(conn) }
                    return try await conn.failingWhenClosed { try await body(conn) }
                }
            },
            stop: {
                try? await Task.sleep(for: limit)
                if Task.isCancelled || handedOver.isSet { return nil }
                return StoreError("no PostgreSQL connection within \(limit) for \(what): the server does not answer")
            })
    }
}

/// Set once the pool handed over a connection (read from the lease watchdog's task).
final class LeaseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
