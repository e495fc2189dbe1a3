import KizashiCore
import KizashiStore

/// The KPI use case shared by the CLI and the server: load what the periods need from the store,
/// compute in KizashiCore. One code path, so every output shows the same numbers.
public struct KPIService: Sendable {
    public let store: any WorkspaceStore
    public init(store: any WorkspaceStore) { self.store = store }

    public func parameters() async throws -> ScoringParameters {
        try WorkspaceSettings.parameters(from: try await store.settings())
    }

    public func report(period: KPIPeriod, tier: Tier? = nil) async throws -> KPIReport {
        let parameters = try await parameters()
        let dataset = try await store.kpiDataset(KPIDataRequirements(periods: [period], parameters: parameters))
        return KPIEngine.report(
            dataset: dataset, period: period, parameters: parameters, tier: tier, goals: try await store.goals())
    }

    /// One report per calendar month from `from` through `to` (inclusive).
    public func monthly(from: KPIPeriod, to: KPIPeriod, tier: Tier? = nil) async throws -> [KPIReport] {
        let parameters = try await parameters()
        var periods: [KPIPeriod] = []
        var m = from.start
        while m <= to.start {
            periods.append(KPIPeriod(start: m, end: m.addingMonths(1)))
            m = m.addingMonths(1)
        }
        let dataset = try await store.kpiDataset(KPIDataRequirements(periods: periods, parameters: parameters))
        let goals = try await store.goals()
        let computation = KPIComputation(dataset: dataset, parameters: parameters)
        return periods.map { computation.report(period: $0, tier: tier, goals: goals) }
    }

    /// The last full calendar quarter before `today` (the default report period).
    public static func lastFullQuarter(before today: Day) -> KPIPeriod {
        let c = today.components
        let thisQuarter = KPIPeriod.quarter(year: c.year, quarter: (c.month - 1) / 3 + 1)
        return thisQuarter.previous
    }
}
