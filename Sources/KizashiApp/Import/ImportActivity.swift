/// Which imports are running in this server right now. The event API asks it: while one runs (and
/// while the batches that waited are applied after it), a batch waits in the event inbox instead
/// of waiting for the import's transaction.
public actor ImportActivity {
    private var running = 0
    private var applyingInbox = 0

    public init() {}

    public var isRunning: Bool { running > 0 }

    /// Whether a new event batch goes to the event inbox: an import runs, or the batches that
    /// waited for one are being applied. Why the second: a batch applied at once then would
    /// overtake the older ones and wait for the writer behind them (measured: 3–6 s answers on
    /// PostgreSQL while the inbox of a medium import was applied, `bench/events-during-import`).
    public var holdsEvents: Bool { running > 0 || applyingInbox > 0 }

    /// Runs `work`, the application of the waiting batches, with new batches held meanwhile.
    public func whileApplyingInbox<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        applyingInbox += 1
        defer { applyingInbox -= 1 }
        return try await work()
    }

    /// Runs `work` counted as a running import (also when it throws or is cancelled).
    public func during<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        running += 1
        defer { running -= 1 }
        return try await work()
    }
}
