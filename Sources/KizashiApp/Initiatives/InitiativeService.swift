import KizashiCore
import KizashiStore

/// The initiative log (施策ログ, issue 24 §3): what was done when, for both shells.
public struct InitiativeService: Sendable {
    public let store: any WorkspaceStore
    let now: @Sendable () -> Instant

    public init(store: any WorkspaceStore, now: @escaping @Sendable () -> Instant = WorkspaceClock.now) {
        self.store = store
        self.now = now
    }

    /// Parses the shells' text: the day, a bounded title, an optional campaign reference and tier.
    public func add(on: String, title: String, campaign: String?, tier: Int?) async throws -> Initiative {
        let day = try ExperimentInput.day(on, field: "on")
        let t = try ExperimentInput.initiativeTitle(title)
        let c = try campaign.map(ExperimentInput.campaignId)
        var k: Tier?
        if let tier {
            guard let known = Tier(rawValue: tier) else {
                throw ExperimentInput.Problem(field: "tier", reason: "must be 1, 2 or 3")
            }
            k = known
        }
        return try await store.addInitiative(Initiative(on: day, title: t, campaignId: c, tier: k, createdAt: now()))
    }

    public func list() async throws -> [Initiative] { try await store.initiatives() }

    /// False when no initiative has that number.
    public func remove(id: Int64) async throws -> Bool { try await store.removeInitiative(id: id) }

    /// The review note of a period and tier (nil tier = all tiers).
    public func review(period: KPIPeriod, tier: Tier?) async throws -> PeriodReview? {
        try await store.periodReview(period, tier: tier)
    }

    /// Saves the note (checked and bounded by `PeriodReview.note`); an empty note removes it.
    public func setReview(period: KPIPeriod, tier: Tier?, note: String) async throws -> PeriodReview {
        let r = PeriodReview(period: period, tier: tier, note: try PeriodReview.note(note), updatedAt: now())
        try await store.setPeriodReview(r)
        return r
    }
}
