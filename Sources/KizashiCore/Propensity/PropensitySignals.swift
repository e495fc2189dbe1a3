import Foundation

/// The candidate features of issue 20 §2 beyond the rule score's factors, each from data known
/// on the day only. Whether the models use one is decided by validation (`FeatureStudy`) and
/// recorded in `PropensityFeatures.modelFeatures` and docs/approach-now.md.
extension KPIComputation {
    /// Names of the signals, in the order `signals(on:)` appends them to the features.
    public static let signalNames = [
        "pricing_7d", "high_intent_recency", "burst_7_90", "people_growth", "people_30d", "departments_7d",
        "intent_max", "competitor_7d", "last_opportunity_recency", "active_days_30d",
    ]

    /// Per company index (targets only; others empty), the signals as of `day`:
    /// - pricing_7d: log(1 + pricing-page visits in 7 days);
    /// - high_intent_recency: 1 / (1 + days since the last pricing visit, form or event ÷ 7), 0
    ///   when none in 90 days;
    /// - burst_7_90: log((activities in 7 days + 1) / (activities in 90 days × 7/90 + 1)) — a
    ///   burst against the account's own baseline;
    /// - people_growth: log(1 + people in 7 days) − log(1 + people in the 7 days before);
    /// - people_30d, departments_7d: log(1 + distinct people in 30 days / departments in 7);
    /// - intent_max: the highest current intent score ÷ 100; competitor_7d: competitor topics
    ///   researched in 7 days;
    /// - last_opportunity_recency: 1 / (1 + days since the last opportunity was created ÷ 90), 0
    ///   without one; active_days_30d: days with any activity in 30 ÷ 30.
    func signals(on day: Day, tiers: [UInt8], committee: CommitteeActivity) -> [[Double]] {
        var a7 = [Double](repeating: 0, count: n), a90 = [Double](repeating: 0, count: n)
        var lastHigh = [Int32](repeating: Int32.min, count: n)
        var activeDays = [Double](repeating: 0, count: n), lastActive = [Int32](repeating: Int32.min, count: n)
        for e in entries(in: (day - 89)...day) {
            let i = e.account < 0 ? -1 : Int(rollupCompany[Int(e.account)])
            guard i >= 0, tiers[i] != 0 else { continue }
            let c = Double(e.count)
            a90[i] += c
            if e.day >= day - 6 { a7[i] += c }
            if e.type == .formSubmit || e.type == .eventAttend { lastHigh[i] = max(lastHigh[i], e.day.daysSinceEpoch) }
            if e.day >= day - 29 && lastActive[i] != e.day.daysSinceEpoch {
                activeDays[i] += 1
                lastActive[i] = e.day.daysSinceEpoch
            }
        }
        var intentMax = [Double](repeating: 0, count: n)
        var competitor = [Set<String>](repeating: [], count: n)
        for s in data.intent {
            let x = day - s.observedOn
            guard x >= 0, x <= 6, let i = companyIndex[s.companyId], tiers[i] != 0 else { continue }
            intentMax[i] = max(intentMax[i], Double(s.score) / 100)
            if s.kind == .competitorVisit { competitor[i].insert(s.topic) }
        }
        var lastOpportunity = [Int32](repeating: Int32.min, count: n)
        for o in data.opportunities where o.createdOn <= day {
            if let i = companyIndex[o.companyId] {
                lastOpportunity[i] = max(lastOpportunity[i], o.createdOn.daysSinceEpoch)
            }
        }
        let today = day.daysSinceEpoch
        var out = [[Double]](repeating: [], count: n)
        for i in 0..<n where tiers[i] != 0 {
            let id = data.companies[i].id
            let pricing = committee.pricingVisits(companyId: id, on: day)
            var high = lastHigh[i]
            if let p = pricing.last, today - p.daysSinceEpoch <= 89 { high = max(high, p.daysSinceEpoch) }
            let people7 = Double(committee.breadth(companyId: id, on: day).contacts)
            let peopleBefore = Double(committee.breadth(companyId: id, on: day - 7).contacts)
            let people30 = Double(committee.breadth(companyId: id, on: day, days: 30).contacts)
            out[i] = [
                log1p(Double(pricing.count)),
                high == Int32.min ? 0 : 1 / (1 + Double(today - high) / 7),
                log((a7[i] + 1) / (a90[i] * 7 / 90 + 1)),
                log1p(people7) - log1p(peopleBefore),
                log1p(people30),
                log1p(Double(committee.departments(companyId: id, on: day))),
                intentMax[i],
                Double(competitor[i].count),
                lastOpportunity[i] == Int32.min ? 0 : 1 / (1 + Double(today - lastOpportunity[i]) / 90),
                activeDays[i] / 30,
            ]
        }
        return out
    }
}
