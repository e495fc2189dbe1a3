import KizashiCore

/// One CRM write-back run at a time per provider in this process (issue 27 §1).
///
/// Why: a run started from Settings or the API while the schedule's run for the same CRM was
/// sending would read the same "values not yet accepted" and send them twice — harmless for the
/// CRM's data, but it spends the daily API limit the runs are careful with. A run that asks while
/// another runs is refused with who started the other and when (`CRMSyncBusy`, a 409 over
/// HTTP); the schedule waits its turn instead, since its slot must still run.
public actor CRMSyncGate {
    public static let shared = CRMSyncGate()

    public struct Running: Sendable, Equatable {
        public var startedBy: String
        public var since: Instant
        public init(startedBy: String, since: Instant) {
            self.startedBy = startedBy
            self.since = since
        }
    }

    private var running: [String: Running] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// The run of `provider` in progress, if any.
    public func current(_ provider: String) -> Running? { running[provider] }

    /// Runs `body` as the only run of `provider`. With `wait`, queues behind a run in progress;
    /// without, refuses at once.
    public func exclusive<T: Sendable>(
        _ provider: String, by who: String, at now: Instant, wait: Bool,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        while let other = running[provider] {
            guard wait else {
                let seconds = max(0, (now.millisecondsSinceEpoch &- other.since.millisecondsSinceEpoch) / 1000)
                throw CRMSyncBusy(provider: provider, startedBy: other.startedBy, secondsAgo: seconds)
            }
            await withCheckedContinuation { waiting[provider, default: []].append($0) }
        }
        running[provider] = Running(startedBy: who, since: now)
        defer {
            running[provider] = nil
            if var queue = waiting[provider], !queue.isEmpty {
                queue.removeFirst().resume()
                waiting[provider] = queue.isEmpty ? nil : queue
            }
        }
        return try await body()
    }
}

/// A CRM run refused because another run of the same CRM is in progress.
public struct CRMSyncBusy: Error, CustomStringConvertible, Sendable, Equatable {
    public var provider: String
    public var startedBy: String
    public var secondsAgo: Int64
    public init(provider: String, startedBy: String, secondsAgo: Int64) {
        self.provider = provider
        self.startedBy = startedBy
        self.secondsAgo = secondsAgo
    }
    public var description: String {
        "a \(provider) sync is already running (started by \(startedBy) \(secondsAgo) s ago); try again when it has finished"
    }
}

extension CRMWriteBack {
    /// `run`, as the only run of this CRM in this process (`CRMSyncGate`); `who` is named to a
    /// run refused meanwhile. A dry run sends nothing and is never held.
    public func exclusiveRun(
        _ options: HubSpotSyncService.Options, by who: String, wait: Bool, gate: CRMSyncGate = .shared
    ) async throws -> CRMSyncReport {
        if options.dryRun { return try await run(options) }
        return try await gate.exclusive(provider, by: who, at: now(), wait: wait) { try await run(options) }
    }
}
