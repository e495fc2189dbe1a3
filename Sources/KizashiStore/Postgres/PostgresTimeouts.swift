import Foundation
import Logging
import PostgresNIO

extension PostgresWorkspaceStore {
    /// Rolls back after a failure. A connection the server dropped can leave a ROLLBACK waiting
    /// forever, so it gets 5 s; then the connection is closed, the pool replaces it, and PostgreSQL
    /// has rolled the transaction back on its side anyway.
    static func rollback(_ conn: PostgresConnection, logger: Logger) async {
        do {
            try await race(.seconds(5)) { try await conn.run("ROLLBACK", logger: logger) }
        } catch {
            _ = try? await race(.seconds(2)) { try await conn.close() }
        }
    }
}

/// Runs `body`, and stops waiting for it after `limit` (without waiting for it to notice the
/// cancellation: a query on a dead connection may never notice).
func race<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await first(of: body) {
        try? await Task.sleep(for: limit)
        return Task.isCancelled ? nil : StoreError("no answer from PostgreSQL within \(limit)")
    }
}

/// Runs `body` and `stop` side by side: the result is `body`'s, unless `stop` returns an error
/// first (then `body` is cancelled and not awaited: a query on a dead connection may never notice).
/// `stop` is cancelled once `body` is done; it returns nil when it gives up.
func first<T: Sendable>(
    of body: @escaping @Sendable () async throws -> T, stop: @escaping @Sendable () async -> (any Error)?
) async throws -> T {
    let once = OnceFlag()
    let watchdog = TaskSlot()
    defer { watchdog.cancel() }
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            if once.claim() { continuation.resume(with: result) }
        }
        watchdog.set(
            Task {
                if let error = await stop(), once.claim() {
                    work.cancel()
                    continuation.resume(throwing: error)
                }
            })
    }
}

extension PostgresConnection {
    /// Runs `body` (statements on this connection), and fails with `PostgresConnectionLost` when
    /// the connection closes under it and `body` has still not finished a second later. Why: a
    /// statement in flight when the server went away (a restart) can wait for its answer forever —
    /// PostgresNIO closes the channel but, now and then, never fails the pending query; seen in
    /// the restart test, about one run in ten. The second's grace lets an answer that arrived just
    /// before the close (a COMMIT) win. The abandoned `body` is cancelled, not awaited.
    func failingWhenClosed<T: Sendable>(
        poll: Duration = .milliseconds(200), grace: Duration = .seconds(1),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await first(of: body) {
            while !Task.isCancelled {
                try? await Task.sleep(for: poll)
                guard self.isClosed else { continue }
                try? await Task.sleep(for: grace)
                return Task.isCancelled ? nil : PostgresConnectionLost()
            }
            return nil
        }
    }
}

/// Holds a task to cancel later (set once, from inside a continuation's closure).
final class TaskSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false
    func set(_ t: Task<Void, Never>) {
        let cancelNow = lock.withLock {
            task = t
            return cancelled
        }
        if cancelNow { t.cancel() }
    }
    func cancel() {
        let t = lock.withLock {
            cancelled = true
            return task
        }
        t?.cancel()
    }
}

final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false
    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}

/// Runs `body`, failing with a clear message when it takes longer than `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, what: String, _ body: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw StoreError("timed out after \(limit) \(what)")
        }
        return value
    }
}
