/// Which slices of the workspace the KPI engine needs for a set of periods, so a store loads
/// no more than that (kpis.md defines every window relative to the period or to L).
public struct KPIDataRequirements: Sendable, Equatable {
    public var periods: [KPIPeriod]
    /// The periods reported on (`periods` less the previous periods added for the bottleneck).
    public var reported: [KPIPeriod]
    public var parameters: ScoringParameters
    /// Whether the intent rows and the duplicate companies are read. Journey stages use neither
    /// (docs/journeys.md §Inputs); skipping them was a tenth of a stage's time at medium.
    public var readsIntentAndDuplicates = true

    /// `periods` plus their previous periods (the bottleneck compares their funnels).
    public init(periods: [KPIPeriod], parameters: ScoringParameters, includePrevious: Bool = true) {
        var all = periods
        if includePrevious { all += periods.map(\.previous) }
        self.periods = all
        self.reported = periods
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

    /// Intent days: each reported period, and `[L − 62, L]` for its surges (kpis.md §intent). A
    /// previous period only feeds the funnel, which reads no intent.
    public var intentDays: ClosedRange<Day> {
        let start = reported.map(\.start).min() ?? earliestStart
        let earliest = min(start, (reported.map(\.lastDay).min() ?? start) - 62)
        return earliest...max(reported.map(\.lastDay).max() ?? latestLastDay, earliest)
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
            && (!other.readsIntentAndDuplicates
                || (readsIntentAndDuplicates && intentDays.lowerBound <= other.intentDays.lowerBound
                    && intentDays.upperBound >= other.intentDays.upperBound))
    }
}
