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
            // Only the pairs, read by the database (not the targets' whole activities).
            decisionMakers = try await store.decisionMakerDays(since...days.upperBound)
        }
        let input = JourneyInput(
            dataset: dataset, opportunities: try await store.opportunities(), decisionMakerDays: decisionMakers)
        return JourneyComputation(input: input, parameters: scoring, rules: rules)
    }

    /// docs/journeys.md §Movement for `period` (and `tier`).
    public func movement(period: KPIPeriod, tier: Tier? = nil) async throws -> JourneyMovementReport {
        try JourneyMovement.check(period)
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

extension JourneyService {
    /// Buying-group coverage of every target on `day` (issue 26 §3): contacts of the targets,
    /// and who among them was active in the score window before `day`.
    public func coverage(on day: Day) async throws -> [BuyingGroupCoverage] {
        let settings = try await store.settings()
        let scoring = try WorkspaceSettings.parameters(from: settings)
        let targets = try await store.targets()
        let contacts = try await contacts(of: targets)
        let since = day - (max(scoring.windowDays, 1) - 1)
        return BuyingGroupCoverage.compute(
            day: day, targets: targets, contacts: contacts, activities: try await store.recentActivities(since: since),
            rules: BuyingGroupRules(settings: settings), windowDays: scoring.windowDays)
    }

    /// The contacts of every company that is (or was) on the target list, read in pages.
    func contacts(of targets: [TargetMembership]) async throws -> [Contact] {
        let targeted = Set(targets.map(\.companyId))
        var contacts: [Contact] = []
        var after: String?
        while true {
            let page = try await store.contacts(after: after, limit: 5000)
            contacts += page.filter { targeted.contains($0.companyId) }
            guard let last = page.last, page.count == 5000 else { break }
            after = last.id
        }
        return contacts
    }

    /// One account's buying-group coverage on `day`, or nil when it is not a target that day.
    public func coverage(companyId: String, on day: Day) async throws -> BuyingGroupCoverage? {
        let settings = try await store.settings()
        let scoring = try WorkspaceSettings.parameters(from: settings)
        var row: TargetMembership?
        for t in try await store.targets() where t.companyId == companyId && t.isActive(on: day) {
            if row == nil || t.addedOn > row!.addedOn { row = t }
        }
        guard let row else { return nil }
        let window = (day - (max(scoring.windowDays, 1) - 1))...day
        let engaged = Set(try await store.contactActivityCounts(companyId: companyId, days: window).keys)
        return BuyingGroupCoverage.account(
            companyId: companyId, tier: row.tier, contacts: try await store.contacts(companyId: companyId),
            engaged: engaged, rules: BuyingGroupRules(settings: settings))
    }
}
