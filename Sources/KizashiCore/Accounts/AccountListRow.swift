/// One target account as the accounts page and `/api/v1/accounts` list it.
public struct AccountListRow: Sendable, Equatable {
    public var companyId: String
    public var name: String
    /// The tier on the as-of day (kpis.md §Period: the latest active targets row decides).
    public var tier: Tier
    public var icpMatch: Bool
    /// kpis.md §engagement score as of the day.
    public var score: Double
    /// score(day) − score(day − 7): momentum.
    public var scoreChange7d: Double
    /// Distinct contacts among the activities counted in the score (kpis.md §engagement score).
    public var engagedContacts: Int
    /// Topics as of the day, surging first (IntentSurge.topics), at most three.
    public var topTopics: [String]
    public var surging: Bool
    public var lastActivity: Instant?
    /// Sum of the amounts of the account's open opportunities.
    public var openPipeline: Double

    public init(
        companyId: String, name: String, tier: Tier, icpMatch: Bool, score: Double, scoreChange7d: Double,
        engagedContacts: Int, topTopics: [String], surging: Bool, lastActivity: Instant?, openPipeline: Double
    ) {
        self.companyId = companyId
        self.name = name
        self.tier = tier
        self.icpMatch = icpMatch
        self.score = score
        self.scoreChange7d = scoreChange7d
        self.engagedContacts = engagedContacts
        self.topTopics = topTopics
        self.surging = surging
        self.lastActivity = lastActivity
        self.openPipeline = openPipeline
    }
}

/// What the accounts list can be filtered and sorted by.
public struct AccountListQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case score, change, name, tier, contacts, lastActivity = "last_activity", pipeline
    }
    public var tier: Tier?
    /// true: ICP matches only; false: non-matches only.
    public var icp: Bool?
    /// Only accounts with score ≥ the engaged threshold (kpis.md §engagement score).
    public var engagedOnly = false
    public var surgingOnly = false
    /// Matched against normalised company names (CompanyNameNormalizer: 株式会社 and width do not matter).
    public var search: String?
    public var sort: Sort = .score
    public var descending = true

    public init(
        tier: Tier? = nil, icp: Bool? = nil, engagedOnly: Bool = false, surgingOnly: Bool = false,
        search: String? = nil, sort: Sort = .score, descending: Bool = true
    ) {
        self.tier = tier
        self.icp = icp
        self.engagedOnly = engagedOnly
        self.surgingOnly = surgingOnly
        self.search = search
        self.sort = sort
        self.descending = descending
    }
}
