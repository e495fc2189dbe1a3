extension SegmentFacts {
    /// Every company's facts on `day`, targets or not: what a segment that feeds the target list
    /// is judged on (`SegmentRule.feedProblem` keeps it to conditions every company has).
    ///
    /// The same definitions as the accounts list's rows: the engagement score and its change
    /// over 7 days (kpis.md §engagement score, defined for any account), the ICP match
    /// (kpis.md §ICP), the intent topics of `[day − 62, day]` and which of them surge
    /// (kpis.md §intent). `tier` is the company's tier that day, nil for a non-target. Topics are
    /// worked out only when `withTopics` (a rule on topics or surges).
    public static func everyCompany(_ c: KPIComputation, on day: Day, withTopics: Bool) -> [SegmentFacts] {
        let tiers = c.tiers(on: day)
        let score = c.engagementScores(asOf: day)
        let before = c.engagementScores(asOf: day - 7)
        var intentOf: [String: [IntentSignal]] = [:]
        if withTopics {
            for s in c.data.intent where s.observedOn >= day - 62 && s.observedOn <= day {
                intentOf[s.companyId, default: []].append(s)
            }
        }
        var out: [SegmentFacts] = []
        out.reserveCapacity(c.n)
        for (i, company) in c.data.companies.enumerated() {
            let topics =
                withTopics ? IntentSurge.topics(of: intentOf[company.id] ?? [], asOf: day, parameters: c.p) : []
            out.append(
                SegmentFacts(
                    companyId: company.id, name: company.name, tier: Tier(rawValue: Int(tiers[i])),
                    icpMatch: c.phase1.matchesICP(index: i), industry: company.industry,
                    employees: Self.employees(company.employees), region: company.region, country: company.country,
                    score: score[i], scoreChange7d: score[i] - before[i], topics: topics.map(\.topic),
                    surgingTopics: topics.filter { $0.isSurging(c.p) }.map(\.topic)))
        }
        return out.sorted { $0.companyId.unicodeScalars.lexicographicallyPrecedes($1.companyId.unicodeScalars) }
    }
}
