/// A point in time, as milliseconds since 1970-01-01T00:00:00Z.
///
/// Timestamps keep their instant, not their text: "in the period" is decided by the instant's date
/// in the workspace time zone (kpis.md §Period), which `WorkspaceTimeZone.day(of:)` computes.
public struct Instant: Hashable, Comparable, Sendable {
    public var millisecondsSinceEpoch: Int64
    @inlinable public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }
    public static func < (a: Instant, b: Instant) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }
}
