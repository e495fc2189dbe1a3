import KizashiCore
import KizashiStore

extension DashboardData {
    /// Each listed account's buying-group gaps on `day` (issue 26 §3: "no one from 情報システム部
    /// engaged yet" on the approach-now list), as the account page computes them
    /// (`BuyingGroupCoverage.account`). Only the listed entries are read — two small reads each
    /// (the account's contacts, and which of them were active in the score window), a few at a
    /// time — so the list stays as fast as before for the rest of the workspace.
    func withCoverageGaps(_ list: RankedApproachList, day: Day) async throws -> RankedApproachList {
        let rules = BuyingGroupRules(settings: try await store.settings())
        let (p, _) = try await parametersAndGoals()
        let window = (day - (max(p.windowDays, 1) - 1))...day
        let store = self.store
        let accounts = (list.entries + list.inDeal).map { ($0.account.companyId, $0.account.tier) }
        var gaps: [String: [BuyingGroupRules.Requirement]] = [:]
        try await withThrowingTaskGroup(of: (String, [BuyingGroupRules.Requirement]).self) { group in
            var next = accounts.makeIterator()
            func start() -> Bool {
                guard let (id, tier) = next.next() else { return false }
                group.addTask {
                    async let engaged = store.contactActivityCounts(companyId: id, days: window)
                    let contacts = try await store.contacts(companyId: id)
                    let coverage = BuyingGroupCoverage.account(
                        companyId: id, tier: tier, contacts: contacts, engaged: Set(try await engaged.keys),
                        rules: rules)
                    return (id, coverage.missing.map(\.requirement))
                }
                return true
            }
            for _ in 0..<4 where !start() { break }
            while let (id, missing) = try await group.next() {
                gaps[id] = missing
                _ = start()
            }
        }
        var out = list
        for i in out.entries.indices { out.entries[i].coverageGaps = gaps[out.entries[i].account.companyId] ?? [] }
        for i in out.inDeal.indices { out.inDeal[i].coverageGaps = gaps[out.inDeal[i].account.companyId] ?? [] }
        return out
    }
}
