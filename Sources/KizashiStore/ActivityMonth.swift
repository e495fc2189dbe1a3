import KizashiCore

/// One calendar month of local days: one partition of `activities` on PostgreSQL (migration 15).
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

    /// The next month's first day (the partition's upper bound, excluded).
    public var next: Day { first.addingMonths(1) }

    /// `YYYY-MM`.
    public var description: String { String(first.description.prefix(7)) }

    /// The partition's table name: `activities_m2026_10`, or by day number outside the years
    /// 1–9999 (migration 15 names them the same way).
    public var tableName: String {
        let c = first.components
        guard (1...9999).contains(c.year) else {
            return "activities_d" + String(String(first.daysSinceEpoch).map { $0 == "-" ? "n" : $0 })
        }
        return "activities_m" + String(first.description.prefix(7).map { $0 == "-" ? "_" : $0 })
    }

    public static func < (a: ActivityMonth, b: ActivityMonth) -> Bool { a.first < b.first }
}
