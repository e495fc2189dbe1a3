import KizashiCore
import KizashiStore

/// The attribution use case shared by the CLI and the server (issue 21): read what a period
/// needs from an `AttributionSource`, compute in KizashiCore (`AttributionEngine`). One code
/// path, so `kizashi attribution`, the API and the page show the same numbers.
public struct AttributionService: Sendable {
    public let source: any AttributionSource

    public init(source: any AttributionSource) { self.source = source }

    /// Over a workspace store.
    public init(store: any WorkspaceStore) {
        self.init(source: StoreAttributionSource(store: store))
    }

    /// The settings a report uses: scoring parameters (time zone, currency) and attribution's.
    public func parameters() async throws -> (scoring: ScoringParameters, attribution: AttributionParameters) {
        let settings = try await source.settings()
        return (try WorkspaceSettings.parameters(from: settings), AttributionParameters(settings: settings))
    }

    /// attribution.md for `period` (and `tier`): reads the opportunities, then only the
    /// activities of the days they and the period can use (`AttributionInput.touchDays`).
    public func report(period: KPIPeriod, tier: Tier? = nil) async throws -> AttributionReport {
        let (scoring, p) = try await parameters()
        let opportunities = try await source.opportunities(relevantTo: period)
        let days = AttributionInput.touchDays(
            period: period, opportunities: opportunities, lookbackDays: p.lookbackDays)
        let activities = try await source.touchActivities(days: days, types: p.touchTypes)
        return AttributionEngine.report(
            AttributionInput(
                period: period, tier: tier, parameters: p, timeZone: scoring.timeZone,
                campaigns: try await source.campaigns(), opportunities: opportunities,
                targets: try await source.targets(), activities: activities))
    }

    /// Activities read for an account's journey: enough for years of a busy account.
    public static let journeyActivityLimit = 20_000

    /// One account's journeys under `model`; `markov` credits use the removal effects of
    /// `report` (the period the page shows), as the report's own won deals of earlier periods do.
    public func journey(companyId: String, model: AttributionModel, report: AttributionReport?) async throws
        -> AccountJourney
    {
        let (scoring, p) = try await parameters()
        var effects: [String: Double?] = [:]
        if let report { for (c, re) in zip(report.channels, report.removalEffects) { effects[c.key] = re } }
        return AccountJourney(
            opportunities: try await source.opportunities(companyId: companyId),
            activities: try await source.accountActivities(companyId: companyId, limit: Self.journeyActivityLimit),
            campaigns: try await source.campaigns(), parameters: p, timeZone: scoring.timeZone, model: model,
            removalEffects: effects)
    }
}
