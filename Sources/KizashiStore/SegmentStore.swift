import KizashiCore

/// Saved segments and their membership history (issue 26 §4).
public protocol SegmentStore: Sendable {
    /// Every segment, by name.
    func segments() async throws -> [SavedSegment]
    func segment(named name: String) async throws -> SavedSegment?
    /// Stores a new segment; a name already taken throws `SegmentNameTaken` and stores nothing.
    func createSegment(name: String, rule: String, at: Instant) async throws -> SavedSegment
    /// Replaces the rule's text; false when no segment has that name.
    func updateSegmentRule(name: String, rule: String, at: Instant) async throws -> Bool
    /// Removes the segment and its history; false when no segment has that name.
    func deleteSegment(named name: String) async throws -> Bool
    /// Every stay of the segment, by company then day entered.
    func segmentStays(segmentId: Int64) async throws -> [SegmentStay]
    /// In one transaction: opens a stay on `day` for each of `entered`, ends the open stay of each
    /// of `left` on `day`, and records `day` as the segment's last refresh.
    func recordSegmentRefresh(segmentId: Int64, on day: Day, entered: [String], left: [String]) async throws
    /// Makes the segment feed the target list (nil: stop); the segment, or nil when no segment
    /// has that name.
    func setSegmentFeed(name: String, feed: SegmentFeed?, at: Instant) async throws -> SavedSegment?
}

public struct SegmentNameTaken: Error, Sendable, Equatable {
    public var name: String
    public init(name: String) { self.name = name }
}
