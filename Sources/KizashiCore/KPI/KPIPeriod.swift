/// A reporting period `[start, end)` (kpis.md §Period, dates and the target set).
public struct KPIPeriod: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var start: Day
    /// Exclusive.
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// `L = end − 1 day`: figures "as of" the period are as of L.
    public var lastDay: Day { end - 1 }
    public var lengthInDays: Int { end - start }
    public func contains(_ d: Day) -> Bool { start <= d && d < end }

    public var description: String { "\(start)…\(end)" }

    /// What kind of calendar period this is, for "the previous period" (kpis.md §The funnel and the bottleneck).
    public enum Kind: Sendable, Equatable { case month, quarter, year, custom }

    public var kind: Kind {
        let s = start.components
        guard s.day == 1 else { return .custom }
        if end == start.addingMonths(1) { return .month }
        if end == start.addingMonths(3) && (s.month - 1) % 3 == 0 { return .quarter }
        if end == start.addingMonths(12) && s.month == 1 { return .year }
        return .custom
    }

    /// The previous month, quarter or year for calendar periods; otherwise the period of equal
    /// length ending at `start`.
    public var previous: KPIPeriod {
        switch kind {
        case .month: return KPIPeriod(start: start.addingMonths(-1), end: start)
        case .quarter: return KPIPeriod(start: start.addingMonths(-3), end: start)
        case .year: return KPIPeriod(start: start.addingMonths(-12), end: start)
        case .custom: return KPIPeriod(start: start - lengthInDays, end: start)
        }
    }

    public static func month(year: Int, month: Int) -> KPIPeriod {
        let s = Day(computedYear: year, month: month, day: 1)
        return KPIPeriod(start: s, end: s.addingMonths(1))
    }

    public static func quarter(year: Int, quarter: Int) -> KPIPeriod {
        let s = Day(computedYear: year, month: (quarter - 1) * 3 + 1, day: 1)
        return KPIPeriod(start: s, end: s.addingMonths(3))
    }

    /// Parses `2026Q3`, `2026-09`, `2026` (calendar year). Returns nil otherwise.
    public init?(label: String) {
        let t = label.trimmingASCIIWhitespace().uppercased()
        let parts = t.split(separator: "Q", omittingEmptySubsequences: false)
        // Years 1–9999 only (what a date can be written with): "0000Q1" or "-001Q1" is not a period.
        if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), (1...9999).contains(y), let q = Int(parts[1]),
            (1...4).contains(q)
        {
            self = .quarter(year: y, quarter: q)
            return
        }
        let dash = t.split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 2, dash[0].count == 4, dash[1].count == 2, let y = Int(dash[0]), let m = Int(dash[1]),
            (1...12).contains(m), y >= 1
        {
            self = .month(year: y, month: m)
            return
        }
        if t.count == 4, let y = Int(t), y >= 1 {
            let s = Day(year: y, month: 1, day: 1)!
            self.init(start: s, end: s.addingMonths(12))
            return
        }
        return nil
    }

    /// `2026Q3`, `2026-09`, `2026` for calendar periods, `2026-07-01..2026-10-01` otherwise.
    public var label: String {
        let s = start.components
        switch kind {
        // Four-digit years, as the labels are read back (year 4 is "0004", never "4").
        case .month: return "\(Day.pad(s.year, 4))-\(Day.pad(s.month, 2))"
        case .quarter: return "\(Day.pad(s.year, 4))Q\((s.month - 1) / 3 + 1)"
        case .year: return Day.pad(s.year, 4)
        case .custom: return "\(start)..\(end)"
        }
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR and LF (data-format.md: "Whitespace around values is trimmed").
    public func trimmingASCIIWhitespace() -> String {
        let u = Array(self.utf8)
        var lo = 0, hi = u.count
        func ws(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        while lo < hi && ws(u[lo]) { lo += 1 }
        while hi > lo && ws(u[hi - 1]) { hi -= 1 }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
