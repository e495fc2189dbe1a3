import Foundation

/// The target accounts as of a day: fit, engagement, momentum, intent and pipeline, one row each.
///
/// Built from the same `KPIComputation` as the KPI report, so an account's score here is the
/// score the KPIs averaged.
public struct AccountList: Sendable {
    public let asOf: Day
    public let rows: [AccountListRow]
    let normalizedNames: [String]
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
        var intentByCompany: [Int: [IntentSignal]] = [:]
        for s in c.data.intent {
            let x = day - s.observedOn
            guard x >= 0, x <= 62, let i = c.companyIndex[s.companyId], tiers[i] != 0 else { continue }
            intentByCompany[i, default: []].append(s)
        }
        var rows: [AccountListRow] = []
        var names: [String] = []
        for i in 0..<c.n where tiers[i] != 0 {
            let company = c.data.companies[i]
            let topics = IntentSurge.topics(of: intentByCompany[i] ?? [], asOf: day, parameters: c.p)
            let facts = activity[company.id]
            rows.append(
                AccountListRow(
                    companyId: company.id, name: company.name, tier: Tier(rawValue: Int(tiers[i]))!,
                    icpMatch: c.phase1.matchesICP(company.id), score: score[i], scoreChange7d: score[i] - before[i],
                    engagedContacts: facts?.engagedContacts ?? 0, topTopics: topics.prefix(3).map(\.topic),
                    surging: topics.contains { $0.isSurging(c.p) }, lastActivity: facts?.lastActivity,
                    openPipeline: pipeline[i]))
            names.append(CompanyNameNormalizer.normalize(company.name))
        }
        self.rows = rows
        normalizedNames = names
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
