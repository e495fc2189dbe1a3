import Testing

@testable import KizashiCore

/// The planted, learnable relation: opportunities follow buying episodes.
@Suite("Demo planted relation")
struct DemoRelationTests {
    let d = DemoFixture.data
    let asOf = DemoFixture.asOf
    let first = DemoFixture.generator.firstDay

    /// Activities per account per day index.
    func dailyCounts() -> [String: [Int]] {
        let contactCompany = DemoFixture.contactCompany
        let n = asOf - first + 1
        var counts: [String: [Int]] = [:]
        for a in d.activities {
            guard let account = DemoFixture.account(of: a, contactCompany: contactCompany) else { continue }
            counts[account, default: Array(repeating: 0, count: n)][DemoFixture.tokyoDay(a.occurredAt) - first] += 1
        }
        return counts
    }

    /// A burst before `day`: some 7-day window ending in [day − 42, day − 1] holds at least 3 activities
    /// and 2.5× the account's average week.
    func burst(before day: Day, _ series: [Int]) -> Bool {
        let n = series.count
        let meanWeek = Double(series.reduce(0, +)) * 7 / Double(n)
        let end = day - first
        for last in max(end - 42, 6)..<min(end, n) {
            let week = series[(last - 6)...last].reduce(0, +)
            if week >= 3 && Double(week) >= 2.5 * meanWeek { return true }
        }
        return false
    }

    @Test func targetOpportunitiesFollowEngagementBursts() {
        let counts = dailyCounts()
        let targets = Set(d.targets.map(\.companyId))
        let opportunities = d.opportunities.filter { targets.contains($0.companyId) && $0.createdOn - first >= 49 }
        #expect(opportunities.count >= 20)
        let preceded = opportunities.filter { o in counts[o.companyId].map { burst(before: o.createdOn, $0) } ?? false }
        let share = Double(preceded.count) / Double(opportunities.count)
        #expect(share >= 0.75, "only \(preceded.count) of \(opportunities.count) opportunities follow a burst")

        // Control: the same test on arbitrary days of targets without opportunities is rarely true.
        let withOpportunity = Set(d.opportunities.map(\.companyId))
        var rng = DemoRandom(seed: 3, stream: 0)
        var hits = 0, trials = 0
        for t in targets.sorted() where !withOpportunity.contains(t) {
            guard let series = counts[t] else { continue }
            trials += 1
            if burst(before: first + (49 + rng.below(asOf - first - 49)), series) { hits += 1 }
        }
        #expect(trials > 20)
        #expect(Double(hits) / Double(trials) < share - 0.3)
    }

    @Test func targetOpportunitiesFollowIntentSurgesAndDecisionMakers() {
        let targets = Set(d.targets.map(\.companyId))
        let intentByCompany = Dictionary(grouping: d.intent.filter { $0.score >= 60 }, by: \.companyId)
        let opportunities = d.opportunities.filter { targets.contains($0.companyId) && $0.createdOn - first >= 49 }
        let surged = opportunities.filter { o in
            (intentByCompany[o.companyId] ?? []).contains { (1...49).contains(o.createdOn - $0.observedOn) }
        }
        #expect(Double(surged.count) / Double(opportunities.count) >= 0.6)

        // Decision makers are active before an opportunity.
        let roleOf = Dictionary(uniqueKeysWithValues: d.contacts.map { ($0.id, $0.role) })
        let contactCompany = DemoFixture.contactCompany
        var dmActive = Set<String>()
        for o in opportunities {
            let from = o.createdOn - 42
            for a in d.activities {
                let day = DemoFixture.tokyoDay(a.occurredAt)
                guard day >= from && day < o.createdOn, let p = a.contactId, contactCompany[p] == o.companyId,
                    roleOf[p] == .decisionMaker
                else { continue }
                dmActive.insert(o.id)
                break
            }
        }
        #expect(Double(dmActive.count) / Double(opportunities.count) >= 0.5)
    }

    @Test func opportunitiesFollowSQLsAndMeetings() {
        let contactCompany = DemoFixture.contactCompany
        let sqlCompanies = Set(d.leadStages.filter { $0.stage == .sql }.compactMap { contactCompany[$0.contactId] })
        let meetingCompanies = Set(d.meetings.map(\.companyId))
        let withOpportunity = Set(d.opportunities.map(\.companyId))
        #expect(Double(withOpportunity.intersection(sqlCompanies).count) / Double(withOpportunity.count) > 0.7)
        #expect(Double(withOpportunity.intersection(meetingCompanies).count) / Double(withOpportunity.count) > 0.7)
        #expect(d.leadStages.contains { $0.stage == .mql } && d.leadStages.contains { $0.stage == .sql })
    }

    @Test func targetsConvertBetterThanNonTargets() {
        // Pooled over a few seeds: a small workspace has only a handful of non-target deals.
        var tWon = 0, tClosed = 0, nWon = 0, nClosed = 0
        for offset: UInt64 in 0..<3 {
            let data = offset == 0 ? d : DemoFixture.generate(seed: DemoFixture.seed + offset)
            let targets = Set(data.targets.filter { $0.isActive(on: asOf) }.map(\.companyId))
            for o in data.opportunities where o.status != .open {
                if targets.contains(o.companyId) {
                    tClosed += 1
                    if o.status == .won { tWon += 1 }
                } else {
                    nClosed += 1
                    if o.status == .won { nWon += 1 }
                }
            }
        }
        #expect(tClosed > 30 && nClosed > 5)
        let lift = (Double(tWon) / Double(tClosed)) / (Double(max(nWon, 1)) / Double(nClosed))
        #expect(lift > 1.3)
    }
}
