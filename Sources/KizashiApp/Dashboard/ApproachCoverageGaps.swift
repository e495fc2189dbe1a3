import KizashiCore
import KizashiStore

extension DashboardData {
    /// Each listed account's buying-group gaps on `day` (issue 26 §3: "no one from 情報システム部
    /// engaged yet" on the approach-now list), as the account page computes them
    /// (`BuyingGroupCoverage.account`). Only the listed entries are read — their contacts, and
    /// which of them were active in the score window — so the list stays as fast as before for
    /// the rest of the workspace.
    func withCoverageGaps(_ list: RankedApproachList, day: Day) async throws -> RankedApproachList {
        let rules = BuyingGroupRules(settings: try await store.settings())
        let (p, _) = try await parametersAndGoals()
        let window = (day - (max(p.windowDays, 1) - 1))...day
        let accounts = (list.entries + list.inDeal).map { ($0.account.companyId, $0.account.tier) }
        // Two reads for the whole list (its accounts' contacts, and which of them were active):
        // one a company cost two round trips each on PostgreSQL, about 50 ms of `/now` at medium
        // after every event batch (issue 23).
        async let engaged = store.contactActivityCounts(companyIds: accounts.map(\.0), days: window)
        let contacts = try await store.contacts(companyIds: accounts.map(\.0))
        let active = try await engaged
        var gaps: [String: [BuyingGroupRules.Requirement]] = [:]
        for (id, tier) in accounts {
            let coverage = BuyingGroupCoverage.account(
                companyId: id, tier: tier, contacts: contacts[id] ?? [], engaged: Set((active[id] ?? [:]).keys),
                rules: rules)
            gaps[id] = coverage.missing.map(\.requirement)
        }
        var out = list
        for i in out.entries.indices { out.entries[i].coverageGaps = gaps[out.entries[i].account.companyId] ?? [] }
        for i in out.inDeal.indices { out.inDeal[i].coverageGaps = gaps[out.inDeal[i].account.companyId] ?? [] }
        return out
    }
}
