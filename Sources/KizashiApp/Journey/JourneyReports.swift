import KizashiCore

/// The server's cache of journey movement reports, by period and tier: computed once per change
/// of the workspace and shared by concurrent requests, which wait for one computation (as
/// `AttributionReports`). `ServerServices` forgets it on every write.
public actor JourneyReports {
    public let service: JourneyService
    private var reports: [String: Task<JourneyMovementReport, any Error>] = [:]
    private var generation = 0
    /// Computations for account histories, by their days (one per day the pages are viewed on).
    private var computations: [String: Task<JourneyComputation, any Error>] = [:]

    public init(service: JourneyService) { self.service = service }

    /// Forget everything: the workspace changed.
    public func invalidate() {
        generation += 1
        reports = [:]
        computations = [:]
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

    /// One account's stage changes over `days`: the first account page of a workspace version
    /// loads a computation for those days, the next pages reuse it.
    public func history(companyId: String, days: ClosedRange<Day>) async throws -> [(day: Day, stage: JourneyStage?)] {
        let key = "\(days.lowerBound)|\(days.upperBound)"
        let task: Task<JourneyComputation, any Error>
        if let hit = computations[key] {
            task = hit
        } else {
            let service = self.service
            task = Task { try await service.computation(days: days) }
            if computations.count >= 2 { computations = [:] }
            computations[key] = task
        }
        let generation = self.generation
        do { return try await task.value.history(companyId: companyId, days: days) } catch {
            if generation == self.generation { computations[key] = nil }
            throw error
        }
    }
}
