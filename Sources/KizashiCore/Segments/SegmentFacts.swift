/// What a segment rule is judged on: one target account's facts on one day (its row of the
/// accounts list, its company's firmographics, its journey stage and buying-group coverage).
public struct SegmentFacts: Sendable, Equatable {
    public var companyId: String
    public var name: String
    /// nil for a company that is not a target that day (only a feeding segment judges those).
    public var tier: Tier?
    public var icpMatch: Bool
    public var industry: String?
    /// Employees when companies.csv holds a number (ASCII digits); nil otherwise.
    public var employees: Int?
    public var region: String?
    public var country: String?
    public var score: Double
    public var scoreChange7d: Double
    /// nil when the journey could not place the account that day.
    public var stage: JourneyStage?
    /// Intent topics as of the day (62-day window), surging first.
    public var topics: [String]
    public var surgingTopics: [String]
    /// nil when coverage is unknown (then `coverage:full` does not hold).
    public var coverageFull: Bool?
    /// Roles of the buying-group slots with no engaged contact.
    public var missingRoles: Set<ContactRole>

    public init(
        companyId: String, name: String, tier: Tier?, icpMatch: Bool = false, industry: String? = nil,
        employees: Int? = nil, region: String? = nil, country: String? = nil, score: Double = 0,
        scoreChange7d: Double = 0, stage: JourneyStage? = nil, topics: [String] = [], surgingTopics: [String] = [],
        coverageFull: Bool? = nil, missingRoles: Set<ContactRole> = []
    ) {
        self.companyId = companyId
        self.name = name
        self.tier = tier
        self.icpMatch = icpMatch
        self.industry = industry
        self.employees = employees
        self.region = region
        self.country = country
        self.score = score
        self.scoreChange7d = scoreChange7d
        self.stage = stage
        self.topics = topics
        self.surgingTopics = surgingTopics
        self.coverageFull = coverageFull
        self.missingRoles = missingRoles
    }

    /// companies.csv's `employees` as a number: ASCII digits only, at most 12 of them (no
    /// company has a trillion employees; the bound keeps the conversion from overflowing).
    public static func employees(_ text: String?) -> Int? {
        guard let t = text, !t.isEmpty, t.utf8.count <= 12, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        return Int(t)
    }

    /// Row of the accounts list, company, stage and coverage of one account, as facts.
    public init(
        row: AccountListRow, company: Company?, topics: [IntentSurge], parameters: ScoringParameters,
        stage: JourneyStage?, coverage: BuyingGroupCoverage?
    ) {
        self.init(
            companyId: row.companyId, name: row.name, tier: row.tier, icpMatch: row.icpMatch,
            industry: company?.industry, employees: Self.employees(company?.employees), region: company?.region,
            country: company?.country, score: row.score, scoreChange7d: row.scoreChange7d, stage: stage,
            topics: topics.map(\.topic), surgingTopics: topics.filter { $0.isSurging(parameters) }.map(\.topic),
            coverageFull: coverage?.isFull,
            missingRoles: Set(coverage?.missing.compactMap(\.requirement.role) ?? []))
    }
}
