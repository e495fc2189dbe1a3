import KizashiCore

/// The server's cache of attribution reports, by period and tier: computed once per change of
/// the workspace (the page answers from memory afterwards) and shared by concurrent requests,
/// which wait for one computation. `ServerServices` forgets it on every write.
public actor AttributionReports {
    public let service: AttributionService
    private let reports = ReportTaskCache<AttributionReport>()

    public init(service: AttributionService) { self.service = service }

    /// Forget everything: the workspace changed.
    public func invalidate() { reports.invalidate() }

    public func report(period: KPIPeriod, tier: Tier?) async throws -> AttributionReport {
        let service = self.service
        return try await reports.value(period: period, tier: tier) {
            try await service.report(period: period, tier: tier)
        }
    }
}
