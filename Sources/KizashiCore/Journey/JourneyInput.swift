/// Everything journey stages read, as plain values (docs/journeys.md §Inputs): the KPI dataset
/// (targets, roll-ups, SQLs, meetings, contracts, contacts — the KPIs' own inputs), every
/// opportunity (an open deal may have been created long before the period), and the
/// decision makers' activity days (the roll-ups count touches per account, not per person).
public struct JourneyInput: Sendable {
    public var dataset: KPIDataset
    /// Every opportunity of the workspace (or at least every one open on, or won within
    /// `customer_won_days` before, a day asked about).
    public var opportunities: [Opportunity]
    /// (company ID, local day) of each activity of a contact whose role is `decision_maker`.
    public var decisionMakerDays: [(companyId: String, day: Day)]

    public init(
        dataset: KPIDataset, opportunities: [Opportunity], decisionMakerDays: [(companyId: String, day: Day)] = []
    ) {
        self.dataset = dataset
        self.opportunities = opportunities
        self.decisionMakerDays = decisionMakerDays
    }

    /// The decision makers' days from the target accounts' recent activities (the store's
    /// `recentActivities(since:)`, which carries each contact's role).
    public static func decisionMakerDays(_ activities: [RecentAccountActivity]) -> [(companyId: String, day: Day)] {
        activities.compactMap { a in
            a.role == .decisionMaker && a.contactId != nil ? (companyId: a.companyId, day: a.day) : nil
        }
    }

    /// The first local day whose data a stage on `day` can read: the longest rule window before it.
    public static func firstDayRead(for day: Day, rules: JourneyRules, parameters: ScoringParameters) -> Day {
        day - (rules.lookbackDays(parameters) - 1)
    }

    /// What to ask the store for so that stages on every day in `days` are computed from
    /// complete windows: one period from the first day any rule reads through the last day.
    public static func requirements(days: ClosedRange<Day>, rules: JourneyRules, parameters: ScoringParameters)
        -> KPIDataRequirements
    {
        let first = firstDayRead(for: days.lowerBound, rules: rules, parameters: parameters)
        var req = KPIDataRequirements(
            periods: [KPIPeriod(start: first, end: days.upperBound + 1)], parameters: parameters,
            includePrevious: false)
        // No stage rule reads intent or the duplicate companies (§Stages).
        req.readsIntentAndDuplicates = false
        return req
    }
}
