/// What the attribution engine reads, as plain values (a store or a test fills it).
public struct AttributionInput: Sendable {
    public var period: KPIPeriod
    public var tier: Tier?
    public var parameters: AttributionParameters
    public var timeZone: WorkspaceTimeZone
    public var campaigns: [Campaign]
    /// At least the opportunities created in the period and the won ones closed in it (extra
    /// ones change nothing: the engine selects exactly).
    public var opportunities: [Opportunity]
    public var targets: [TargetMembership]
    /// At least the touch-type activities with an account on the local days of `touchDays`.
    public var activities: TouchActivities

    public init(
        period: KPIPeriod, tier: Tier?, parameters: AttributionParameters, timeZone: WorkspaceTimeZone,
        campaigns: [Campaign], opportunities: [Opportunity], targets: [TargetMembership],
        activities: TouchActivities
    ) {
        self.period = period
        self.tier = tier
        self.parameters = parameters
        self.timeZone = timeZone
        self.campaigns = campaigns
        self.opportunities = opportunities
        self.targets = targets
        self.activities = activities
    }

    /// From activities with their accounts named (tests): their local days in `timeZone`.
    public init(
        period: KPIPeriod, tier: Tier?, parameters: AttributionParameters, timeZone: WorkspaceTimeZone,
        campaigns: [Campaign], opportunities: [Opportunity], targets: [TargetMembership],
        activities: [AttributionActivity]
    ) {
        self.init(
            period: period, tier: tier, parameters: parameters, timeZone: timeZone, campaigns: campaigns,
            opportunities: opportunities, targets: targets, activities: TouchActivities(activities, timeZone: timeZone))
    }

    /// The local days whose activities a report of `period` can read, as disjoint ranges in
    /// order: `[S − lookback, L]` (pipeline touches, the null journeys' `[L − lookback, L]`, the
    /// period's `touches`) and `[c − lookback, c]` for each won deal closed in the period but
    /// created earlier (revenue touches, edge case 2). Reading only these keeps a quarter's
    /// report from reading the whole history.
    public static func touchDays(period: KPIPeriod, opportunities: [Opportunity], lookbackDays: Int)
        -> [ClosedRange<Day>]
    {
        var ranges = [(period.start - lookbackDays)...period.lastDay]
        for o in opportunities where o.status == .won && o.closedOn.map(period.contains) == true {
            ranges.append((o.createdOn - lookbackDays)...o.createdOn)
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Day>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// Opportunities the report can read: created in the period, or won and closed in it.
    public static func relevant(_ o: Opportunity, to period: KPIPeriod) -> Bool {
        period.contains(o.createdOn) || (o.status == .won && o.closedOn.map(period.contains) == true)
    }
}
