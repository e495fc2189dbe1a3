/// Which slices of the workspace the KPI engine needs for a set of periods, so a store loads
/// no more than that (kpis.md defines every window relative to the period or to L).
public struct KPIDataRequirements: Sendable, Equatable {
    public var periods: [KPIPeriod]
    public var parameters: ScoringParameters

    /// `periods` plus their previous periods (the bottleneck compares against them).
    public init(periods: [KPIPeriod], parameters: ScoringParameters, includePrevious: Bool = true) {
        var all = periods
        if includePrevious { all += periods.map(\.previous) }
        self.periods = all
        self.parameters = parameters
    }

    public var earliestStart: Day { periods.map(\.start).min() ?? Day(daysSinceEpoch: 0) }
    public var latestLastDay: Day { periods.map(\.lastDay).max() ?? Day(daysSinceEpoch: 0) }

    /// Activity days that can count: the score window before each L (kpis.md §engagement score)
    /// and the period itself (web visits).
    public var activityDays: ClosedRange<Day> {
        let earliest = min(earliestStart, (periods.map(\.lastDay).min() ?? earliestStart) - (parameters.windowDays - 1))
        return earliest...max(latestLastDay, earliest)
    }

    /// Intent days: the period, and `[L − 62, L]` for surges (kpis.md §intent).
    public var intentDays: ClosedRange<Day> {
        let earliest = min(earliestStart, (periods.map(\.lastDay).min() ?? earliestStart) - 62)
        return earliest...max(latestLastDay, earliest)
    }

    /// Instants whose local date may fall in a period: widened by a day on each side so any
    /// time zone's offset is covered; the engine filters exactly.
    public var instantRange: (from: Instant, to: Instant) {
        let from = Int64(earliestStart.daysSinceEpoch - 1) * 86_400_000
        let to = Int64(latestLastDay.daysSinceEpoch + 2) * 86_400_000
        return (Instant(millisecondsSinceEpoch: from), Instant(millisecondsSinceEpoch: to))
    }
}

extension KPIDataRequirements {
    /// True when a dataset loaded for `self` holds everything `other` needs, so a cached
    /// computation can serve it (the engine filters every window exactly, so extra rows change
    /// nothing).
    public func covers(_ other: KPIDataRequirements) -> Bool {
        parameters == other.parameters && earliestStart <= other.earliestStart
            && latestLastDay >= other.latestLastDay
            && activityDays.lowerBound <= other.activityDays.lowerBound
            && activityDays.upperBound >= other.activityDays.upperBound
            && intentDays.lowerBound <= other.intentDays.lowerBound
            && intentDays.upperBound >= other.intentDays.upperBound
    }
}
