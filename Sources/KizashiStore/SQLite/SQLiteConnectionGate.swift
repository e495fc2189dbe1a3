import KizashiCore
import Synchronization

/// Lets calls on SQLiteNIO's `reader` and `writer` finish before the store closes them, and
/// refuses calls that come after.
///
/// Why: SQLiteNIO closes a connection on its thread pool while a query on another pool thread
/// may still be preparing on it, a use after free that killed the whole process (a background
/// write, such as a token's last use, reaching a store being closed: CI, eleventh session).
final class SQLiteConnectionGate: Sendable {
    private struct State: ~Copyable {
        var closed = false
        var inFlight = 0
        var drained: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    /// Runs `body` unless the store is closing (then a `StoreError`); `close` waits for it.
    func pass<T>(_ body: () async throws -> T) async throws -> T {
        let open = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.inFlight += 1
            return true
        }
        guard open else { throw StoreError("the workspace is closed") }
        defer { leave() }
        return try await body()
    }

    private func leave() {
        let waiting = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.inFlight -= 1
            guard s.closed, s.inFlight == 0 else { return [] }
            defer { s.drained = [] }
            return s.drained
        }
        for c in waiting { c.resume() }
    }

    /// Refuses new calls, then returns once every call in flight has finished.
    func closeAndDrain() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { s -> Bool in
                s.closed = true
                if s.inFlight == 0 { return true }
                s.drained.append(c)
                return false
            }
            if idle { c.resume() }
        }
    }
}
