/// Per-company figures of one period, from which every KPI of any target set is aggregated.
struct PeriodFigures {
    let c: KPIComputation
    let period: KPIPeriod
    let L: Day
    /// Tier on L per company (0 = not a target).
    let tier: [UInt8]
    let score: [Double]
    var webVisits: [Int]
    var allWebVisits = 0
    var hasIntent: [Bool]
    var competitor: [Bool]
    var surging: [Bool]
    /// (topic index << 32 | company index) of every target-or-not company with a row of that
    /// topic in the period, sorted and distinct (top_topics counts the selected ones).
    var topicCompanies: [Int64] = []
    var sqlContacts: [Set<String>]
    var meetings: [Int]
    var oppsCreated: [Int]
    var pipeline: [Double]
    var won: [Int]
    var lost: [Int]
    var wonRevenue: [Double]
    var acvSum: [Double]
    var acvCount: [Int]
    var activeValueOnL: [Double]
    var activeOnL: [Bool]
    var activeYearBefore: [Bool]
    var abmCost = 0.0

    /// `funnelOnly`: the previous period, read only for the bottleneck's funnel (kpis.md §The
    /// funnel), so its intent figures are left empty (`KPIDataRequirements` loads no intent for it).
    init(_ c: KPIComputation, _ period: KPIPeriod, funnelOnly: Bool = false) {
        self.c = c
        self.period = period
        let n = c.n
        let L = period.lastDay
        self.L = L
        let p = c.p
        tier = c.tiers(on: L)
        score = c.engagementScores(asOf: L)

        // kpis.md §target_web_visit_rate: web visits whose local day is in the period.
        webVisits = Array(repeating: 0, count: n)
        for e in c.entries(in: period.start...L) where e.type == .webVisit {
            allWebVisits += Int(e.count)
            let i = e.account < 0 ? -1 : Int(c.rollupCompany[Int(e.account)])
            if i >= 0 { webVisits[i] += Int(e.count) }
        }

        // kpis.md §intent.
        hasIntent = Array(repeating: false, count: n)
        competitor = Array(repeating: false, count: n)
        surging = Array(repeating: false, count: n)
        let ix = c.intent
        var pairs: [Int64] = []
        for r in funnelOnly ? 0..<0 : ix.rows(in: period.start...L) {
            let i = Int(ix.company[r])
            guard i >= 0 else { continue }
            hasIntent[i] = true
            if ix.competitor[r] { competitor[i] = true }
            pairs.append(Int64(ix.topic[r]) << 32 | Int64(i))
        }
        pairs.sort()
        topicCompanies = pairs.indices.compactMap { k in k == 0 || pairs[k] != pairs[k - 1] ? pairs[k] : nil }
        // Surges: per (company, topic), current over [L − 6, L], baseline over [L − 62, L − 7].
        var surges: [Int64: IntentSurge] = [:]
        for r in funnelOnly ? 0..<0 : ix.rows(in: (L - 62)...L) {
            let i = Int(ix.company[r])
            guard i >= 0 else { continue }
            surges[Int64(i) << 32 | Int64(ix.topic[r]), default: IntentSurge(topic: "")].add(
                score: Int(ix.score[r]), daysBefore: L - ix.day[r])
        }
        for (key, surge) in surges where surge.isSurging(p) { surging[Int(key >> 32)] = true }

        // kpis.md §Phase 3.
        sqlContacts = Array(repeating: [], count: n)
        for l in c.data.leadStages where l.stage == .sql && period.contains(p.timeZone.day(of: l.reachedAt)) {
            if let i = c.contactCompany[l.contactId] { sqlContacts[i].insert(l.contactId) }
        }
        meetings = Array(repeating: 0, count: n)
        for m in c.data.meetings where period.contains(p.timeZone.day(of: m.heldAt)) {
            if let i = c.companyIndex[m.companyId] { meetings[i] += 1 }
        }
        oppsCreated = Array(repeating: 0, count: n)
        pipeline = Array(repeating: 0, count: n)
        won = Array(repeating: 0, count: n)
        lost = Array(repeating: 0, count: n)
        wonRevenue = Array(repeating: 0, count: n)
        acvSum = Array(repeating: 0, count: n)
        acvCount = Array(repeating: 0, count: n)
        for o in c.data.opportunities {
            guard let i = c.companyIndex[o.companyId] else { continue }
            if period.contains(o.createdOn) {
                oppsCreated[i] += 1
                pipeline[i] += o.summedAmount
            }
            if let closed = o.closedOn, period.contains(closed) {
                if o.status == .won {
                    won[i] += 1
                    wonRevenue[i] += o.summedAmount
                    // kpis.md §Phase 4 acv: amount × 12 / max(term_months, 12), empty term = 12.
                    acvSum[i] += o.summedAmount * 12 / Double(max(o.termMonths ?? 12, 12))
                    acvCount[i] += 1
                } else if o.status == .lost {
                    lost[i] += 1
                }
            }
        }
        // kpis.md §Phase 4 ltv: contracts active on L and on L − 365.
        activeValueOnL = Array(repeating: 0, count: n)
        activeOnL = Array(repeating: false, count: n)
        activeYearBefore = Array(repeating: false, count: n)
        let yearBefore = L - 365
        for k in c.data.contracts {
            guard let i = c.companyIndex[k.companyId] else { continue }
            if k.isActive(on: L) {
                activeOnL[i] = true
                activeValueOnL[i] += k.annualValue
            }
            if k.isActive(on: yearBefore) { activeYearBefore[i] = true }
        }
        // kpis.md §Phase 4 abm_cost: cost × (campaign days inside the period) / (campaign days).
        for k in c.data.campaigns where k.abm {
            let days = (k.endOn - k.startOn) + 1
            let from = max(k.startOn, period.start), to = min(k.endOn, L)
            let inside = max(0, (to - from) + 1)
            if days > 0 && inside > 0 { abmCost += k.cost * Double(inside) / Double(days) }
        }
    }

    /// Every KPI for the targets `selected`; `forTier` leaves out the keys that are not about the
    /// target set (kpis.md §Output).
    func kpis(selected: (Int) -> Bool, forTier: Bool) -> [(key: String, value: KPIValue)] {
        var members: [Int] = []
        for i in 0..<c.n where selected(i) { members.append(i) }
        let t = Double(members.count)
        var v: [String: KPIValue] = [:]
        for (k, x) in c.phase1.kpis(
            targets: members.map { c.data.companies[$0].id }, lastDay: L, freshnessDays: c.p.freshnessDays)
        {
            v[k] = x
        }
        // Phase 2.
        var scoreSum = 0.0, engaged = 0, visited = 0, visits = 0, intent = 0, comp = 0, surge = 0
        var sql = 0, meet = 0, opps = 0, pipe = 0.0, w = 0, l = 0, rev = 0.0, acvS = 0.0, acvN = 0
        var arpaSum = 0.0, arpaN = 0, churnBase = 0, churned = 0
        for i in members {
            scoreSum += score[i]
            if score[i] >= c.p.engagedThreshold { engaged += 1 }
            if webVisits[i] > 0 { visited += 1 }
            visits += webVisits[i]
            if hasIntent[i] { intent += 1 }
            if competitor[i] { comp += 1 }
            if surging[i] { surge += 1 }
            sql += sqlContacts[i].count
            meet += meetings[i]
            opps += oppsCreated[i]
            pipe += pipeline[i]
            w += won[i]
            l += lost[i]
            rev += wonRevenue[i]
            acvS += acvSum[i]
            acvN += acvCount[i]
            if activeOnL[i] {
                arpaSum += activeValueOnL[i]
                arpaN += 1
            }
            if activeYearBefore[i] {
                churnBase += 1
                if !activeOnL[i] { churned += 1 }
            }
        }
        v["avg_engagement"] = .ratio(scoreSum, t)
        v["engaged_accounts"] = .count(engaged)
        v["engaged_rate"] = .ratio(Double(engaged), t)
        v["target_web_visit_rate"] = .ratio(Double(visited), t)
        v["target_traffic_share"] = .ratio(Double(visits), Double(allWebVisits))
        v["intent_accounts"] = .count(intent)
        v["competitor_research_accounts"] = .count(comp)
        v["surging_accounts"] = .count(surge)
        // Phase 3.
        v["sql_count"] = .count(sql)
        v["meetings"] = .count(meet)
        v["opportunities_created"] = .count(opps)
        v["pipeline_created"] = .number(pipe)
        // Phase 4. N is always the whole non-target universe (kpis.md §Period).
        var nw = 0, nl = 0, nAcv = 0.0, nAcvN = 0
        for i in 0..<c.n where tier[i] == 0 {
            nw += won[i]
            nl += lost[i]
            nAcv += acvSum[i]
            nAcvN += acvCount[i]
        }
        let winRate = KPIValue.ratio(Double(w), Double(w + l))
        let winRateN = KPIValue.ratio(Double(nw), Double(nw + nl))
        v["win_rate"] = winRate
        v["win_rate_non_target"] = winRateN
        v["win_rate_lift"] = .ratio(winRate.doubleValue, winRateN.doubleValue)
        v["closed_won_revenue"] = .number(rev)
        v["acv"] = .ratio(acvS, Double(acvN))
        v["acv_non_target"] = .ratio(nAcv, Double(nAcvN))
        let arpa = KPIValue.ratio(arpaSum, Double(arpaN))
        let churn = KPIValue.ratio(Double(churned), Double(churnBase))
        // lifetime = min(1 / churn, cap); the cap when churn is 0 or null.
        let lifetime: Double =
            (churn.doubleValue.map { $0 > 0 ? min(1 / $0, c.p.lifetimeCapYears) : c.p.lifetimeCapYears })
            ?? c.p.lifetimeCapYears
        v["arpa"] = arpa
        v["annual_churn"] = churn
        v["lifetime_years"] = .number(lifetime)
        v["ltv"] = arpa.doubleValue.map { .number($0 * c.p.grossMargin * lifetime) } ?? .null
        v["abm_cost"] = .number(abmCost)
        v["roi"] = .ratio(rev - abmCost, abmCost)
        v["pipeline_per_cost"] = .ratio(pipe, abmCost)

        let keys = forTier ? KPICatalog.tierKeys : KPICatalog.all.map(\.key)
        return keys.map { (key: $0, value: v[$0] ?? .null) }
    }

    /// kpis.md §The funnel: each step counts targets that reached at least that step.
    func funnel(selected: (Int) -> Bool) -> [FunnelStep] {
        var counts = [0, 0, 0, 0, 0]  // targets, engaged, sql, opportunity, won
        for i in 0..<c.n where selected(i) {
            let isWon = won[i] > 0
            let isOpp = isWon || oppsCreated[i] > 0
            let isSQL = isOpp || !sqlContacts[i].isEmpty
            let isEngaged = isSQL || score[i] >= c.p.engagedThreshold
            counts[0] += 1
            if isEngaged { counts[1] += 1 }
            if isSQL { counts[2] += 1 }
            if isOpp { counts[3] += 1 }
            if isWon { counts[4] += 1 }
        }
        let names = ["targets", "engaged", "sql", "opportunity", "won"]
        return names.indices.map { k in
            FunnelStep(
                step: names[k], count: counts[k],
                conversion: k == 0 ? .null : .ratio(Double(counts[k]), Double(counts[k - 1])))
        }
    }

    /// kpis.md §intent top_topics: distinct targets per topic, count descending, then topic by code points.
    func topTopics(selected: (Int) -> Bool) -> [TopicCount] {
        var counts = [Int](repeating: 0, count: c.intent.topics.count)
        for key in topicCompanies where selected(Int(key & 0xFFFF_FFFF)) { counts[Int(key >> 32)] += 1 }
        var out: [TopicCount] = []
        for (t, k) in counts.enumerated() where k > 0 { out.append(TopicCount(topic: c.intent.topics[t], accounts: k)) }
        return out.sorted {
            $0.accounts != $1.accounts
                ? $0.accounts > $1.accounts
                : $0.topic.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.topic.unicodeScalars.map(\.value))
        }
    }
}
