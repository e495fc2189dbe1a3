import KizashiCore
import KizashiStore

extension JourneyService {
    /// The buying-group KPI over a period (issue 26 §3): the share of targets with every role of
    /// their tier covered on the day before the period and at each month end in it (the last
    /// point is the period's last day), per tier. One read of the targets' contacts and one of
    /// the activities from the first point's window on, then `BuyingGroupCoverage.compute` per
    /// day — the same coverage `journey --on D --coverage` and the account page show.
    public func coverageTrend(period: KPIPeriod) async throws -> [(day: Day, coverage: [BuyingGroupCoverage])] {
        try JourneyMovement.check(period)
        let days = Self.coverageDays(period)
        let settings = try await store.settings()
        let scoring = try WorkspaceSettings.parameters(from: settings)
        let targets = try await store.targets()
        let contacts = try await contacts(of: targets)
        let since = days[0] - (max(scoring.windowDays, 1) - 1)
        let activities = try await store.recentActivities(since: since)
        let rules = BuyingGroupRules(settings: settings)
        return days.map { day in
            (
                day,
                BuyingGroupCoverage.compute(
                    day: day, targets: targets, contacts: contacts, activities: activities, rules: rules,
                    windowDays: scoring.windowDays)
            )
        }
    }

    /// The day before `period`, each month's last day inside it, and the period's last day.
    public static func coverageDays(_ period: KPIPeriod) -> [Day] {
        var days = [period.start - 1]
        var month = period.start.components
        while true {
            let end = KPIPeriod.month(year: month.year, month: month.month).lastDay
            if end >= period.lastDay { break }
            days.append(end)
            month = (end + 1).components
        }
        days.append(period.lastDay)
        return days
    }
}
