/// The accounts whose signals moved over the review's period (issue 24 §1): the biggest risers
/// and fallers of the engagement score, the accounts whose intent started surging, and those
/// researching competitors. Read from two account lists (`AccountList`, the accounts page's
/// rows) — on the review's `day` and on `since`, the day before the period began — so every
/// figure is one the accounts page shows for those days.
///
/// `day` is the period's last day, or the day before the as-of day when the period reaches past
/// it (a report for the current week only knows yesterday in full). A weekly review's `since` is
/// `day − 7`, so its changes are the accounts page's 7-day changes; a month's or a quarter's span
/// the whole period, and never less than a week (a period just begun is read over its last week).
public struct DigestSignals: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public var companyId: String
        public var name: String
        public var tier: Tier
        public var score: Double
        /// score(day) − score(since).
        public var change: Double
        /// Surging topics (new surges) or competitor topics (research); empty for movers.
        public var topics: [String]
    }

    /// How many accounts each list names at most.
    public static let count = 5

    public var day: Day
    /// The day the changes are measured from.
    public var since: Day
    /// Score up the most from `since` to `day`, biggest first; only rises; accounts on the target
    /// list on both days (a score the accounts page showed on `since`).
    public var risers: [Account]
    /// Score down the most, biggest fall first; only falls.
    public var fallers: [Account]
    /// Surging on `day` (`IntentSurge.isSurging`) and not on `since`, highest score first.
    public var newSurges: [Account]
    /// With competitor-research intent in the 7 days to `day`, highest score first.
    public var competitorResearch: [Account]

    public init(
        day: Day, since: Day, risers: [Account] = [], fallers: [Account] = [], newSurges: [Account] = [],
        competitorResearch: [Account] = []
    ) {
        self.day = day
        self.since = since
        self.risers = risers
        self.fallers = fallers
        self.newSurges = newSurges
        self.competitorResearch = competitorResearch
    }

    /// The day the signals are read on, for a review of `period` as of `asOf`.
    public static func day(period: KPIPeriod, asOf: Day) -> Day {
        min(period.end - 1, asOf - 1)
    }

    /// The day the changes are measured from: the day before the period began, at least 7 days
    /// before `day`.
    public static func since(period: KPIPeriod, day: Day) -> Day {
        min(period.start - 1, day - 7)
    }

    /// `now` is the account list on `day`, `before` the one on `since`; `tier` keeps one tier's
    /// accounts (as on `day`). Ties are broken by company_id, so the same data always names the
    /// same accounts.
    /// `only`: keep just these accounts (an owner's own review, issue 27 §3).
    public init(
        now: AccountList, before: AccountList, tier: Tier?, parameters p: ScoringParameters, only: Set<String>? = nil
    ) {
        var rows: [Candidate] = []
        for (i, r) in now.rows.enumerated() where only?.contains(r.companyId) ?? true {
            rows.append((r, now.intentTopics[i].filter { $0.isSurging(p) }.map(\.topic), now.competitorTopics[i]))
        }
        var surgingBefore = Set<String>()
        var scoreBefore: [String: Double] = [:]
        for (i, r) in before.rows.enumerated() {
            scoreBefore[r.companyId] = r.score
            if before.intentTopics[i].contains(where: { $0.isSurging(p) }) { surgingBefore.insert(r.companyId) }
        }
        self.init(
            day: now.asOf, since: before.asOf, rows: rows, scoreBefore: scoreBefore, surgingBefore: surgingBefore,
            tier: tier)
    }

    /// One account of the list on `day`: its row, surging topics and competitor topics.
    typealias Candidate = (row: AccountListRow, surging: [String], competitor: [String])

    /// The selection itself, on plain rows (tested by hand on its own). `scoreBefore` holds the
    /// scores on `since` of the accounts listed then; the others have no change to rank.
    init(
        day: Day, since: Day, rows all: [Candidate], scoreBefore: [String: Double], surgingBefore: Set<String>,
        tier: Tier?
    ) {
        let rows = all.filter { tier == nil || $0.row.tier == tier }
        func change(_ r: AccountListRow) -> Double { scoreBefore[r.companyId].map { r.score - $0 } ?? 0 }
        func account(_ r: AccountListRow, _ topics: [String] = []) -> Account {
            Account(
                companyId: r.companyId, name: r.name, tier: r.tier, score: r.score, change: change(r),
                topics: topics)
        }
        func byScore(_ a: Account, _ b: Account) -> Bool {
            a.score != b.score ? a.score > b.score : a.companyId < b.companyId
        }
        let risers = rows.filter { change($0.row) > 0 }.map { account($0.row) }.sorted {
            $0.change != $1.change ? $0.change > $1.change : $0.companyId < $1.companyId
        }
        let fallers = rows.filter { change($0.row) < 0 }.map { account($0.row) }.sorted {
            $0.change != $1.change ? $0.change < $1.change : $0.companyId < $1.companyId
        }
        let surges = rows.filter { !$0.surging.isEmpty && !surgingBefore.contains($0.row.companyId) }
            .map { account($0.row, $0.surging) }.sorted(by: byScore)
        let research = rows.filter { !$0.competitor.isEmpty }.map { account($0.row, $0.competitor) }.sorted(by: byScore)
        self.init(
            day: day, since: since, risers: Array(risers.prefix(Self.count)),
            fallers: Array(fallers.prefix(Self.count)),
            newSurges: Array(surges.prefix(Self.count)), competitorResearch: Array(research.prefix(Self.count)))
    }

    public func json() -> JSONValue {
        func list(_ accounts: [Account]) -> JSONValue {
            .array(
                accounts.map {
                    .object([
                        ("company_id", .string($0.companyId)), ("name", .string($0.name)),
                        ("tier", .int($0.tier.rawValue)),
                        ("score", .number($0.score)), ("score_change", .number($0.change)),
                        ("topics", .array($0.topics.map { .string($0) })),
                    ])
                })
        }
        return .object([
            ("since", .string(since.description)), ("day", .string(day.description)), ("risers", list(risers)),
            ("fallers", list(fallers)),
            ("new_surges", list(newSurges)), ("competitor_research", list(competitorResearch)),
        ])
    }
}
