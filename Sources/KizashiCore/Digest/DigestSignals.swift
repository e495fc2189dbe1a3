/// The accounts whose signals moved in the review's last week (issue 24 §1): the biggest risers
/// and fallers of the engagement score, the accounts whose intent started surging, and those
/// researching competitors. Read from two account lists (`AccountList`, the accounts page's
/// rows), the review's `day` and the week before it, so every figure is one the accounts page
/// shows for that day.
///
/// `day` is the period's last day, or the day before the as-of day when the period reaches past
/// it (a report for the current week only knows yesterday in full).
public struct DigestSignals: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public var companyId: String
        public var name: String
        public var tier: Tier
        public var score: Double
        /// score(day) − score(day − 7).
        public var change: Double
        /// Surging topics (new surges) or competitor topics (research); empty for movers.
        public var topics: [String]
    }

    /// How many accounts each list names at most.
    public static let count = 5

    public var day: Day
    /// Score up the most in the 7 days to `day`, biggest first; only rises.
    public var risers: [Account]
    /// Score down the most, biggest fall first; only falls.
    public var fallers: [Account]
    /// Surging on `day` (`IntentSurge.isSurging`) and not on `day − 7`, highest score first.
    public var newSurges: [Account]
    /// With competitor-research intent in the 7 days to `day`, highest score first.
    public var competitorResearch: [Account]

    public init(
        day: Day, risers: [Account] = [], fallers: [Account] = [], newSurges: [Account] = [],
        competitorResearch: [Account] = []
    ) {
        self.day = day
        self.risers = risers
        self.fallers = fallers
        self.newSurges = newSurges
        self.competitorResearch = competitorResearch
    }

    /// The day the signals are read on, for a review of `period` as of `asOf`.
    public static func day(period: KPIPeriod, asOf: Day) -> Day {
        min(period.end - 1, asOf - 1)
    }

    /// `now` is the account list on `day`, `weekBefore` the one on `day − 7`; `tier` keeps one
    /// tier's accounts (as on `day`). Ties are broken by company_id, so the same data always
    /// names the same accounts.
    public init(now: AccountList, weekBefore: AccountList, tier: Tier?, parameters p: ScoringParameters) {
        var rows: [Candidate] = []
        for (i, r) in now.rows.enumerated() {
            rows.append((r, now.intentTopics[i].filter { $0.isSurging(p) }.map(\.topic), now.competitorTopics[i]))
        }
        var surgingBefore = Set<String>()
        for (i, r) in weekBefore.rows.enumerated() where weekBefore.intentTopics[i].contains(where: { $0.isSurging(p) })
        {
            surgingBefore.insert(r.companyId)
        }
        self.init(day: now.asOf, rows: rows, surgingBefore: surgingBefore, tier: tier)
    }

    /// One account of the list on `day`: its row, surging topics and competitor topics.
    typealias Candidate = (row: AccountListRow, surging: [String], competitor: [String])

    /// The selection itself, on plain rows (tested by hand on its own).
    init(day: Day, rows all: [Candidate], surgingBefore: Set<String>, tier: Tier?) {
        let rows = all.filter { tier == nil || $0.row.tier == tier }
        func account(_ r: AccountListRow, _ topics: [String] = []) -> Account {
            Account(
                companyId: r.companyId, name: r.name, tier: r.tier, score: r.score, change: r.scoreChange7d,
                topics: topics)
        }
        func byScore(_ a: Account, _ b: Account) -> Bool {
            a.score != b.score ? a.score > b.score : a.companyId < b.companyId
        }
        let risers = rows.filter { $0.row.scoreChange7d > 0 }.map { account($0.row) }.sorted {
            $0.change != $1.change ? $0.change > $1.change : $0.companyId < $1.companyId
        }
        let fallers = rows.filter { $0.row.scoreChange7d < 0 }.map { account($0.row) }.sorted {
            $0.change != $1.change ? $0.change < $1.change : $0.companyId < $1.companyId
        }
        let surges = rows.filter { !$0.surging.isEmpty && !surgingBefore.contains($0.row.companyId) }
            .map { account($0.row, $0.surging) }.sorted(by: byScore)
        let research = rows.filter { !$0.competitor.isEmpty }.map { account($0.row, $0.competitor) }.sorted(by: byScore)
        self.init(
            day: day, risers: Array(risers.prefix(Self.count)), fallers: Array(fallers.prefix(Self.count)),
            newSurges: Array(surges.prefix(Self.count)), competitorResearch: Array(research.prefix(Self.count)))
    }

    public func json() -> JSONValue {
        func list(_ accounts: [Account]) -> JSONValue {
            .array(
                accounts.map {
                    .object([
                        ("company_id", .string($0.companyId)), ("name", .string($0.name)),
                        ("tier", .int($0.tier.rawValue)),
                        ("score", .number($0.score)), ("score_change_7d", .number($0.change)),
                        ("topics", .array($0.topics.map { .string($0) })),
                    ])
                })
        }
        return .object([
            ("day", .string(day.description)), ("risers", list(risers)), ("fallers", list(fallers)),
            ("new_surges", list(newSurges)), ("competitor_research", list(competitorResearch)),
        ])
    }
}
