import KizashiCore
import KizashiStore

/// Runs the propensity backtest on a workspace's history: the CLI's `kizashi backtest` and the
/// approach-now list's daily check read the same data through here, so the window the model
/// learns from is stated once.
public struct BacktestService: Sendable {
    public let store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// Days of sample days the model trains on before the test days begin; plus a margin that
    /// covers the features' own look-back (the 90-day engagement window of kpis.md and the 70
    /// days the 7/30-day changes and intent baselines reach further back).
    public static let trainingDays = 270
    public static let featureLookBackDays = 70

    /// The first day whose data the backtest of `asOf` reads.
    public static func firstDay(asOf: Day, horizon: Int) -> Day {
        asOf - horizon - trainingDays - featureLookBackDays
    }

    /// Trains before `asOf`, tests from `asOf` to `dataEnd` (labels: an opportunity created within
    /// `horizon` days).
    public func run(asOf: Day, horizon: Int, dataEnd: Day, parameters: ScoringParameters) async throws
        -> BacktestResult
    {
        let start = Self.firstDay(asOf: asOf, horizon: horizon)
        let dataset = try await store.kpiDataset(
            KPIDataRequirements(
                periods: [KPIPeriod(start: start, end: dataEnd + 1)], parameters: parameters, includePrevious: false))
        // Who was active, with roles: the buying-committee features.
        let committee = CommitteeActivity(try await store.recentActivities(since: start))
        return PropensityBacktest.run(
            computation: KPIComputation(dataset: dataset, parameters: parameters), committee: committee, asOf: asOf,
            horizon: horizon, dataEnd: dataEnd)
    }
}
