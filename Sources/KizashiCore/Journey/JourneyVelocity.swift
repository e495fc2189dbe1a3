/// How fast accounts leave one stage for a further one (docs/journeys.md §Velocity).
///
/// A *spell* starts on a day of the period an account enters the stage and ends on the first
/// later day its stage differs. It *moved on* when that day's stage is further (its duration is
/// the day difference); it is *censored* when the account is still in the stage on the period's
/// last day (observed for `L − entry` days) or fell back / left the target list first (observed
/// for `last day in the stage − entry` days): we know only that it had not moved on by then.
public struct JourneyVelocity: Sendable, Equatable {
    public enum MedianMethod: String, Sendable {
        /// No spell censored: the ordinary median of the durations (mean of the middle two).
        case sample
        /// Some spell censored: the Kaplan–Meier median, the first duration t with S(t) ≤ ½.
        case kaplanMeier = "kaplan_meier"
    }

    public var stage: JourneyStage
    public var entered = 0
    public var movedOn = 0
    /// Censored because the account was still in the stage on the last day.
    public var stillInStage = 0
    /// Censored because the account fell back or left the target list before moving on.
    public var fellBackOrLeft = 0
    /// Days of each moved-on spell.
    public var durations: [Int] = []
    /// Observed days of each censored spell.
    public var censoredAt: [Int] = []

    public init(stage: JourneyStage) { self.stage = stage }

    public var censored: Int { stillInStage + fellBackOrLeft }

    public var medianMethod: MedianMethod { censoredAt.isEmpty ? .sample : .kaplanMeier }

    /// Mean days of the spells that moved on (censored spells are not in it); nil without any.
    public var meanDays: Double? {
        durations.isEmpty ? nil : Double(durations.reduce(0, +)) / Double(durations.count)
    }

    /// The median days to move on: the sample median without censoring, else the Kaplan–Meier
    /// median; nil without spells, or when the estimated share still waiting never falls to ½.
    public var medianDays: Double? {
        if censoredAt.isEmpty {
            guard !durations.isEmpty else { return nil }
            let s = durations.sorted()
            let m = s.count / 2
            return s.count % 2 == 1 ? Double(s[m]) : Double(s[m - 1] + s[m]) / 2
        }
        return Self.kaplanMeierMedian(events: durations, censored: censoredAt).map(Double.init)
    }

    /// The smallest event time t with S(t) ≤ ½, where S(t) = Π over event times u ≤ t of
    /// (1 − d_u / n_u), d_u = events at u, n_u = spells with duration ≥ u (events) or observed
    /// ≥ u (censored: a spell observed for c days was at risk of moving on at every u ≤ c).
    public static func kaplanMeierMedian(events: [Int], censored: [Int]) -> Int? {
        let e = events.sorted(), c = censored.sorted()
        var survival = 1.0
        var i = 0, j = 0
        while i < e.count {
            let t = e[i]
            var d = 0
            while i + d < e.count && e[i + d] == t { d += 1 }
            // Censored spells observed for fewer than t days are no longer at risk at t.
            while j < c.count && c[j] < t { j += 1 }
            let atRisk = (e.count - i) + (c.count - j)
            survival *= 1 - Double(d) / Double(atRisk)
            if survival <= 0.5 { return t }
            i += d
        }
        return nil
    }
}
