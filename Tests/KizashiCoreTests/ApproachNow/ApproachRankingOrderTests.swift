import Testing

@testable import KizashiCore

/// The ranking orders on demand: `top(k)` (what a page and the API show) must be exactly the
/// first k of the full order, which is priority descending, company_id ascending on ties.
@Suite("Approach-now ranking order")
struct ApproachRankingOrderTests {
    static let day = Day(year: 2026, month: 9, day: 30)!

    /// 60 targets in three tiers; every third company has no activity (equal priorities within
    /// a tier: ties broken by company_id), the others 1…20 web visits on the day.
    static func ranking() -> ApproachRanking {
        var companies: [Company] = []
        var targets: [TargetMembership] = []
        var entries: [ActivityRollup.Entry] = []
        for i in 0..<60 {
            // IDs not in list order, so the tie-break is visible.
            let id = "K" + (59 - i < 10 ? "0" : "") + String(59 - i)
            companies.append(Company(id: id, name: "会社\(i)"))
            targets.append(TargetMembership(companyId: id, tier: Tier(rawValue: 1 + i % 3)!, addedOn: day - 100))
            if i % 3 != 0 {
                entries.append(.init(day: day, account: Int32(i), type: .webVisit, count: Int32(1 + (i * 7) % 20)))
            }
        }
        let dataset = KPIDataset(
            companies: companies, targets: targets,
            activities: ActivityRollup(accountIds: companies.map(\.id), entries: entries))
        let c = KPIComputation(dataset: dataset, parameters: ScoringParameters())
        let list = AccountList(computation: c, asOf: day, activity: [:], openOpportunities: [])
        return ApproachNowList.ranking(accounts: list, recent: [], parameters: ScoringParameters())
    }

    @Test("the full order is priority descending, then company_id; top(k) is its prefix, per tier too")
    func topIsPrefix() {
        let r = Self.ranking()
        let full = r.scores
        #expect(full.count == 60)
        let keyed = full.map { (p: $0.priority, id: r.accounts.rows[$0.row].companyId) }
        let expected = keyed.sorted { $0.p != $1.p ? $0.p > $1.p : $0.id < $1.id }
        #expect(keyed.map(\.id) == expected.map(\.id))
        // Ties exist (the idle companies of a tier), so the tie-break is exercised.
        #expect(Set(keyed.map(\.p)).count < 60)
        for k in [1, 5, 30, 59, 60, 100] {
            // A fresh ranking each time: `top` without the full order (one pass), then with it.
            for fresh in [Self.ranking(), r] {
                #expect(fresh.top(k).map(\.row) == Array(full.prefix(k)).map(\.row), "k = \(k)")
                for t in Tier.allCases {
                    let inTier = full.filter { r.accounts.rows[$0.row].tier == t }
                    #expect(
                        fresh.top(k, tier: t).map(\.row) == Array(inTier.prefix(k)).map(\.row), "k = \(k), tier \(t)")
                }
            }
        }
        // A fresh ranking (nothing sorted yet) answers top(k) the same way.
        #expect(Self.ranking().top(30).map(\.row) == Array(full.prefix(30)).map(\.row))
        #expect(Self.ranking().top(0).isEmpty)
    }
}
