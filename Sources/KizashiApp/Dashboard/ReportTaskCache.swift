/// Reports computed once per workspace version and shared by concurrent requests, which wait
/// for one computation; a failed one is forgotten so the next request retries. Bounded: a page
/// looks at a few periods and tiers, so past `limit` entries the cache starts over. The caller
/// (an actor) owns it and calls `invalidate` when the workspace changes.
struct ReportTaskCache<Value: Sendable> {
    private var tasks: [String: Task<Value, any Error>] = [:]
    private var generation = 0
    let limit: Int

    init(limit: Int = 16) { self.limit = limit }

    mutating func invalidate() {
        generation += 1
        tasks = [:]
    }

    /// The running or finished task for `key`, else a new one running `compute`.
    mutating func task(_ key: String, _ compute: @escaping @Sendable () async throws -> Value) -> (
        Task<Value, any Error>, generation: Int
    ) {
        if let hit = tasks[key] { return (hit, generation) }
        let task = Task { try await compute() }
        if tasks.count >= limit { tasks = [:] }
        tasks[key] = task
        return (task, generation)
    }

    /// Forgets a failed task, unless the cache has been emptied since it started.
    mutating func failed(_ key: String, generation: Int) {
        if generation == self.generation { tasks[key] = nil }
    }
}
