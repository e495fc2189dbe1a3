import Foundation

/// The target accounts as of a day: fit, engagement, momentum, intent and pipeline, one row each.
///
/// Built from the same `KPIComputation` as the KPI report, so an account's score here is the
/// score the KPIs averaged.
public struct AccountList: Sendable {
    public let asOf: Day
    public let rows: [AccountListRow]
    /// Per row: its intent topics as of `asOf` (`IntentSurge.ordered`), and the topics of its
    /// competitor-research rows of the last 7 days — what the approach-now list explains with.
    public let intentTopics: [[IntentSurge]]
    public let competitorTopics: [[String]]
    let names: [String]
    /// Normalised names for search, computed on the first search (NFKC of every name is the
    /// costliest part of building the list, and most lists are never searched).
    let normalized = SharedLazy<[String]>()
    let engagedThreshold: Double

    /// `activity`: per company_id, the facts the roll-ups lack (engaged contacts, last activity).
    /// `openOpportunities`: every open opportunity of the workspace.
    public init(
        computation c: KPIComputation, asOf day: Day,
        activity: [String: (engagedContacts: Int, lastActivity: Instant?)],
        openOpportunities: [Opportunity]
    ) {
        asOf = day
        engagedThreshold = Double(c.p.engagedThreshold)
        let tiers = c.tiers(on: day)
        let score = c.engagementScores(asOf: day)
        let before = c.engagementScores(asOf: day - 7)
        var pipeline = [Double](repeating: 0, count: c.n)
        for o in openOpportunities where o.status == .open {
            if let i = c.companyIndex[o.companyId] { pipeline[i] += o.summedAmount }
        }
        // kpis.md §intent over [day − 62, day], grouped by company from the intent index (integers).
        let ix = c.intent
        let window = ix.rows(in: (day - 62)...day)
        var start = [Int](repeating: 0, count: c.n + 1)
        for r in window where ix.company[r] >= 0 && tiers[Int(ix.company[r])] != 0 {
            start[Int(ix.company[r]) + 1] += 1
        }
        for i in 0..<c.n { start[i + 1] += start[i] }
        var fill = start
        var grouped = [Int](repeating: 0, count: start[c.n])
        for r in window where ix.company[r] >= 0 && tiers[Int(ix.company[r])] != 0 {
            let i = Int(ix.company[r])
            grouped[fill[i]] = r
            fill[i] += 1
        }
        let p = c.p
        // Each topic's place in code-point order (UTF-8 byte order is code-point order), so the
        // per-account ordering below compares integers, not strings.
        var topicRank = [Int32](repeating: 0, count: ix.topics.count)
        for (r, t) in ix.topics.indices.sorted(by: {
            ix.topics[$0].utf8.lexicographicallyPrecedes(ix.topics[$1].utf8)
        }).enumerated() {
            topicRank[t] = Int32(r)
        }
        // One thread: split over both cores this measured slower (the threads retain and release
        // the same topic strings, and the reference counts bounce between the cores).
        var targetCount = 0
        for t in tiers where t != 0 { targetCount += 1 }
        var rows: [AccountListRow] = []
        var allTopics: [[IntentSurge]] = []
        var allCompetitor: [[String]] = []
        var names: [String] = []
        rows.reserveCapacity(targetCount)
        allTopics.reserveCapacity(targetCount)
        allCompetitor.reserveCapacity(targetCount)
        names.reserveCapacity(targetCount)
        var byTopic: [(topic: Int32, surge: IntentSurge)] = []
        var keys: [(surging: Bool, current: Double, rank: Int32, at: Int)] = []
        var competitor: [String] = []
        for i in 0..<c.n where tiers[i] != 0 {
            // The two fields read, not a copy of the whole company (a retain per string field).
            let (companyId, companyName) = c.data.companies.withUnsafeBufferPointer { ($0[i].id, $0[i].name) }
            byTopic.removeAll(keepingCapacity: true)
            competitor.removeAll(keepingCapacity: true)
            for r in grouped[start[i]..<start[i + 1]] {
                let t = ix.topic[r]
                let k =
                    byTopic.firstIndex { $0.topic == t }
                    ?? {
                        byTopic.append((t, IntentSurge(topic: ix.topics[Int(t)])))
                        return byTopic.count - 1
                    }()
                byTopic[k].surge.add(score: Int(ix.score[r]), daysBefore: day - ix.day[r])
                if ix.competitor[r] && day - ix.day[r] <= 6 && !competitor.contains(ix.topics[Int(t)]) {
                    competitor.append(ix.topics[Int(t)])
                }
            }
            // IntentSurge.ordered's order (surging first, then current score, then topic), with
            // the keys computed once and an insertion sort: accounts have a handful of topics.
            keys.removeAll(keepingCapacity: true)
            for (at, b) in byTopic.enumerated() {
                keys.append((b.surge.isSurging(p), b.surge.current ?? -1, topicRank[Int(b.topic)], at))
            }
            if keys.count > 1 {
                for j in 1..<keys.count {
                    let x = keys[j]
                    var i = j - 1
                    while i >= 0 {
                        let y = keys[i]
                        let before =
                            x.surging != y.surging
                            ? x.surging : (x.current != y.current ? x.current > y.current : x.rank < y.rank)
                        if !before { break }
                        keys[i + 1] = y
                        i -= 1
                    }
                    keys[i + 1] = x
                }
            }
            let topics = keys.map { byTopic[$0.at].surge }
            let facts = activity.isEmpty ? nil : activity[companyId]
            rows.append(
                AccountListRow(
                    companyId: companyId, name: companyName, tier: Tier(rawValue: Int(tiers[i]))!,
                    icpMatch: c.phase1.matchesICP(index: i), score: score[i], scoreChange7d: score[i] - before[i],
                    engagedContacts: facts?.engagedContacts ?? 0, topTopics: topics.prefix(3).map(\.topic),
                    // Surging topics come first.
                    surging: topics.first?.isSurging(p) ?? false, lastActivity: facts?.lastActivity,
                    openPipeline: pipeline[i]))
            allTopics.append(topics)
            allCompetitor.append(competitor.count < 2 ? competitor : competitor.sorted())
            names.append(companyName)
        }
        self.rows = rows
        intentTopics = allTopics
        competitorTopics = allCompetitor
        self.names = names
    }

    /// The rows that pass `q`, in its order (ties broken by company_id so pages are stable).
    public func query(_ q: AccountListQuery) -> [AccountListRow] {
        let needle = q.search.map { CompanyNameNormalizer.normalize($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let normalizedNames = needle == nil ? [] : normalized.get { names.map { CompanyNameNormalizer.normalize($0) } }
        var out: [AccountListRow] = []
        for (i, r) in rows.enumerated() {
            if let t = q.tier, r.tier != t { continue }
            if let icp = q.icp, r.icpMatch != icp { continue }
            if q.engagedOnly && r.score < engagedThreshold { continue }
            if q.surgingOnly && !r.surging { continue }
            if let needle, !normalizedNames[i].contains(needle) { continue }
            out.append(r)
        }
        func less(_ a: AccountListRow, _ b: AccountListRow) -> Bool? {
            switch q.sort {
            case .score: return a.score == b.score ? nil : a.score < b.score
            case .change: return a.scoreChange7d == b.scoreChange7d ? nil : a.scoreChange7d < b.scoreChange7d
            case .name:
                return a.name == b.name ? nil : a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
            case .tier: return a.tier == b.tier ? nil : a.tier < b.tier
            case .contacts: return a.engagedContacts == b.engagedContacts ? nil : a.engagedContacts < b.engagedContacts
            case .lastActivity:
                let x = a.lastActivity?.millisecondsSinceEpoch ?? .min,
                    y = b.lastActivity?.millisecondsSinceEpoch ?? .min
                return x == y ? nil : x < y
            case .pipeline: return a.openPipeline == b.openPipeline ? nil : a.openPipeline < b.openPipeline
            }
        }
        out.sort { a, b in
            if let l = less(a, b) { return q.descending ? !l : l }
            return a.companyId < b.companyId
        }
        return out
    }
}
