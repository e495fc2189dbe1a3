import KizashiCore

/// One calendar month: one partition of `activities` (local days, migration 15) or of `events`
/// (UTC, migration 17) on PostgreSQL.
/// Bounds are days since 1970-01-01 (KizashiCore's `Day`), the first day included and the next
/// month's first day excluded, as `FOR VALUES FROM (a) TO (b)` takes them.
public struct ActivityMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The month's first day.
    public let first: Day

    /// The month of `day`.
    public init(containing day: Day) {
        // Total: `day - (d - 1)` and `addingMonths` never trap, whatever the stored day.
        first = day - (day.components.day - 1)
    }

    /// `YYYY-MM` (years 1–9999), as `kizashi archive --before` takes it; nil otherwise.
    public init?(parsing text: String) {
        guard let d = Day(iso: text + "-01") else { return nil }
        first = d
    }

    /// The UTC month of an instant: the month an event received then is kept in (migration 17).
    /// Nil past the days `Day` can name.
    public init?(utcMonthOf instant: Instant) {
        let (q, r) = instant.millisecondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400_000)
        guard let d = Int32(exactly: r < 0 ? q - 1 : q) else { return nil }
        self.init(containing: Day(daysSinceEpoch: d))
    }

    /// The next month's first day (the partition's upper bound, excluded).
    public var next: Day { first.addingMonths(1) }

    /// `YYYY-MM`.
    public var description: String { String(first.description.prefix(7)) }

    /// The activities partition's table name, `activities_m2026_10` (migration 15).
    public var tableName: String { partitionName(of: "activities") }

    /// A month's partition of `parent`: `events_m2026_10`, or by day number outside the years
    /// 1–9999 (migrations 15 and 17 name them the same way).
    public func partitionName(of parent: String) -> String {
        let c = first.components
        guard (1...9999).contains(c.year) else {
            return parent + "_d" + String(String(first.daysSinceEpoch).map { $0 == "-" ? "n" : $0 })
        }
        return parent + "_m" + String(first.description.prefix(7).map { $0 == "-" ? "_" : $0 })
    }

    public static func < (a: ActivityMonth, b: ActivityMonth) -> Bool { a.first < b.first }
}
