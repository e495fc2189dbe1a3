/// A segment as saved: a unique name and its rule's text (parsed again when evaluated, so the
/// text people wrote is what they read back).
public struct SavedSegment: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var rule: String
    public var createdAt: Instant
    public var updatedAt: Instant
    /// The day of the last membership refresh, nil before the first.
    public var refreshedOn: Day?
    /// Set when the segment feeds the target list (`SegmentFeed`).
    public var feed: SegmentFeed?

    public init(
        id: Int64, name: String, rule: String, createdAt: Instant, updatedAt: Instant, refreshedOn: Day? = nil,
        feed: SegmentFeed? = nil
    ) {
        self.id = id
        self.name = name
        self.rule = rule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.refreshedOn = refreshedOn
        self.feed = feed
    }

    /// Names are what people type on the command line and in URLs: 1–64 characters, letters
    /// (any script), digits, `-` and `_`.
    public static func nameProblem(_ name: String) -> String? {
        guard !name.isEmpty, name.count <= 64 else { return "a segment name has 1 to 64 characters" }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return "a segment name has only letters, digits, \"-\" and \"_\""
        }
        return nil
    }
}

/// One stay of an account in a segment: from the refresh that found it matching to the refresh
/// that found it not (`leftOn`, exclusive), open while it still matches.
public struct SegmentStay: Sendable, Equatable {
    public var companyId: String
    public var enteredOn: Day
    public var leftOn: Day?
    /// The entry added the account to the target list (a feeding segment; `SegmentFeed`), so
    /// leaving ends that membership.
    public var fed: Bool

    public init(companyId: String, enteredOn: Day, leftOn: Day? = nil, fed: Bool = false) {
        self.companyId = companyId
        self.enteredOn = enteredOn
        self.leftOn = leftOn
        self.fed = fed
    }
}
