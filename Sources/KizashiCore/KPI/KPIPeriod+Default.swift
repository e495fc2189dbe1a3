extension KPIPeriod {
    /// The period the overview opens on: the quarter `today` is in (issue 28 §6 — the target form
    /// suggests it, so targets just set are on the first screen; the quarter's figures are those
    /// of its days so far).
    public static func currentQuarter(of today: Day) -> KPIPeriod {
        let c = today.components
        return .quarter(year: c.year, quarter: (c.month - 1) / 3 + 1)
    }

    /// Periods other than `shown` that have KPI targets, latest first: the overview says they exist.
    public static func otherPeriodsWithTargets(_ goals: [KPIGoal], shown: KPIPeriod) -> [KPIPeriod] {
        var seen = Set<String>()
        return goals.map(\.period).filter { $0 != shown && seen.insert($0.label).inserted }.sorted {
            $0.start > $1.start
        }
    }
}
