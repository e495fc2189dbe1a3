import KizashiCore
import KizashiStore

/// The listed accounts' contacts, kept across event batches and imports that only add
/// activities (issue 23: reading them for every listed account was part of each `/now` after a
/// change on PostgreSQL at medium). Neither changes contacts; any other change drops them
/// (`invalidate`). Which contacts were active comes from the kept account engagement
/// (`accountEngagement`), patched with each change's rows under the account the store resolved
/// (a row may name its account through its contact only).
struct CoverageInputs {
    var contacts: [String: [Contact]] = [:]

    /// Accounts kept at most; beyond, the inputs start again.
    static let maxAccounts = 5_000
}

extension DashboardData {
    /// Each listed account's buying-group gaps on `day` (issue 26 §3: "no one from 情報システム部
    /// engaged yet" on the approach-now list), as the account page computes them
    /// (`BuyingGroupCoverage.account`). Only the listed entries' contacts are read, once, in one
    /// read for the accounts not kept (`CoverageInputs`); who was active in the score window is
    /// the account list's engagement (the same window: kpis.md §engagement score), so the list
    /// stays as fast as before for the rest of the workspace.
    func withCoverageGaps(_ list: RankedApproachList, day: Day) async throws -> RankedApproachList {
        let rules = BuyingGroupRules(settings: try await store.settings())
        let (p, _) = try await parametersAndGoals()
        let window = (day - (max(p.windowDays, 1) - 1))...day
        let accounts = (list.entries + list.inDeal).map { ($0.account.companyId, $0.account.tier) }
        let started = invalidations
        async let engagement = accountEngagement(engagedDays: window, timeZone: p.timeZone)
        var inputs = coverageInputs ?? CoverageInputs()
        let unread = Array(Set(accounts.map(\.0)).subtracting(inputs.contacts.keys)).sorted()
        if !unread.isEmpty {
            let contacts = try await store.contacts(companyIds: unread)
            // Kept only if no other change came during the read; answered either way.
            if started == invalidations, let kept = coverageInputs { inputs = kept }
            if inputs.contacts.count + unread.count > CoverageInputs.maxAccounts { inputs = CoverageInputs() }
            for id in unread { inputs.contacts[id] = contacts[id] ?? [] }
            if started == invalidations { coverageInputs = inputs }
        }
        let active = try await engagement
        var gaps: [String: [BuyingGroupRules.Requirement]] = [:]
        for (id, tier) in accounts {
            let coverage = BuyingGroupCoverage.account(
                companyId: id, tier: tier, contacts: inputs.contacts[id] ?? [], engaged: active[id]?.contacts ?? [],
                rules: rules)
            gaps[id] = coverage.missing.map(\.requirement)
        }
        var out = list
        for i in out.entries.indices { out.entries[i].coverageGaps = gaps[out.entries[i].account.companyId] ?? [] }
        for i in out.inDeal.indices { out.inDeal[i].coverageGaps = gaps[out.inDeal[i].account.companyId] ?? [] }
        return out
    }
}
