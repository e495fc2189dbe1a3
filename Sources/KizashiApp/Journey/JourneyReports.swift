import KizashiCore

/// The server's cache of journey movement reports, by period and tier: computed once per change
/// of the workspace and shared by concurrent requests, which wait for one computation (as
/// `AttributionReports`). `ServerServices` forgets it on every write.
public actor JourneyReports {
    public let service: JourneyService
    private var reports = ReportTaskCache<JourneyMovementReport>()
    /// Computations for account histories, by their days (one per day the pages are viewed on).
    private var computations = ReportTaskCache<JourneyComputation>(limit: 2)

    public init(service: JourneyService) { self.service = service }

    /// Forget everything: the workspace changed.
    public func invalidate() {
        reports.invalidate()
        computations.invalidate()
    }

    public func movement(period: KPIPeriod, tier: Tier?) async throws -> JourneyMovementReport {
        let key = "\(period.start)|\(period.end)|\(tier?.rawValue ?? 0)"
        let service = self.service
        let (task, generation) = reports.task(key) { try await service.movement(period: period, tier: tier) }
        do { return try await task.value } catch {
            reports.failed(key, generation: generation)
            throw error
        }
    }

    /// One account's stage changes over `days`: the first account page of a workspace version
    /// loads a computation for those days, the next pages reuse it.
    public func history(companyId: String, days: ClosedRange<Day>) async throws -> [(day: Day, stage: JourneyStage?)] {
        let key = "\(days.lowerBound)|\(days.upperBound)"
        let service = self.service
        let (task, generation) = computations.task(key) { try await service.computation(days: days) }
        do { return try await task.value.history(companyId: companyId, days: days) } catch {
            computations.failed(key, generation: generation)
            throw error
        }
    }
}
