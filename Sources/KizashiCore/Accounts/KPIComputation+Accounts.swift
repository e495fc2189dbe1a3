import Foundation

/// Per-account views of the indexed dataset, for the dashboard's account and quality pages.
extension KPIComputation {
    public var parameters: ScoringParameters { p }
    public var dataset: KPIDataset { data }

    /// kpis.md §engagement score of one company on each day of `days`, oldest first.
    public func engagementScoreHistory(companyId: String, days: ClosedRange<Day>) -> [Double] {
        let allDays = (0...(days.upperBound - days.lowerBound)).map { days.lowerBound + $0 }
        guard let target = companyIndex[companyId] else { return allDays.map { _ in 0 } }
        let window = decay[0].count
        let own = entries(in: (days.lowerBound - (window - 1))...days.upperBound).filter {
            $0.account >= 0 && Int(rollupCompany[Int($0.account)]) == target
        }
        return allDays.map { day in
            var raw = 0.0
            for e in own {
                let x = day - e.day
                if x >= 0 && x < window { raw += decay[e.type.index][x] * Double(e.count) }
            }
            return 100 * (1 - exp(-raw / p.scoreScale))
        }
    }

    /// The company's position in the dataset (the index of `engagementScores` and the like).
    public func companyPosition(_ companyId: String) -> Int? { companyIndex[companyId] }

    /// The tier of a company on `day` (nil: not a target then).
    public func tier(of companyId: String, on day: Day) -> Tier? {
        guard let i = companyIndex[companyId] else { return nil }
        var best: TargetMembership?
        for r in targetRows[i] where r.isActive(on: day) {
            if best == nil || r.addedOn > best!.addedOn { best = r }
        }
        return best?.tier
    }

    /// IDs of the target companies on `day`.
    public func targetIds(on day: Day) -> [String] {
        let t = tiers(on: day)
        return (0..<n).filter { t[$0] != 0 }.map { data.companies[$0].id }
    }

    public func matchesICP(_ companyId: String) -> Bool { phase1.matchesICP(companyId) }
    public func isDuplicate(_ companyId: String) -> Bool { phase1.isDuplicate(companyId) }
    public func company(_ id: String) -> Company? { companyIndex[id].map { data.companies[$0] } }
}
