import Foundation

extension JourneyComputation {
    /// One company's stage changes over `days` (the first day, then each day its stage differs
    /// from the day before), without computing every other account: the account page's history.
    ///
    /// The score is summed over the company's own roll-up entries in the order
    /// `KPIComputation.engagementScores(asOf:)` adds them (by day, as stored), so it is the same
    /// double, bit for bit, and the stage the same as in `stages(on:)`.
    public func history(companyId: String, days: ClosedRange<Day>) -> [(day: Day, stage: JourneyStage?)] {
        guard let i = kpi.companyIndex[companyId] else { return [] }
        let window = kpi.decay[0].count
        let own = kpi.entries(in: (days.lowerBound - (window - 1))...days.upperBound).filter { e in
            e.account >= 0 && Int(kpi.rollupCompany[Int(e.account)]) == i
        }
        var out: [(day: Day, stage: JourneyStage?)] = []
        var lo = 0
        var d = days.lowerBound
        while d <= days.upperBound {
            var stage: JourneyStage?
            if tier(of: i, on: d) != nil {
                while lo < own.count && own[lo].day < d - (window - 1) { lo += 1 }
                var raw = 0.0
                var k = lo
                while k < own.count && own[k].day <= d {
                    raw += kpi.decay[own[k].type.index][d - own[k].day] * Double(own[k].count)
                    k += 1
                }
                let score = 100 * (1 - exp(-raw / kpi.p.scoreScale))
                stage = self.stage(of: i, on: d, score: score)
            }
            if out.last.map({ $0.stage != stage }) ?? true { out.append((day: d, stage: stage)) }
            d = d + 1
        }
        return out
    }

    /// kpis.md §Period: the company's tier on `day` (the active row with the latest added_on).
    func tier(of i: Int, on day: Day) -> Tier? {
        var best: TargetMembership?
        for r in kpi.targetRows[i] where r.isActive(on: day) {
            if best == nil || r.addedOn > best!.addedOn { best = r }
        }
        return best?.tier
    }
}
