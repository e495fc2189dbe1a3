import KizashiCore

/// The server's cache of journey movement reports, by period and tier: computed once per change
/// of the workspace and shared by concurrent requests, which wait for one computation (as
/// `AttributionReports`). `ServerServices` forgets it on every write.
public actor JourneyReports {
    public let service: JourneyService
    private let reports = ReportTaskCache<JourneyMovementReport>()
    /// Computations for account histories, by their days (one per day the pages are viewed on).
    private let computations = ReportTaskCache<JourneyComputation>(limit: 2)

    public init(service: JourneyService) { self.service = service }

    /// Forget everything: the workspace changed.
    public func invalidate() {
        reports.invalidate()
        computations.invalidate()
    }

    public func movement(period: KPIPeriod, tier: Tier?) async throws -> JourneyMovementReport {
        let service = self.service
        return try await reports.value(period: period, tier: tier) {
            try await service.movement(period: period, tier: tier)
        }
    }

    /// One account's stage changes over `days`: the first account page of a workspace version
    /// loads a computation for those days, the next pages reuse it.
    public func history(companyId: String, days: ClosedRange<Day>) async throws -> [(day: Day, stage: JourneyStage?)] {
        let key = "\(days.lowerBound)|\(days.upperBound)"
        let service = self.service
        return try await computations.value(key) { try await service.computation(days: days) }
            .history(companyId: companyId, days: days)
    }
}
