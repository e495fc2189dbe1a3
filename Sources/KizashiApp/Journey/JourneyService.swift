import KizashiCore
import KizashiStore

/// The journey use case shared by the CLI and the server (issue 26): read the KPIs' inputs for
/// the days asked about (plus the longest rule window before them), every opportunity and the
/// decision makers' activity days, then compute in KizashiCore (`JourneyComputation`). One code
/// path, so `kizashi journey`, the API and the pages show the same stages on either backend.
public struct JourneyService: Sendable {
    public let store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// The settings the stages use: the scoring parameters and the `journey.*` rules.
    public func parameters() async throws -> (scoring: ScoringParameters, rules: JourneyRules) {
        let settings = try await store.settings()
        let scoring = try WorkspaceSettings.parameters(from: settings)
        return (scoring, JourneyRules(settings: settings, parameters: scoring))
    }

    /// A computation able to place accounts on every day of `days`.
    public func computation(days: ClosedRange<Day>) async throws -> JourneyComputation {
        let (scoring, rules) = try await parameters()
        let requirements = JourneyInput.requirements(days: days, rules: rules, parameters: scoring)
        let dataset = try await store.kpiDataset(requirements)
        var decisionMakers: [(companyId: String, day: Day)] = []
        if rules.qualifiedSignals.contains(.decisionMaker) {
            let since = JourneyInput.firstDayRead(for: days.lowerBound, rules: rules, parameters: scoring)
            decisionMakers = JourneyInput.decisionMakerDays(try await store.recentActivities(since: since))
        }
        let input = JourneyInput(
            dataset: dataset, opportunities: try await store.opportunities(), decisionMakerDays: decisionMakers)
        return JourneyComputation(input: input, parameters: scoring, rules: rules)
    }

    /// docs/journeys.md §Movement for `period` (and `tier`).
    public func movement(period: KPIPeriod, tier: Tier? = nil) async throws -> JourneyMovementReport {
        let c = try await computation(days: JourneyMovement.days(of: period))
        return JourneyMovement.report(c, period: period, tier: tier)
    }

    /// Every target account's stage on `day` (company ID, tier, stage), ordered by company ID.
    public func stages(on day: Day) async throws -> [AccountStage] {
        let c = try await computation(days: day...day)
        return AccountStage.list(c, on: day)
    }

    /// One account's stage changes over `days` (the first day, then each change).
    public func history(companyId: String, days: ClosedRange<Day>) async throws -> [(day: Day, stage: JourneyStage?)] {
        try await computation(days: days).history(companyId: companyId, days: days)
    }
}
