/// Which imports are running in this server right now. The event API asks it: while one runs, a
/// batch waits in the event inbox instead of waiting for the import's transaction.
public actor ImportActivity {
    private var running = 0

    public init() {}

    public var isRunning: Bool { running > 0 }

    /// Runs `work` counted as a running import (also when it throws or is cancelled).
    public func during<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        running += 1
        defer { running -= 1 }
        return try await work()
    }
}
