import Foundation

/// The workspace time zone: turns instants into local calendar days and reads timestamps written
/// without an offset (data-format.md: "a timestamp without offset is read in the workspace time
/// zone (default `Asia/Tokyo`)").
///
/// Offsets are cached per UTC hour because imports convert millions of timestamps and
/// `TimeZone.secondsFromGMT(for:)` is far slower than a dictionary hit; zones with no transitions
/// (Asia/Tokyo since 1951) take a fixed offset.
public struct WorkspaceTimeZone: Sendable, Equatable {
    public let identifier: String
    private let zone: TimeZone
    private let fixedOffsetSeconds: Int?

    public static let tokyo = WorkspaceTimeZone(identifier: "Asia/Tokyo")!

    /// The zone a stored `time_zone` setting names, Asia/Tokyo when none is set (the documented
    /// default). A zone this build does not know is an error the caller logs before it goes on in
    /// Tokyo (`Unknown.fallback`): an import or a roll-up then still runs, and `kizashi settings`
    /// shows and fixes the setting.
    public static func fromSetting(_ value: String?) -> Result<WorkspaceTimeZone, Unknown> {
        guard let value else { return .success(.tokyo) }
        return WorkspaceTimeZone(identifier: value).map { .success($0) } ?? .failure(Unknown(identifier: value))
    }

    /// A stored `time_zone` this build does not know.
    public struct Unknown: Error, Sendable {
        public let identifier: String
        /// The zone used meanwhile.
        public var fallback: WorkspaceTimeZone { .tokyo }
    }

    public init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = tz
        // Fixed when no transition happens after 1970 (covers Tokyo, UTC, Kolkata, …).
        let start = Date(timeIntervalSince1970: 0)
        if let next = tz.nextDaylightSavingTimeTransition(after: start), next.timeIntervalSince1970 < 4_102_444_800 {
            fixedOffsetSeconds = nil
        } else {
            fixedOffsetSeconds = tz.secondsFromGMT(for: Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    public static func == (a: WorkspaceTimeZone, b: WorkspaceTimeZone) -> Bool { a.identifier == b.identifier }

    /// Offset from UTC at that instant, in seconds.
    public func offsetSeconds(at instant: Instant) -> Int {
        if let f = fixedOffsetSeconds { return f }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.millisecondsSinceEpoch) / 1000))
    }

    /// The local calendar date of an instant.
    public func day(of instant: Instant) -> Day {
        let local = instant.millisecondsSinceEpoch + Int64(offsetSeconds(at: instant)) * 1000
        return Day(daysSinceEpoch: Int32(Self.floorDiv(local, 86_400_000)))
    }

    /// The instant of a local wall-clock time (for timestamps written without an offset).
    /// In a DST gap or overlap, the offset in force just before the wall time is used.
    public func instant(localDay: Day, secondsOfDay: Int, milliseconds: Int = 0) -> Instant {
        let wallMillis = Int64(localDay.daysSinceEpoch) * 86_400_000 + Int64(secondsOfDay) * 1000 + Int64(milliseconds)
        if let f = fixedOffsetSeconds { return Instant(millisecondsSinceEpoch: wallMillis - Int64(f) * 1000) }
        // Two passes converge for real-world zones.
        var guess = Instant(millisecondsSinceEpoch: wallMillis)
        for _ in 0..<2 {
            guess = Instant(millisecondsSinceEpoch: wallMillis - Int64(offsetSeconds(at: guess)) * 1000)
        }
        return guess
    }

    @inlinable static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
