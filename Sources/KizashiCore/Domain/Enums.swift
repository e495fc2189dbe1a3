/// Enumerated values of the canonical package (data-format.md). Raw values are exactly the
/// lower-case words of the spec; anything else is a bad row.

public enum ActivityType: String, CaseIterable, Sendable, Codable {
    case webVisit = "web_visit"
    case emailOpen = "email_open"
    case emailClick = "email_click"
    case contentView = "content_view"
    case adClick = "ad_click"
    case formSubmit = "form_submit"
    case eventAttend = "event_attend"

    /// A dense index (0…6) for roll-up arrays.
    public var index: Int {
        switch self {
        case .webVisit: 0
        case .emailOpen: 1
        case .emailClick: 2
        case .contentView: 3
        case .adClick: 4
        case .formSubmit: 5
        case .eventAttend: 6
        }
    }
    public init?(index: Int) {
        guard (0..<7).contains(index) else { return nil }
        self = ActivityType.allCases[index]
    }
}

public enum IntentKind: String, CaseIterable, Sendable, Codable {
    case keywordSearch = "keyword_search"
    case competitorVisit = "competitor_visit"
    case contentConsumption = "content_consumption"
    case reviewSite = "review_site"
}

public enum ContactRole: String, CaseIterable, Sendable, Codable {
    case decisionMaker = "decision_maker"
    case influencer
    case user
    case other
}

public enum LeadStage: String, CaseIterable, Sendable, Codable {
    case mql, sql
}

public enum MeetingKind: String, CaseIterable, Sendable, Codable {
    case firstMeeting = "first_meeting"
    case demo
    case other
}

public enum OpportunityStatus: String, CaseIterable, Sendable, Codable {
    case open, won, lost
}

/// Target tier: 1 = most strategic.
public enum Tier: Int, CaseIterable, Sendable, Codable, Comparable {
    case one = 1, two = 2, three = 3
    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}
