import KizashiCore
import KizashiStore

/// The meeting workbook's figures (issue 24 §2), gathered from the use cases that own them —
/// `KPIService` (the period, the one before, twelve months of trends), `DashboardData` (the
/// accounts page's list) and `AttributionService` — so the workbook equals `kizashi kpi`,
/// the accounts page and `kizashi attribution` for the same period.
public struct MeetingReportService: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData

    /// Months of trend, ending with the period's last month.
    public static let trendMonths = 12

    public init(store: any WorkspaceStore, data: DashboardData) {
        self.store = store
        self.data = data
    }

    /// `today` bounds the accounts sheet's day: the period's last day, or today when the period
    /// is still running.
    public func workbook(period: KPIPeriod, tier: Tier?, today: Day) async throws -> MeetingWorkbook {
        let kpis = KPIService(store: store)
        let current = try await kpis.report(period: period, tier: tier)
        let previous = try await kpis.report(period: period.previous, tier: tier)
        let last = period.lastDay.components
        let lastMonth = KPIPeriod.month(year: last.year, month: last.month)
        var first = lastMonth
        for _ in 1..<Self.trendMonths { first = first.previous }
        let monthly = try await kpis.monthly(from: first, to: lastMonth, tier: tier)
        let accounts = try await data.accountList(asOf: min(period.lastDay, today))
        let attribution = try await AttributionService(store: store).report(period: period, tier: tier)
        return MeetingWorkbook(
            current: current, previous: previous, monthly: monthly, accounts: accounts, attribution: attribution)
    }
}
