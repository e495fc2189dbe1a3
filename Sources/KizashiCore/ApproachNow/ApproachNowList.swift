import Foundation

/// Why an account is on the "approach now" list, as facts; rendered in either language.
public enum ApproachReason: Sendable, Equatable {
    case pricingVisits(department: String?, people: Int, visits: Int)
    case surge(topic: String, baseline: Double, current: Double)
    case competitorResearch(topics: [String])
    case formsSubmitted(Int)
    case eventsAttended(Int)
    case momentum(points: Double)
    case openDeal

    public func text(_ lang: Language) -> String {
        func n(_ x: Double) -> String { String(Int(x.rounded())) }
        switch self {
        case .pricingVisits(let dept, let people, let visits):
            let where_ = dept.map { L10n.t("now.reason.pricing.department", lang, $0) } ?? ""
            return L10n.t(
                people == 1 ? "now.reason.pricing.one" : "now.reason.pricing.other", lang, where_, String(visits),
                visits == 1 ? "" : "s", String(people))
        case .surge(let topic, let baseline, let current):
            return L10n.t("now.reason.surge", lang, topic, n(baseline), n(current))
        case .competitorResearch(let topics):
            return L10n.t(
                "now.reason.competitors", lang,
                topics.joined(separator: L10n.t("now.reason.competitors.separator", lang)))
        case .formsSubmitted(let k):
            return L10n.t(k == 1 ? "now.reason.forms.one" : "now.reason.forms.other", lang, k)
        case .eventsAttended(let k):
            return L10n.t(k == 1 ? "now.reason.events.one" : "now.reason.events.other", lang, k)
        case .momentum(let p):
            return L10n.t("now.reason.momentum", lang, String(format: "%.1f", p))
        case .openDeal:
            return L10n.t("now.reason.openDeal", lang)
        }
    }
}

/// What to do next, from the strongest signal.
public enum ApproachAction: String, Sendable, Equatable {
    case callAboutForm = "call_about_form"
    case proposePricing = "propose_pricing"
    case followUpEvent = "follow_up_event"
    case sendTopicContent = "send_topic_content"
    case personalEmail = "personal_email"

    public func text(_ lang: Language, topic: String?) -> String {
        L10n.t("now.action.\(rawValue)", lang, topic ?? L10n.t("now.action.topicFallback", lang))
    }
}

/// One account of the list, with every factor's value and points so the rank can be audited.
public struct ApproachEntry: Sendable {
    public var account: AccountListRow
    public var priority: Double
    public var factors: [(factor: ApproachFactor, value: Double, points: Double)]
    public var penalized: Bool
    public var reasons: [ApproachReason]
    /// Surging or current topics, then the pages and content they viewed recently.
    public var interests: [String]
    /// The most engaged decision maker, else influencer, else anyone, in the recent days.
    public var contact: (id: String, name: String?, department: String?, role: ContactRole?)?
    public var action: ApproachAction
    public var actionTopic: String?
    /// The propensity model's probability of a new opportunity within its horizon, when the list
    /// is ranked by the model.
    public var modelProbability: Double?
    /// The value the list is ordered by (the chosen candidate's: rule score, engagement score or
    /// the model's probability), shown first so the order always matches the number beside it.
    public var rankValue: Double?
    /// Why the model ranks the account where it does: its largest contributions, strongest first.
    public var drivers: [ScoreDriver] = []
    /// The buying-group roles no contact has engaged in the score window (issue 26 §3), so the
    /// BDR knows whom to reach: filled in by the App for the listed entries only.
    public var coverageGaps: [BuyingGroupRules.Requirement] = []
    /// An opportunity is open: the entry belongs to the "in a deal — re-engaging" part.
    public var inOpenDeal: Bool { account.openPipeline > 0 }

    /// "No one engaged yet: 情報システム部 influencer" (nil when every role is covered).
    public func coverageGapText(_ lang: Language) -> String? {
        coverageGaps.isEmpty
            ? nil
            : L10n.t(
                "coverage.missing", lang, coverageGaps.map { L10n.requirementName($0, lang) }.joined(separator: ", "))
    }
}

/// The "approach now" (今アプローチすべき企業) list: target accounts ranked by a transparent rule
/// score over fit, engagement, momentum, intent surge, buying-committee breadth and recent
/// high-intent actions, with accounts in open deals ranked lower unless re-engaging.
public enum ApproachNowList {
    /// Every entry of the list, ranked, each with its reasons, interests and contact.
    public static func rank(
        accounts: AccountList, recent: [RecentAccountActivity], parameters p: ScoringParameters,
        weights w: ApproachWeights = ApproachWeights(), tier: Tier? = nil
    ) -> [ApproachEntry] {
        ranking(accounts: accounts, recent: recent, parameters: p, weights: w, tier: tier).entries()
    }

    /// The list ranked by the numbers alone; entries (reasons, interests, contact) are built on
    /// demand, for the ones shown. Why: at 100k accounts, building the words for every account
    /// cost five times the ranking itself, and a page shows thirty.
    public static func ranking(
        accounts: AccountList, recent: [RecentAccountActivity], parameters p: ScoringParameters,
        weights w: ApproachWeights = ApproachWeights(), tier: Tier? = nil
    ) -> ApproachRanking {
        let today = accounts.asOf
        let recentFrom = today - (w.recentDays - 1)
        // The recent activities grouped by row, as one flat array with offsets (a counting sort):
        // no array per account.
        let n = accounts.rows.count
        let rowOf = CompanyRowIndex(accounts.rows)
        var rowOfActivity = [Int](repeating: -1, count: recent.count)
        var start = [Int](repeating: 0, count: n + 1)
        recent.withUnsafeBufferPointer { recent in
            for i in recent.indices where recent[i].day >= recentFrom && recent[i].day <= today {
                guard let k = rowOf.row(of: recent[i].companyId) else { continue }
                rowOfActivity[i] = k
                start[k + 1] += 1
            }
        }
        for k in 0..<n { start[k + 1] += start[k] }
        var fill = start
        var grouped = [Int](repeating: 0, count: start[n])
        for i in recent.indices where rowOfActivity[i] >= 0 {
            grouped[fill[rowOfActivity[i]]] = i
            fill[rowOfActivity[i]] += 1
        }
        let weights = w.all
        var scores: [ApproachScore] = []
        scores.reserveCapacity(n)
        var seen: [(contact: String, role: ContactRole?)] = []
        // Rows, activities and topics are read in place (unsafe buffers), never copied: copying
        // a row or an activity retains and releases each of its strings, most of this loop's time.
        accounts.rows.withUnsafeBufferPointer { rows in
            recent.withUnsafeBufferPointer { recent in
                accounts.intentTopics.withUnsafeBufferPointer { intentTopics in
                    for k in rows.indices where tier == nil || rows[k].tier == tier {
                        let acts = grouped[start[k]..<start[k + 1]]
                        var surging = 0
                        for t in intentTopics[k].indices where intentTopics[k][t].isSurging(p) { surging += 1 }

                        // Factors, each 0…1.
                        var v = ApproachScore.Values()
                        let rowTier = rows[k].tier
                        let tierFit: Double = rowTier == .one ? 1 : (rowTier == .two ? 0.6 : 0.3)
                        let change = rows[k].scoreChange7d
                        v.fit = 0.5 * (rows[k].icpMatch ? 1 : 0) + 0.5 * tierFit
                        v.engagement = min(max(rows[k].score / 100, 0), 1)
                        v.momentum = min(max(change / 20, 0), 1)
                        v.intent = surging == 0 ? 0 : min(1, 0.6 + 0.2 * Double(surging - 1))
                        // The committee: each contact counted once, with the role of its latest activity.
                        seen.removeAll(keepingCapacity: true)
                        for a in acts {
                            guard let c = recent[a].contactId else { continue }
                            if let i = seen.firstIndex(where: { $0.contact == c }) {
                                seen[i].role = recent[a].role
                            } else {
                                seen.append((c, recent[a].role))
                            }
                        }
                        var dms = 0
                        var influencers = 0
                        for s in seen {
                            if s.role == .decisionMaker { dms += 1 } else if s.role == .influencer { influencers += 1 }
                        }
                        v.committee = min(1, (Double(dms) + 0.5 * Double(influencers)) / 2)
                        var highIntent = 0.0
                        for a in acts where recent[a].isHighIntent {
                            let type = recent[a].type
                            let weight = type == .formSubmit ? 0.6 : (type == .eventAttend ? 0.5 : 0.4)
                            highIntent += weight * pow(0.5, Double(today - recent[a].day) / 3.5)
                        }
                        v.highIntent = min(highIntent, 1)
                        var priority = 0.0
                        for (factor, weight) in weights { priority += 100 * weight * v[factor] }
                        let penalized = rows[k].openPipeline > 0 && change < w.reengagingMomentum
                        if penalized { priority *= w.openPipelineMultiplier }
                        scores.append(ApproachScore(row: k, priority: priority, values: v, penalized: penalized))
                    }
                }
            }
        }
        // Ordered on demand (`scores`, `top`): a page needs its first thirty, not 100k sorted.
        return ApproachRanking(
            accounts: accounts, unordered: scores, recent: recent, recentStart: start,
            recentGrouped: grouped, parameters: p, weights: w)
    }
}

/// One account's place on the list: its priority and every factor's value (0…1).
public struct ApproachScore: Sendable {
    public struct Values: Sendable {
        public var fit = 0.0, engagement = 0.0, momentum = 0.0, intent = 0.0, committee = 0.0, highIntent = 0.0
        public subscript(_ f: ApproachFactor) -> Double {
            switch f {
            case .fit: fit
            case .engagement: engagement
            case .momentum: momentum
            case .intent: intent
            case .committee: committee
            case .highIntent: highIntent
            }
        }
    }
    /// Position in the account list's rows.
    public var row: Int
    public var priority: Double
    public var values: Values
    public var penalized: Bool
}

/// The ranked list; `entries(limit:)` builds the shown entries with their reasons.
public struct ApproachRanking: Sendable {
    public let accounts: AccountList
    /// Every account's score, in account-list order.
    let unordered: [ApproachScore]
    private let order = SharedLazy<[ApproachScore]>()
    let recent: [RecentAccountActivity]
    /// Row k's recent activities are `recent[recentGrouped[recentStart[k]..<recentStart[k + 1]]]`, in order.
    let recentStart: [Int]
    let recentGrouped: [Int]
    let parameters: ScoringParameters
    let weights: ApproachWeights

    public var count: Int { unordered.count }

    /// The list's order: higher priority first, company_id breaking ties.
    func ranksBefore(_ a: ApproachScore, _ b: ApproachScore) -> Bool {
        a.priority != b.priority
            ? a.priority > b.priority
            : accounts.rows.withUnsafeBufferPointer { $0[a.row].companyId < $0[b.row].companyId }
    }

    /// Every score, best first (sorted once, on first use).
    public var scores: [ApproachScore] {
        order.get {
            // (priority, position) pairs sort faster than the scores themselves.
            var keyed = unordered.indices.map { (priority: unordered[$0].priority, at: Int32($0)) }
            accounts.rows.withUnsafeBufferPointer { rows in
                keyed.sort { a, b in
                    a.priority != b.priority
                        ? a.priority > b.priority
                        : rows[unordered[Int(a.at)].row].companyId < rows[unordered[Int(b.at)].row].companyId
                }
            }
            return keyed.map { unordered[Int($0.at)] }
        }
    }

    /// The first `k` of `scores` (of one tier when given), without sorting the rest: one pass
    /// keeping the best `k` seen. The same order as `scores`.
    public func top(_ k: Int, tier: Tier? = nil) -> [ApproachScore] {
        guard k > 0 else { return [] }
        if let all = order.ifComputed {
            return Array(all.lazy.filter { tier == nil || self.accounts.rows[$0.row].tier == tier }.prefix(k))
        }
        var best: [ApproachScore] = []
        best.reserveCapacity(k + 1)
        for s in unordered where tier == nil || accounts.rows[s.row].tier == tier {
            if best.count == k, !ranksBefore(s, best[k - 1]) { continue }
            var i = best.count
            best.append(s)
            while i > 0 && ranksBefore(s, best[i - 1]) {
                best[i] = best[i - 1]
                i -= 1
            }
            best[i] = s
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// The first `limit` entries (all when nil), in rank order.
    public func entries(limit: Int? = nil) -> [ApproachEntry] {
        guard let limit else { return scores.map(entry) }
        return top(limit).map(entry)
    }

    /// The entry of one ranked account: its factors with points, reasons strongest first,
    /// interests, the contact to call and the next action.
    public func entry(_ score: ApproachScore) -> ApproachEntry {
        let p = parameters
        let w = weights
        let k = score.row
        let row = accounts.rows[k]
        let acts = recentGrouped[recentStart[k]..<recentStart[k + 1]].map { recent[$0] }
        let topics = accounts.intentTopics[k]
        let surging = topics.filter { $0.isSurging(p) }
        let factors = w.all.map {
            (factor: $0.factor, value: score.values[$0.factor], points: 100 * $0.weight * score.values[$0.factor])
        }
        var roleOf: [String: ContactRole?] = [:]
        var activityCount: [String: Int] = [:]
        for a in acts {
            guard let c = a.contactId else { continue }
            roleOf[c] = a.role
            activityCount[c, default: 0] += 1
        }

        // Reasons, strongest first.
        var reasons: [ApproachReason] = []
        let pricing = acts.filter(\.isPricingVisit)
        if !pricing.isEmpty {
            var byDept: [String: (people: Set<String>, visits: Int)] = [:]
            for a in pricing {
                byDept[a.department ?? "", default: ([], 0)].visits += 1
                if let c = a.contactId { byDept[a.department ?? "", default: ([], 0)].people.insert(c) }
            }
            let top = byDept.max { ($0.value.visits, $1.key) < ($1.value.visits, $0.key) }!
            reasons.append(
                .pricingVisits(
                    department: top.key.isEmpty ? nil : top.key, people: max(top.value.people.count, 1),
                    visits: top.value.visits))
        }
        for s in surging.prefix(2) {
            reasons.append(.surge(topic: s.topic, baseline: s.baseline, current: s.current ?? 0))
        }
        let competitor = accounts.competitorTopics[k]
        if !competitor.isEmpty { reasons.append(.competitorResearch(topics: competitor)) }
        let forms = acts.filter { $0.type == .formSubmit }.count
        if forms > 0 { reasons.append(.formsSubmitted(forms)) }
        let events = acts.filter { $0.type == .eventAttend }.count
        if events > 0 { reasons.append(.eventsAttended(events)) }
        if row.scoreChange7d >= 5 { reasons.append(.momentum(points: row.scoreChange7d)) }
        if score.penalized { reasons.append(.openDeal) }

        // Interests: topics, then pages and content.
        var interests: [String] =
            surging.map(\.topic) + topics.filter { !$0.isSurging(p) && $0.currentCount > 0 }.map(\.topic)
        var pageCounts: [String: Int] = [:]
        for a in acts {
            if let t = a.topic { pageCounts[t, default: 0] += 2 }
            if let u = a.url, a.type == .webVisit || a.type == .contentView { pageCounts[u, default: 0] += 1 }
        }
        for (k, _) in pageCounts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) })
        where !interests.contains(k) {
            interests.append(k)
        }

        // Who to contact: decision maker, then influencer, then anyone; most active first.
        func rank(_ r: ContactRole?) -> Int { r == .decisionMaker ? 0 : (r == .influencer ? 1 : 2) }
        let best = activityCount.keys.min { a, b in
            let ra = rank(roleOf[a] ?? nil), rb = rank(roleOf[b] ?? nil)
            if ra != rb { return ra < rb }
            if activityCount[a]! != activityCount[b]! { return activityCount[a]! > activityCount[b]! }
            return a < b
        }
        let contact = best.flatMap { id in
            acts.first { $0.contactId == id }.map {
                (id: id, name: $0.contactName, department: $0.department, role: $0.role)
            }
        }

        let action: ApproachAction =
            forms > 0
            ? .callAboutForm
            : !pricing.isEmpty
                ? .proposePricing
                : events > 0
                    ? .followUpEvent
                    : !surging.isEmpty ? .sendTopicContent : .personalEmail
        return ApproachEntry(
            account: row, priority: score.priority, factors: factors, penalized: score.penalized, reasons: reasons,
            interests: Array(interests.prefix(5)), contact: contact, action: action,
            actionTopic: surging.first?.topic ?? topics.first?.topic, modelProbability: nil)
    }
}
