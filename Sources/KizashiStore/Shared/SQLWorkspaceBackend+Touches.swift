import KizashiCore

/// Attribution's read of the activities (the same statement on both backends).
extension SQLWorkspaceBackend {
    public func touchActivities(days: [ClosedRange<Day>], types: [ActivityType], after: String?, limit: Int)
        async throws -> [AttributionActivity]
    {
        guard !days.isEmpty, !types.isEmpty, limit > 0 else { return [] }
        // `day` is the stored local day (days since 1970-01-01 in the workspace time zone), the
        // same the KPI roll-ups use; `account_key` the resolved account (-1: none, so no touch).
        var dayFilter: StoredSQL = "("
        for (i, range) in days.enumerated() {
            if i > 0 { dayFilter = dayFilter + " OR " }
            dayFilter =
                dayFilter
                + "a.day BETWEEN \(Int(range.lowerBound.daysSinceEpoch)) AND \(Int(range.upperBound.daysSinceEpoch))"
        }
        dayFilter = dayFilter + ")"
        let typeList = types.map { StoredValue.text($0.rawValue) }
        let head: StoredSQL = """
            SELECT a.activity_id AS activity_id, a.occurred_at AS occurred_at, a.type AS type,
                   c.company_id AS company_id, a.campaign_id AS campaign_id
            FROM activities a JOIN companies c ON c.company_key = a.account_key
            WHERE a.type IN (\(list: typeList)) AND 
            """
        let resume: StoredSQL = after.map { " AND a.activity_id > \($0)" } ?? ""
        let rows = try await read(head + dayFilter + resume + " ORDER BY a.activity_id LIMIT \(limit)")
        return try rows.map { r in
            guard let type = ActivityType(rawValue: try r.requiredText("type")) else {
                throw StoreError("activity \(r.text("activity_id") ?? "?") has an unknown type")
            }
            return AttributionActivity(
                id: try r.requiredText("activity_id"), occurredAt: try r.requiredInstant("occurred_at"), type: type,
                account: try r.requiredText("company_id"), campaignId: r.text("campaign_id"))
        }
    }
}
