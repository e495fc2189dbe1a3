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
    /// Normalised names for search, computed on the first search (NFKC of every name is the
    /// costliest part of building the list, and most lists are never searched).
    let normalizedNames: LazyNormalizedNames
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
            if let i = c.companyIndex[o.companyId] { pipeline[i] += o.amount }
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
        let p = c.p
        var byTopic: [(topic: Int32, surge: IntentSurge)] = []
        var competitor: [String] = []
        for i in 0..<c.n where tiers[i] != 0 {
            let company = c.data.companies[i]
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
            let topics = IntentSurge.ordered(byTopic.map(\.surge), parameters: p)
            let facts = activity.isEmpty ? nil : activity[company.id]
            rows.append(
                AccountListRow(
                    companyId: company.id, name: company.name, tier: Tier(rawValue: Int(tiers[i]))!,
                    icpMatch: c.phase1.matchesICP(index: i), score: score[i], scoreChange7d: score[i] - before[i],
                    engagedContacts: facts?.engagedContacts ?? 0, topTopics: topics.prefix(3).map(\.topic),
                    // `ordered` puts surging topics first.
                    surging: topics.first?.isSurging(p) ?? false, lastActivity: facts?.lastActivity,
                    openPipeline: pipeline[i]))
            allTopics.append(topics)
            allCompetitor.append(competitor.count < 2 ? competitor : competitor.sorted())
            names.append(company.name)
        }
        self.rows = rows
        intentTopics = allTopics
        competitorTopics = allCompetitor
        normalizedNames = LazyNormalizedNames(names)
    }

    /// The rows that pass `q`, in its order (ties broken by company_id so pages are stable).
    public func query(_ q: AccountListQuery) -> [AccountListRow] {
        let needle = q.search.map { CompanyNameNormalizer.normalize($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var out: [AccountListRow] = []
        for (i, r) in rows.enumerated() {
            if let t = q.tier, r.tier != t { continue }
            if let icp = q.icp, r.icpMatch != icp { continue }
            if q.engagedOnly && r.score < engagedThreshold { continue }
            if q.surgingOnly && !r.surging { continue }
            if let needle, !normalizedNames.all[i].contains(needle) { continue }
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

/// Names normalised once, on first use, shared by every copy of the list.
final class LazyNormalizedNames: @unchecked Sendable {
    private let names: [String]
    private var normalized: [String]?
    private let lock = NSLock()

    init(_ names: [String]) { self.names = names }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        if let normalized { return normalized }
        let n = names.map { CompanyNameNormalizer.normalize($0) }
        normalized = n
        return n
    }
}
