import KizashiCore
import KizashiStore

/// The propensity history of a workspace: `kizashi backtest` and the approach-now list's daily
/// choice of ranking read the same data through here, so the window the models learn from is
/// stated once.
public struct BacktestService: Sendable {
    public let store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// Days of sample days the models train and validate on before an as-of day; plus a margin
    /// that covers the features' own look-back (the 90-day engagement window of kpis.md and the
    /// 70 days the 7/30-day changes and intent baselines reach further back).
    public static let trainingDays = 270
    public static let featureLookBackDays = 70
    /// Horizon of the label, days: a new opportunity within this many days of the sample day.
    public static let horizon = 30
    /// The list length a BDR works: the choice maximises precision at this k.
    public static let listLength = 25

    /// The first day whose data the choice as of `asOf` reads.
    public static func firstDay(asOf: Day, horizon: Int) -> Day {
        asOf - horizon - trainingDays - featureLookBackDays
    }

    /// The history from `start` through `end` as one computation, with who was active (the
    /// buying-committee features). Opportunities still open that began before `start` are
    /// added, so "in an open deal" is known on every sample day.
    func history(from start: Day, through end: Day, parameters: ScoringParameters) async throws -> (
        KPIComputation, CommitteeActivity
    ) {
        // Three independent reads, at once: the committee's scan of the activity table runs on
        // the other reader while the dataset loads.
        async let read = store.kpiDataset(
            KPIDataRequirements(
                periods: [KPIPeriod(start: start, end: end + 1)], parameters: parameters, includePrevious: false))
        async let open = store.openOpportunities()
        async let people = store.committeeActivity(since: start)
        var dataset = try await read
        let known = Set(dataset.opportunities.map(\.id))
        dataset.opportunities += try await open.filter { !known.contains($0.id) }
        let committee = try await people
        return (KPIComputation(dataset: dataset, parameters: parameters), committee)
    }

    /// For each as-of day: the choice made with the days before it, every candidate measured on
    /// the test days from it (to the next as-of day, or `dataEnd`), and all of them pooled.
    public func run(
        asOfDays: [Day], horizon: Int, dataEnd: Day, parameters: ScoringParameters, k: Int = listLength,
        testStep: Int = 7
    ) async throws -> BacktestResult {
        let first = asOfDays.min() ?? dataEnd
        let (c, committee) = try await history(
            from: Self.firstDay(asOf: first, horizon: horizon), through: dataEnd, parameters: parameters)
        return PropensityBacktest.run(
            computation: c, committee: committee, asOfDays: asOfDays, horizon: horizon, dataEnd: dataEnd,
            trainDays: Self.trainingDays, testStep: testStep, k: k)
    }

    /// The choice of ranking for the list of `day` (validated on days strictly before it) and
    /// every target's features on `day`.
    public func choose(asOf day: Day, parameters: ScoringParameters, k: Int = listLength) async throws -> (
        choice: CandidateChoice, features: [PropensityFeatures]
    ) {
        let (c, committee) = try await history(
            from: Self.firstDay(asOf: day, horizon: Self.horizon), through: day, parameters: parameters)
        let samples = c.propensitySamples(
            days: PropensityBacktest.trainingDays(asOf: day, horizon: Self.horizon, trainDays: Self.trainingDays),
            horizon: Self.horizon, committee: committee)
        let choice = CandidateSelection.select(samples: samples, asOf: day, horizon: Self.horizon, k: k)
        return (choice, c.propensityFeatures(on: day, committee: committee))
    }

    /// Every target's features on `day`, read from the same look-back margin the training gives
    /// each sample day, so a stored ranking sees the features it was trained on — without the
    /// year of history the training reads.
    public func features(on day: Day, parameters: ScoringParameters) async throws -> [PropensityFeatures] {
        let (c, committee) = try await history(
            from: day - Self.featureLookBackDays, through: day, parameters: parameters)
        return c.propensityFeatures(on: day, committee: committee)
    }

    /// Issue 20 §2: the candidate features added one at a time, judged on the validation days
    /// before each as-of day.
    public func featureStudy(asOfDays: [Day], parameters: ScoringParameters, k: Int = listLength) async throws
        -> [FeatureStudyStep]
    {
        guard let first = asOfDays.min(), let last = asOfDays.max() else { return [] }
        let (c, committee) = try await history(
            from: Self.firstDay(asOf: first, horizon: Self.horizon), through: last, parameters: parameters)
        let days = asOfDays.sorted().map { asOf in
            (
                asOf,
                c.propensitySamples(
                    days: PropensityBacktest.trainingDays(
                        asOf: asOf, horizon: Self.horizon, trainDays: Self.trainingDays),
                    horizon: Self.horizon, committee: committee)
            )
        }
        return FeatureStudy.run(days: days, horizon: Self.horizon, k: k)
    }
}
