import KizashiCore
import KizashiStore

/// The review use case (issue 24 §1), shared by `kizashi digest` and `GET /api/v1/digest`: it
/// only gathers what the other use cases answer — `KPIService` for the period and the one
/// before it, `DashboardData.approachNowList` (the ranking `kizashi now` uses) and
/// `AttributionService`, the initiative log and the accounts page's lists (`DigestSignals`) — so the digest can never disagree with them.
public struct DigestService: Sendable {
    public let store: any WorkspaceStore
    public let data: DashboardData

    /// How many accounts of the approach-now list the review names.
    public static let approachLimit = 10
    /// How many campaigns it names at each end of pipeline per cost.
    public static let campaignCount = 3

    public init(store: any WorkspaceStore, data: DashboardData) {
        self.store = store
        self.data = data
    }

    /// The review; with `owner`, an account owner's own review (issue 27 §3): the approach-now list
    /// and the signals keep only `accounts` (the owner's), ranked as in the team's review.
    ///
    /// With `segment` (a saved segment's name), the review of that segment's members on `asOf`
    /// (issue 26 §4), filtered the same way; an unknown name is `SegmentService.Refusal.unknown`.
    public func digest(
        period: KPIPeriod, asOf: Day, tier: Tier?, owner: (name: String, accounts: Set<String>)? = nil,
        segment: String? = nil
    ) async throws -> Digest {
        var only = owner?.accounts
        if let segment {
            let members = Set(
                try await SegmentService(store: store, data: data).evaluate(name: segment, on: asOf).members.map(
                    \.companyId))
            only = only.map { $0.intersection(members) } ?? members
        }
        let kpis = KPIService(store: store)
        let current = try await kpis.report(period: period, tier: tier)
        let previous = try await kpis.report(period: period.previous, tier: tier)
        var list = try await data.approachNowList(
            asOf: asOf, tier: tier, limit: only == nil ? Self.approachLimit : nil)
        if let only {
            // The whole ranking filtered, then cut: an owner's tenth account may rank 200th overall.
            list.entries = Array(list.entries.filter { only.contains($0.account.companyId) }.prefix(Self.approachLimit))
            list.inDeal = list.inDeal.filter { only.contains($0.account.companyId) }
        }
        let attribution = try await AttributionService(store: store).report(period: period, tier: tier)
        let initiatives = Digest.initiatives(try await store.initiatives(), period: period, tier: tier)
        // The accounts page's lists on the signals' day and the day before the period (cached by DashboardData).
        let day = DigestSignals.day(period: period, asOf: asOf)
        let signals = DigestSignals(
            now: try await data.accountList(asOf: day),
            before: try await data.accountList(asOf: DigestSignals.since(period: period, day: day)),
            tier: tier, parameters: current.parameters, only: only)
        var digest = Digest(
            period: period, asOf: asOf, tier: tier, current: current, previous: previous, approachNow: list,
            campaigns: CampaignEfficiency(attribution, count: Self.campaignCount), initiatives: initiatives,
            signals: signals)
        digest.owner = owner?.name
        digest.segment = segment
        return digest
    }
}
