import Testing

@testable import KizashiCore

/// Issue 20 §5: the label is "a new opportunity created within the horizon"; an account in an
/// open deal is no sample, and on the list it is shown apart when re-engaging.
@Suite("Labels and accounts in a deal")
struct PropensityLabelTests {
    static let d1 = Day(year: 2026, month: 3, day: 1)!
    static let d2 = Day(year: 2026, month: 3, day: 15)!

    static func computation(open: [Opportunity] = []) -> KPIComputation {
        let companies = ["C1", "C2", "C3"].map { Company(id: $0, name: $0) }
        let targets = companies.map { TargetMembership(companyId: $0.id, tier: .one, addedOn: d1 - 200) }
        let opportunities = [
            // Open from 03-10: C1 is in a deal on 03-15 (no sample), and on 03-01 its label is
            // true (03-10 is in (03-01, 03-31]).
            Opportunity(
                id: "O1", companyId: "C1", createdOn: Day(year: 2026, month: 3, day: 10)!, amount: 1, status: .open),
            // Created 04-05: after 03-01 + 30 = 03-31 (false on 03-01), within 03-15 + 30 = 04-14.
            Opportunity(
                id: "O2", companyId: "C2", createdOn: Day(year: 2026, month: 4, day: 5)!, amount: 1, status: .open),
            // Created and closed before 03-01: no label, no open deal.
            Opportunity(
                id: "O3", companyId: "C3", createdOn: d1 - 60, amount: 1, status: .lost, closedOn: d1 - 20),
        ]
        let dataset = KPIDataset(companies: companies, targets: targets, opportunities: opportunities + open)
        return KPIComputation(dataset: dataset, parameters: ScoringParameters())
    }

    @Test("label: an opportunity created in (day, day + 30]; an account in an open deal is no sample")
    func labels() {
        let s = Self.computation().propensitySamples(
            days: [Self.d1, Self.d2], horizon: 30, committee: CommitteeActivity())
        let got = zip(s.features, s.labels).map { "\($0.0.day == Self.d1 ? "d1" : "d2") \($0.0.companyId) \($0.1)" }
        #expect(got == ["d1 C1 true", "d1 C2 false", "d1 C3 false", "d2 C2 true", "d2 C3 false"])
    }

    @Test("the list: no account in a deal among the ranked ones; in-deal accounts apart only when re-engaging")
    func inDealApart() throws {
        let day = Self.d2
        // C1: open deal, 40 form submissions on the day (its score rises far more than 10 points
        // in 7 days: re-engaging); C2: open deal, no activity (not shown at all); C3: no deal.
        let companies = ["C1", "C2", "C3"].map { Company(id: $0, name: $0) }
        let targets = companies.map { TargetMembership(companyId: $0.id, tier: .one, addedOn: day - 200) }
        let open = ["C1", "C2"].map {
            Opportunity(id: "O-\($0)", companyId: $0, createdOn: day - 40, amount: 1, status: .open)
        }
        let dataset = KPIDataset(
            companies: companies, targets: targets,
            activities: ActivityRollup(
                accountIds: ["C1"], entries: [.init(day: day, account: 0, type: .formSubmit, count: 40)]),
            opportunities: open)
        let c = KPIComputation(dataset: dataset, parameters: ScoringParameters())
        let accounts = AccountList(computation: c, asOf: day, activity: [:], openOpportunities: open)
        let c1 = try #require(accounts.rows.first { $0.companyId == "C1" })
        try #require(c1.scoreChange7d >= ApproachWeights().reengagingMomentum && c1.openPipeline > 0)
        let ranking = ApproachNowList.ranking(accounts: accounts, recent: [], parameters: ScoringParameters())
        let list = ranking.ranked(by: nil, features: c.propensityFeatures(on: day), limit: 10)
        #expect(list.entries.map(\.account.companyId) == ["C3"])
        #expect(list.inDeal.map(\.account.companyId) == ["C1"])
        #expect(list.candidate == .rule)
    }
}
