/// Movement of target accounts through the journey over a period (docs/journeys.md §Movement):
/// where they stood at its start and end, how they moved, which steps converted and how fast.
///
/// "At the start" is the last day before the period (`start − 1`, the previous period's L), so
/// one quarter's end is the next one's start; "at the end" is the period's L.
public struct JourneyMovementFigures: Sendable, Equatable {
    /// Accounts per stage at the start and at the end, in stage order.
    public var atStart = [Int](repeating: 0, count: JourneyStage.allCases.count)
    public var atEnd = [Int](repeating: 0, count: JourneyStage.allCases.count)
    /// `matrix[from][to]`, index 0 = not a target that day, k + 1 = stage k.
    public var matrix = Array(
        repeating: [Int](repeating: 0, count: JourneyStage.allCases.count + 1), count: JourneyStage.allCases.count + 1)
    /// Per step k → k + 1 (k = target … opportunity): accounts in stage k at the start, and those
    /// of them further than k on some day of the period.
    public var stepAccounts = [Int](repeating: 0, count: JourneyStage.allCases.count - 1)
    public var stepConverted = [Int](repeating: 0, count: JourneyStage.allCases.count - 1)
    /// Per stage target … opportunity (the customer stage has no next).
    public var velocity: [JourneyVelocity] = JourneyStage.allCases.dropLast().map { JourneyVelocity(stage: $0) }

    public init() {}

    /// Accounts a target at the start and at the end, by how their stage changed.
    public var stayed: Int { (1...JourneyStage.allCases.count).reduce(0) { $0 + matrix[$1][$1] } }
    /// One stage further.
    public var forward: Int { cells { from, to in to == from + 1 } }
    /// Two or more stages further.
    public var skipped: Int { cells { from, to in to >= from + 2 } }
    public var fellBack: Int { cells { from, to in to < from } }
    /// Not a target at the start, a target at the end.
    public var entered: Int { matrix[0].dropFirst().reduce(0, +) }
    /// A target at the start, not at the end.
    public var left: Int { (1...JourneyStage.allCases.count).reduce(0) { $0 + matrix[$1][0] } }

    private func cells(_ holds: (Int, Int) -> Bool) -> Int {
        var n = 0
        for from in 1...JourneyStage.allCases.count {
            for to in 1...JourneyStage.allCases.count where holds(from, to) { n += matrix[from][to] }
        }
        return n
    }
}

/// The movement report of one period: the figures of every account (or of one tier) and per tier.
public struct JourneyMovementReport: Sendable {
    public var period: KPIPeriod
    public var rules: JourneyRules
    public var tier: Tier?
    public var accounts: JourneyMovementFigures
    public var byTier: [(tier: Tier, figures: JourneyMovementFigures)]

    /// The day the start counts are taken (`start − 1`).
    public var startDay: Day { period.start - 1 }
    public var endDay: Day { period.lastDay }
}

public enum JourneyMovement {
    /// The longest period a movement report covers: a report keeps one stage per account per day,
    /// so a decade of days over a large workspace would hold gigabytes (a hostile query must not).
    public static let maxPeriodDays = 366

    /// Thrown for a period longer than `maxPeriodDays` (the API answers 400, the CLI a usage error).
    public struct PeriodTooLong: Error, CustomStringConvertible, Sendable {
        public var days: Int
        public var description: String {
            "a journey period can be at most \(JourneyMovement.maxPeriodDays) days (got \(days))"
        }
    }

    /// Throws `PeriodTooLong` when `period` is longer than `maxPeriodDays`.
    public static func check(_ period: KPIPeriod) throws {
        let days = period.end - period.start
        if days > maxPeriodDays { throw PeriodTooLong(days: days) }
    }

    /// The days a report of `period` reads stages on: from `start − 1` through L.
    public static func days(of period: KPIPeriod) -> ClosedRange<Day> { (period.start - 1)...period.lastDay }

    public static func report(_ c: JourneyComputation, period: KPIPeriod, tier: Tier? = nil) -> JourneyMovementReport {
        report(c.timeline(days(of: period)), rules: c.rules, period: period, tier: tier)
    }

    /// From a timeline covering `start − 1 … L` (docs/journeys.md §Movement).
    public static func report(_ t: JourneyTimeline, rules: JourneyRules, period: KPIPeriod, tier: Tier? = nil)
        -> JourneyMovementReport
    {
        let s0 = period.start - 1, last = period.lastDay
        precondition(t.first <= s0 && t.last >= last, "the timeline must cover start − 1 … L")
        var overall = JourneyMovementFigures()
        var perTier = Tier.allCases.map { _ in JourneyMovementFigures() }
        for i in t.companyIds.indices {
            // The reporting tier: the tier on L, else on the last day of the period it was a target.
            var reportingTier: UInt8 = 0
            var d = last
            while d >= s0 {
                let k = t.tier(i, on: d)
                if k != 0 {
                    reportingTier = k
                    break
                }
                d = d - 1
            }
            guard reportingTier != 0, let k = Tier(rawValue: Int(reportingTier)) else { continue }
            if let tier, tier != k { continue }
            let tierIndex = Tier.allCases.firstIndex(of: k)!
            add(account: i, timeline: t, from: s0, to: last, into: &overall)
            add(account: i, timeline: t, from: s0, to: last, into: &perTier[tierIndex])
        }
        let shown = tier.map { [$0] } ?? Tier.allCases
        return JourneyMovementReport(
            period: period, rules: rules, tier: tier, accounts: overall,
            byTier: shown.map { k in (tier: k, figures: perTier[Tier.allCases.firstIndex(of: k)!]) })
    }

    /// Adds one account's start, end, move, step and spells to `f`.
    static func add(
        account i: Int, timeline t: JourneyTimeline, from s0: Day, to last: Day, into f: inout JourneyMovementFigures
    ) {
        let start = t.stage(i, on: s0), end = t.stage(i, on: last)
        if let start { f.atStart[start.rawValue] += 1 }
        if let end { f.atEnd[end.rawValue] += 1 }
        f.matrix[start.map { $0.rawValue + 1 } ?? 0][end.map { $0.rawValue + 1 } ?? 0] += 1
        if let start, start.next != nil {
            f.stepAccounts[start.rawValue] += 1
            var d = s0 + 1
            while d <= last {
                if let s = t.stage(i, on: d), s > start {
                    f.stepConverted[start.rawValue] += 1
                    break
                }
                d = d + 1
            }
        }
        // Spells entered on a day of the period.
        var d = s0 + 1
        while d <= last {
            guard let s = t.stage(i, on: d), s != t.stage(i, on: d - 1), s.next != nil else {
                d = d + 1
                continue
            }
            let entry = d
            var e = d + 1
            while e <= last && t.stage(i, on: e) == s { e = e + 1 }
            if e > last {
                f.velocity[s.rawValue].entered += 1
                f.velocity[s.rawValue].stillInStage += 1
                f.velocity[s.rawValue].censoredAt.append(last - entry)
            } else if let after = t.stage(i, on: e), after > s {
                f.velocity[s.rawValue].entered += 1
                f.velocity[s.rawValue].movedOn += 1
                f.velocity[s.rawValue].durations.append(e - entry)
            } else {
                f.velocity[s.rawValue].entered += 1
                f.velocity[s.rawValue].fellBackOrLeft += 1
                f.velocity[s.rawValue].censoredAt.append((e - 1) - entry)
            }
            d = e
        }
    }
}
