import Foundation

/// The alert rules (issue 4 §Alerts), each with its default. Scoped to tiers; owners optional.
public struct AlertRules: Sendable, Equatable {
    /// Engagement score crosses this upward (yesterday below, today at or above).
    public var scoreThreshold = 60.0
    /// 7-day score rise that counts as a spike.
    public var momentumSpike = 15.0
    /// Hours during which one account does not alert twice for the same reason.
    public var cooldownHours = 72
    /// Only these tiers (empty = every tier).
    public var tiers: Set<Tier> = []
    /// Only accounts of these owners (targets.owner; empty = everyone's).
    public var owners: Set<String> = []
    /// Only accounts that are members of one of these saved segments on the day (issue 26 §4;
    /// empty = every account).
    public var segments: Set<String> = []

    public init() {}

    /// From the `alerts.rules` setting, a JSON object with any of: score_threshold, momentum_spike,
    /// cooldown_hours, tiers ([1, 2]), owners (["佐藤"]), segments (["大手"]). The setting is
    /// checked when it is set (`AlertRules.problem`).
    public init(settingJSON: String?) throws {
        self.init()
        guard let text = settingJSON, !text.isEmpty else { return }
        guard let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw EventProblem("alerts.rules must be a JSON object")
        }
        if let v = o["score_threshold"] as? NSNumber { scoreThreshold = v.doubleValue }
        if let v = o["momentum_spike"] as? NSNumber { momentumSpike = v.doubleValue }
        if let v = o["cooldown_hours"] as? NSNumber { cooldownHours = v.intValue }
        if let v = o["tiers"] as? [NSNumber] { tiers = Set(v.compactMap { Tier(rawValue: $0.intValue) }) }
        if let v = o["owners"] as? [String] { owners = Set(v) }
        if let v = o["segments"] as? [String] { segments = Set(v) }
    }
}

/// One alert: which account, which rule, the reason (the cool-down key) and a message in both languages.
public struct AlertCandidate: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        case scoreThreshold = "score_threshold"
        case momentumSpike = "momentum_spike"
        case newSurge = "new_surge"
        case decisionMakerFirst = "decision_maker_first"
        case highIntent = "high_intent"
    }
    public var companyId: String
    public var companyName: String
    public var rule: Rule
    /// What makes two alerts "the same reason" for the cool-down (e.g. the topic).
    public var reasonKey: String
    public var en: String
    public var ja: String
    public var score: Double
    /// The account's owner on the target list (set by the App's evaluator): the alert also goes
    /// to that owner's route, if there is one (issue 27 §3).
    public var owner: String? = nil
    /// The message in `lang` (both are stored with the alert).
    public func message(_ lang: Language) -> String { Bilingual(en: en, ja: ja)(lang) }

    public init(
        companyId: String, companyName: String, rule: Rule, reasonKey: String, en: String, ja: String, score: Double
    ) {
        self.companyId = companyId
        self.companyName = companyName
        self.rule = rule
        self.reasonKey = reasonKey
        self.en = en
        self.ja = ja
        self.score = score
    }
}

/// Evaluates the rules for the accounts an event batch touched. Pure: the caller gives the
/// account rows, the scores of yesterday, the topics today and yesterday, and the new activities.
public enum AlertEvaluation {
    public struct AccountState: Sendable {
        public var row: AccountListRow
        public var owner: String?
        public var scoreYesterday: Double
        public var surgingToday: [IntentSurge]
        public var surgingYesterday: Set<String>
        /// Activities just added for this account, with their contact's role and whether that
        /// contact had any activity before.
        public var newActivities: [(activity: Activity, role: ContactRole?, contactIsNew: Bool, contactName: String?)]
        /// The saved segments the account is a member of today (read only when a rule names
        /// segments).
        public var segments: Set<String> = []
        public init(
            row: AccountListRow, owner: String?, scoreYesterday: Double, surgingToday: [IntentSurge],
            surgingYesterday: Set<String>,
            newActivities: [(activity: Activity, role: ContactRole?, contactIsNew: Bool, contactName: String?)]
        ) {
            self.row = row
            self.owner = owner
            self.scoreYesterday = scoreYesterday
            self.surgingToday = surgingToday
            self.surgingYesterday = surgingYesterday
            self.newActivities = newActivities
        }
    }

    public static func candidates(_ s: AccountState, rules: AlertRules) -> [AlertCandidate] {
        let r = s.row
        if !rules.tiers.isEmpty && !rules.tiers.contains(r.tier) { return [] }
        if !rules.owners.isEmpty && !(s.owner.map(rules.owners.contains) ?? false) { return [] }
        if !rules.segments.isEmpty && rules.segments.isDisjoint(with: s.segments) { return [] }
        var out: [AlertCandidate] = []
        func add(_ rule: AlertCandidate.Rule, _ key: String, _ en: String, _ ja: String) {
            out.append(
                AlertCandidate(
                    companyId: r.companyId, companyName: r.name, rule: rule, reasonKey: key, en: en, ja: ja,
                    score: r.score))
        }
        let f = { (x: Double) in String(format: "%.1f", x) }
        if s.scoreYesterday < rules.scoreThreshold && r.score >= rules.scoreThreshold {
            add(
                .scoreThreshold, "\(Int(rules.scoreThreshold))",
                "\(r.name): engagement score crossed \(f(rules.scoreThreshold)) (now \(f(r.score)))",
                "\(r.name)：エンゲージメントスコアが\(f(rules.scoreThreshold))を超えました（現在\(f(r.score))）")
        }
        if r.scoreChange7d >= rules.momentumSpike {
            add(
                .momentumSpike, "momentum", "\(r.name): score up \(f(r.scoreChange7d)) points in 7 days",
                "\(r.name)：スコアが7日間で\(f(r.scoreChange7d))上昇")
        }
        for t in s.surgingToday where !s.surgingYesterday.contains(t.topic) {
            add(
                .newSurge, t.topic,
                "\(r.name): intent on \(t.topic) surged (\(f(t.baseline)) → \(f(t.current ?? 0)))",
                "\(r.name)：「\(t.topic)」のインテントが急上昇（\(f(t.baseline))→\(f(t.current ?? 0))）")
        }
        for a in s.newActivities where a.role == .decisionMaker && a.contactIsNew {
            let who = a.contactName ?? a.activity.contactId ?? ""
            add(
                .decisionMakerFirst, a.activity.contactId ?? "",
                "\(r.name): decision maker \(who) engaged for the first time",
                "\(r.name)：意思決定者 \(who) が初めてエンゲージ")
        }
        for a in s.newActivities {
            let act = a.activity
            let pricing = RecentAccountActivity(
                companyId: r.companyId, day: Day(daysSinceEpoch: 0), type: act.type, contactId: act.contactId,
                department: nil, role: a.role, contactName: a.contactName, url: act.url, topic: act.topic)
            guard pricing.isHighIntent else { continue }
            let what: (String, String) =
                act.type == .formSubmit
                ? ("submitted a form", "フォームを送信")
                : act.type == .eventAttend ? ("attended an event", "イベントに参加") : ("viewed the pricing page", "料金ページを閲覧")
            add(.highIntent, act.type.rawValue + (act.url ?? ""), "\(r.name): \(what.0)", "\(r.name)：\(what.1)")
        }
        return out
    }
}
