/// What an audience export is asked for (issue 27 §2): where the accounts come from, which tier,
/// which file. Parsed here once, so the CLI's options and the API's query parameters (both from
/// outside) are validated by the same rules and refused with the same reasons.
public enum AudienceSource: Sendable, Equatable, CustomStringConvertible {
    /// The target accounts active on the day.
    case targetList
    /// The members of a saved segment on the day (docs/segments.md).
    case segment(String)

    /// `target-list` or `segment:NAME` (NAME as `SavedSegment.nameProblem` allows). At most 300
    /// bytes, read before anything else: a name has at most 64 characters of up to 4 bytes each.
    public init(parsing text: String) throws(AudienceRequestProblem) {
        guard text.utf8.count <= 300 else { throw AudienceRequestProblem(field: "from", reason: "is too long") }
        if text == "target-list" {
            self = .targetList
            return
        }
        guard text.hasPrefix("segment:") else {
            throw AudienceRequestProblem(field: "from", reason: "must be target-list or segment:NAME")
        }
        let name = String(text.dropFirst("segment:".count))
        if let why = SavedSegment.nameProblem(name) { throw AudienceRequestProblem(field: "from", reason: why) }
        self = .segment(name)
    }

    public var description: String {
        switch self {
        case .targetList: "target-list"
        case .segment(let name): "segment:\(name)"
        }
    }
}

/// The file an audience becomes. Raw values are what `--format` and `format=` take.
public enum AudienceFormat: String, Sendable, CaseIterable {
    /// LinkedIn Matched Audiences company list (accounts; no personal data).
    case linkedin
    /// Google Ads Customer Match contact file (contacts' e-mails and phones, SHA-256 hashed).
    case googleAds = "google-ads"
    /// Meta custom audience customer file (contacts' e-mails, phones and country, SHA-256 hashed).
    case meta
    /// A plain account list for other tools (accounts; no personal data).
    case csv

    public init(parsing text: String) throws(AudienceRequestProblem) {
        guard let f = AudienceFormat(rawValue: text) else {
            throw AudienceRequestProblem(field: "format", reason: "must be linkedin, google-ads, meta or csv")
        }
        self = f
    }

    /// Whether the file holds (hashed) data about people: it is then an export of personal data.
    public var holdsContacts: Bool { self == .googleAds || self == .meta }
}

/// A request that cannot be done as asked, naming the field (`from`, `tier`, `format`, `on`).
public struct AudienceRequestProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
    public var description: String { "\(field) \(reason)" }
}
