/// Which imports are running in this server right now. The event API asks it: while one runs (and
/// while the batches that waited are applied after it), a batch waits in the event inbox instead
/// of waiting for the import's transaction.
public actor ImportActivity {
    /// The two counters, in a struct so that one helper can count either through a key path
    /// (a key path to an actor's own stored property cannot be formed).
    private struct Counts {
        var running = 0
        var applyingInbox = 0
    }
    /// Batches waited in the inbox when an import ended: held until it has been applied.
    private var inboxWaiting = false
    private var counts = Counts()

    public init() {}

    public var isRunning: Bool { counts.running > 0 }

    /// Whether a new event batch goes to the event inbox: an import runs, or the batches that
    /// waited for one are being applied. Why the second: a batch applied at once then would
    /// overtake the older ones and wait for the writer behind them (measured: 3–6 s answers on
    /// PostgreSQL while the inbox of a medium import was applied, `bench/events-during-import`).
    /// And from an import's end until the inbox it left is being applied: a batch applied in that
    /// moment waited for the writer behind the first waiting batches (2.3–2.9 s answers after a
    /// large import on PostgreSQL).
    public var holdsEvents: Bool { counts.running > 0 || counts.applyingInbox > 0 || inboxWaiting }

    /// Call before an import ends (inside `during`) when batches wait in the inbox.
    public func holdUntilInboxApplied() { inboxWaiting = true }

    /// The inbox was found empty: batches are applied at once again.
    public func inboxApplied() { inboxWaiting = false }

    /// Runs `work`, the application of the waiting batches, with new batches held meanwhile.
    public func whileApplyingInbox<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await counted(\.applyingInbox, work)
    }

    /// Runs `work` counted as a running import (also when it throws or is cancelled).
    public func during<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await counted(\.running, work)
    }

    /// Runs `work` with `counter` raised by one, lowered again however `work` ends.
    private func counted<T: Sendable>(
        _ counter: WritableKeyPath<Counts, Int>, _ work: @Sendable () async throws -> T
    ) async throws -> T {
        counts[keyPath: counter] += 1
        defer { counts[keyPath: counter] -= 1 }
        return try await work()
    }
}
