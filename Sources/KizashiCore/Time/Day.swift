/// A calendar date with no time zone: the unit every KPI is counted in.
///
/// Stored as days since 1970-01-01 so that "whole calendar days" (kpis.md §Period, dates and the
/// target set) is plain integer subtraction, and so that a day fits in an `Int32` in roll-ups.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    @inlinable public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// A proleptic Gregorian date. Returns nil for an impossible date (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
            (1...9999).contains(year)
        else { return nil }
        self.daysSinceEpoch = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// A date computed from another (a month's first day, a month later), any year: like `+` and
    /// `-`, it never fails, so arithmetic near the ends of the calendar cannot stop the process.
    /// `month` is 1–12 and `day` within it (the callers compute them so).
    init(computedYear year: Int, month: Int, day: Int) {
        self.daysSinceEpoch = Int32(clamping: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses exactly `YYYY-MM-DD` (data-format.md: "Dates `YYYY-MM-DD`").
    public init?(iso text: some StringProtocol) {
        // Contiguous UTF-8 (every native String): parsed in place, no array is built.
        if let d = text.utf8.withContiguousStorageIfAvailable({ Day(isoUTF8: $0) }) {
            guard let d else { return nil }
            self = d
            return
        }
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            let y = Day.digits(u, 0, 4), let m = Day.digits(u, 5, 2), let d = Day.digits(u, 8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses exactly `YYYY-MM-DD` from bytes (the import's hot path: no String is built).
    public init?(isoBytes b: ArraySlice<UInt8>) { self.init(isoUTF8: b) }
    /// The same over bytes read in place (a stored value).
    public init?(isoBuffer b: UnsafeBufferPointer<UInt8>) { self.init(isoUTF8: b) }

    /// Parses exactly `YYYY-MM-DD` from bytes in any integer-indexed buffer (a stored value read
    /// in place, a slice of an input line).
    public init?<B: RandomAccessCollection>(isoUTF8 b: B) where B.Element == UInt8, B.Index == Int {
        guard b.count == 10 else { return nil }
        let o = b.startIndex
        func digits(_ start: Int, _ count: Int) -> Int? {
            var v = 0
            for i in (o + start)..<(o + start + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b[o + 4] == UInt8(ascii: "-"), b[o + 7] == UInt8(ascii: "-"),
            let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    @usableFromInline static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for i in start..<(start + count) {
            let c = u[i]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civil(fromDays: Int(daysSinceEpoch)) }
    public var year: Int { components.year }
    public var month: Int { components.month }

    public var description: String {
        let c = components
        return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
    public static func + (a: Day, n: Int) -> Day { Day(daysSinceEpoch: a.daysSinceEpoch + Int32(n)) }
    public static func - (a: Day, n: Int) -> Day { Day(daysSinceEpoch: a.daysSinceEpoch - Int32(n)) }
    /// Whole calendar days from `b` to `a`.
    public static func - (a: Day, b: Day) -> Int { Int(a.daysSinceEpoch) - Int(b.daysSinceEpoch) }

    /// The first day of the month `months` after this day's month.
    /// Total, like `+` and `-`: the result may fall outside the years 1–9999 that parsing accepts
    /// (a period of 9999-12 ends on 10000-01-01; the one before 0001-01 starts in year 0), and is
    /// still a day. Why: an outside date near either end once reached a force unwrap here and
    /// would have stopped the server.
    public func addingMonths(_ months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let d = min(c.day, Day.daysInMonth(year: y, month: m))
        return Day(computedYear: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
