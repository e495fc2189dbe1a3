/// One entry of the initiative log (施策ログ, issue 24 §3): what the team did on a day — a
/// campaign launched, a sales play started — so a change in a KPI can be read against it.
public struct Initiative: Sendable, Equatable {
    /// The store's number; nil before it is stored.
    public var id: Int64?
    public var on: Day
    public var title: String
    public var campaignId: String?
    public var tier: Tier?
    public var createdAt: Instant

    public init(
        id: Int64? = nil, on: Day, title: String, campaignId: String? = nil, tier: Tier? = nil, createdAt: Instant
    ) {
        self.id = id
        self.on = on
        self.title = title
        self.campaignId = campaignId
        self.tier = tier
        self.createdAt = createdAt
    }

    public var json: JSONValue {
        .object([
            ("id", id.map { .int(Int($0)) } ?? .null), ("on", .string(on.description)), ("title", .string(title)),
            ("campaign_id", campaignId.map { .string($0) } ?? .null), ("tier", tier.map { .int($0.rawValue) } ?? .null),
        ])
    }
}

extension ExperimentInput {
    /// Longest initiative title, in characters.
    public static let maxTitleLength = 200

    /// A title: trimmed, 1–200 characters, no control or invisible characters.
    public static func initiativeTitle(_ text: String) throws -> String {
        let t = text.trimmingASCIIWhitespace()
        guard !t.isEmpty, t.count <= maxTitleLength else {
            throw Problem(field: "title", reason: "must be 1 to \(maxTitleLength) characters")
        }
        guard t.unicodeScalars.allSatisfy(visible) else {
            throw Problem(field: "title", reason: "must not contain control or invisible characters")
        }
        return t
    }

    /// A campaign reference: 1–200 characters, no control or invisible characters.
    public static func campaignId(_ text: String) throws -> String {
        let t = text.trimmingASCIIWhitespace()
        guard !t.isEmpty, t.utf8.count <= 200, t.unicodeScalars.allSatisfy(visible) else {
            throw Problem(field: "campaign", reason: "must be a campaign_id of 1 to 200 visible characters")
        }
        return t
    }

    static func visible(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: false
        default: true
        }
    }
}
