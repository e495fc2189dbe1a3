import KizashiCore

/// The server's cache of journey movement reports, by period and tier: computed once per change
/// of the workspace and shared by concurrent requests, which wait for one computation (as
/// `AttributionReports`). `ServerServices` forgets it on every write.
public actor JourneyReports {
    public let service: JourneyService
    private var reports: [String: Task<JourneyMovementReport, any Error>] = [:]
    private var generation = 0

    public init(service: JourneyService) { self.service = service }

    /// Forget everything: the workspace changed.
    public func invalidate() {
        generation += 1
        reports = [:]
    }

    public func movement(period: KPIPeriod, tier: Tier?) async throws -> JourneyMovementReport {
        let key = "\(period.start)|\(period.end)|\(tier?.rawValue ?? 0)"
        if let hit = reports[key] { return try await hit.value }
        let service = self.service
        let task = Task { try await service.movement(period: period, tier: tier) }
        let generation = self.generation
        reports[key] = task
        // At most a few periods and tiers are looked at; keep memory bounded all the same.
        if reports.count > 16 { reports = [key: task] }
        do { return try await task.value } catch {
            if generation == self.generation { reports[key] = nil }
            throw error
        }
    }
}
