/// The accounts behind `competitor_research_accounts` (kpis.md §intent): target accounts on the
/// period's last day — of one tier when a tier is asked — with a `competitor_visit` intent signal
/// observed in the period. The intent page lists exactly these, so its list and the KPI agree.
public struct CompetitorResearch: Sendable, Equatable {
    public var companyId: String
    public var name: String
    /// The competitors' topics researched in the period, sorted.
    public var topics: [String]
}

extension KPIComputation {
    public func competitorResearch(in period: KPIPeriod, tier: Tier?) -> [CompetitorResearch] {
        let day = period.lastDay
        let targets = Set(targetIds(on: day).filter { tier == nil || self.tier(of: $0, on: day) == tier })
        var topics: [String: Set<String>] = [:]
        for s in dataset.intent
        where s.kind == .competitorVisit && period.contains(s.observedOn) && targets.contains(s.companyId) {
            topics[s.companyId, default: []].insert(s.topic)
        }
        return topics.map { id, t in
            CompetitorResearch(companyId: id, name: company(id)?.name ?? id, topics: t.sorted())
        }
        .sorted { $0.companyId < $1.companyId }
    }
}
