import KizashiCore

/// Reports computed once per workspace version and shared by concurrent requests, which wait
/// for one computation; a failed one is forgotten so the next request retries. Bounded: a page
/// looks at a few periods and tiers, so past `limit` entries the cache starts over. The caller
/// (an actor) owns it, calls it on its own executor, and calls `invalidate` when the workspace
/// changes.
final class ReportTaskCache<Value: Sendable> {
    private var tasks: [String: Task<Value, any Error>] = [:]
    private var generation = 0
    let limit: Int

    init(limit: Int = 16) { self.limit = limit }

    /// The key of a report by period and tier.
    static func key(_ period: KPIPeriod, _ tier: Tier?) -> String {
        "\(period.start)|\(period.end)|\(tier?.rawValue ?? 0)"
    }

    func invalidate() {
        generation += 1
        tasks = [:]
    }

    /// The report of `period` and `tier` (see `value(_:_:)`).
    nonisolated(nonsending) func value(
        period: KPIPeriod, tier: Tier?, _ compute: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await value(Self.key(period, tier), compute)
    }

    /// The value of the running or finished computation for `key`, else of a new one running
    /// `compute`. A failure is forgotten, unless the cache has been emptied since it started.
    nonisolated(nonsending) func value(_ key: String, _ compute: @escaping @Sendable () async throws -> Value)
        async throws -> Value
    {
        let started = generation
        let task: Task<Value, any Error>
        if let hit = tasks[key] {
            task = hit
        } else {
            task = Task { try await compute() }
            if tasks.count >= limit { tasks = [:] }
            tasks[key] = task
        }
        do { return try await task.value } catch {
            if started == generation { tasks[key] = nil }
            throw error
        }
    }
}
