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
            if lang == .ja {
                return "\(dept.map { "\($0)の" } ?? "")\(people)名が今週料金ページを\(visits)回閲覧"
            }
            let who = people == 1 ? "1 person" : "\(people) people"
            return
                "\(who)\(dept.map { " in \($0)" } ?? "") viewed the pricing page \(visits) time\(visits == 1 ? "" : "s") this week"
        case .surge(let topic, let baseline, let current):
            return lang == .ja
                ? "「\(topic)」のインテントが\(n(baseline))→\(n(current))に急上昇"
                : "intent on \(topic) surged from \(n(baseline)) to \(n(current))"
        case .competitorResearch(let topics):
            return lang == .ja
                ? "競合調査（\(topics.joined(separator: "、"))）" : "competitor research (\(topics.joined(separator: ", ")))"
        case .formsSubmitted(let k):
            return lang == .ja ? "今週フォーム送信\(k)件" : "\(k) form\(k == 1 ? "" : "s") submitted this week"
        case .eventsAttended(let k):
            return lang == .ja ? "今週イベント参加\(k)件" : "attended \(k) event\(k == 1 ? "" : "s") this week"
        case .momentum(let p):
            return lang == .ja
                ? "エンゲージメントスコアが7日間で\(String(format: "%.1f", p))上昇"
                : "engagement score up \(String(format: "%.1f", p)) points in 7 days"
        case .openDeal:
            return lang == .ja
                ? "商談進行中（再エンゲージではないため順位を下げています）" : "already in an open deal (ranked lower: not re-engaging)"
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
        switch self {
        case .callAboutForm: lang == .ja ? "24時間以内にフォーム内容について電話" : "Call within 24 hours about the form they sent"
        case .proposePricing: lang == .ja ? "個別の料金提案とデモ日程を打診" : "Offer a tailored pricing proposal and a demo"
        case .followUpEvent: lang == .ja ? "イベントのフォローアップ連絡" : "Follow up on the event they attended"
        case .sendTopicContent:
            lang == .ja
                ? "「\(topic ?? "関心テーマ")」の事例を送り面談を提案"
                : "Send a case study on \(topic ?? "their topic") and propose a meeting"
        case .personalEmail: lang == .ja ? "関心に合わせた個別メール" : "Send a personal e-mail matched to their interests"
        }
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
}

/// The "approach now" (今アプローチすべき企業) list: target accounts ranked by a transparent rule
/// score over fit, engagement, momentum, intent surge, buying-committee breadth and recent
/// high-intent actions, with accounts in open deals ranked lower unless re-engaging.
public enum ApproachNowList {
    public static func rank(
        accounts: AccountList, recent: [RecentAccountActivity], parameters p: ScoringParameters,
        weights w: ApproachWeights = ApproachWeights(), tier: Tier? = nil
    ) -> [ApproachEntry] {
        let today = accounts.asOf
        let recentFrom = today - (w.recentDays - 1)
        var recentBy: [String: [RecentAccountActivity]] = [:]
        for a in recent where a.day >= recentFrom && a.day <= today { recentBy[a.companyId, default: []].append(a) }
        var out: [ApproachEntry] = []
        out.reserveCapacity(accounts.rows.count)
        for (k, row) in accounts.rows.enumerated() where tier == nil || row.tier == tier {
            let acts = recentBy[row.companyId] ?? []
            let topics = accounts.intentTopics[k]
            let surging = topics.filter { $0.isSurging(p) }

            // Factors, each 0…1.
            let tierFit: Double = row.tier == .one ? 1 : (row.tier == .two ? 0.6 : 0.3)
            let fit = 0.5 * (row.icpMatch ? 1 : 0) + 0.5 * tierFit
            let engagement = min(max(row.score / 100, 0), 1)
            let momentum = min(max(row.scoreChange7d / 20, 0), 1)
            let intentFactor = surging.isEmpty ? 0 : min(1, 0.6 + 0.2 * Double(surging.count - 1))
            var roleOf: [String: ContactRole?] = [:]
            var activityCount: [String: Int] = [:]
            for a in acts {
                guard let c = a.contactId else { continue }
                roleOf[c] = a.role
                activityCount[c, default: 0] += 1
            }
            let dms = roleOf.values.filter { $0 == .decisionMaker }.count
            let influencers = roleOf.values.filter { $0 == .influencer }.count
            let committee = min(1, (Double(dms) + 0.5 * Double(influencers)) / 2)
            var highIntent = 0.0
            for a in acts where a.isHighIntent {
                let weight = a.type == .formSubmit ? 0.6 : (a.type == .eventAttend ? 0.5 : 0.4)
                highIntent += weight * pow(0.5, Double(today - a.day) / 3.5)
            }
            highIntent = min(highIntent, 1)
            func value(_ f: ApproachFactor) -> Double {
                switch f {
                case .fit: fit
                case .engagement: engagement
                case .momentum: momentum
                case .intent: intentFactor
                case .committee: committee
                case .highIntent: highIntent
                }
            }
            let factors = w.all.map {
                (factor: $0.factor, value: value($0.factor), points: 100 * $0.weight * value($0.factor))
            }
            var priority = factors.reduce(0) { $0 + $1.points }
            let penalized = row.openPipeline > 0 && row.scoreChange7d < w.reengagingMomentum
            if penalized { priority *= w.openPipelineMultiplier }

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
            if penalized { reasons.append(.openDeal) }

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
            out.append(
                ApproachEntry(
                    account: row, priority: priority, factors: factors, penalized: penalized, reasons: reasons,
                    interests: Array(interests.prefix(5)), contact: contact, action: action,
                    actionTopic: surging.first?.topic ?? topics.first?.topic, modelProbability: nil))
        }
        // Order positions, not the entries themselves (large structs: moving them cost more than comparing).
        let order = out.indices.sorted { a, b in
            out[a].priority != out[b].priority
                ? out[a].priority > out[b].priority : out[a].account.companyId < out[b].account.companyId
        }
        return order.map { out[$0] }
    }
}

extension ApproachNowList {
    /// Re-ranks the rule-scored list by the model's probabilities (as of `day`), keeping every
    /// reason and factor so the entry stays explainable.
    public static func rankedByModel(
        _ entries: [ApproachEntry], model: LogisticRegression, computation c: KPIComputation, day: Day,
        committee: CommitteeActivity = CommitteeActivity()
    ) -> [ApproachEntry] {
        var p: [String: Double] = [:]
        for f in c.propensityFeatures(on: day, committee: committee) { p[f.companyId] = model.probability(f.values) }
        var out = entries
        for i in out.indices { out[i].modelProbability = p[out[i].account.companyId] ?? 0 }
        return out.sorted { a, b in
            let x = a.modelProbability ?? 0, y = b.modelProbability ?? 0
            return x != y ? x > y : a.account.companyId < b.account.companyId
        }
    }
}
