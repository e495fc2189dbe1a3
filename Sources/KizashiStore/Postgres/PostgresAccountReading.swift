import Foundation
import KizashiCore

/// The dashboard's account reads that PostgreSQL answers with its account index
/// (`activities_account`) and aggregates in SQL; SQLite goes through its locators instead. The
/// page reads go to the read replica when there is one (`reportRead`); `activities(accountOf:)`
/// stays on the primary: `kizashi merge` reads it to decide what it moves.
extension PostgresWorkspaceStore {
    /// The last instant over every month, and the engaged contacts over the window's months
    /// only (pruned to its partitions), in two hash aggregations. Why: one aggregation of both,
    /// a distinct count over every row, made PostgreSQL walk each month's account index in
    /// order and sort per account: 2.8 s at medium, most of the first `/accounts` and `/now`
    /// after an import; this form 0.76 s (EXPLAIN ANALYZE, twelfth session).
    public func accountEngagement(engagedDays: ClosedRange<Day>) async throws -> [String: AccountEngagement] {
        let (lo, hi) = (Int(engagedDays.lowerBound.daysSinceEpoch), Int(engagedDays.upperBound.daysSinceEpoch))
        var out: [String: AccountEngagement] = [:]
        // A row per (account, engaged contact), and one with no contact for an account with none:
        // 22k rows at medium, about the time of counting them here (0.35–0.39 s).
        for r in try await reportRead(
            """
            SELECT c.company_id AS company_id, w.contact_id AS contact_id, l.last AS last FROM (
                SELECT account_key, max(occurred_at) AS last FROM activities WHERE account_key >= 0
                GROUP BY account_key
            ) l LEFT JOIN (
                SELECT DISTINCT account_key, contact_id FROM activities
                WHERE account_key >= 0 AND day BETWEEN \(lo) AND \(hi) AND contact_id IS NOT NULL
            ) w ON w.account_key = l.account_key
            JOIN companies c ON c.company_key = l.account_key
            """)
        {
            guard let id = r.text("company_id") else { throw StoreError("an account summary is unreadable") }
            var e = out[id] ?? AccountEngagement(lastActivity: r.instant("last"))
            if let contact = r.text("contact_id") { e.contacts.insert(contact) }
            out[id] = e
        }
        return out
    }

    public func activities(accountOf companyId: String, limit: Int) async throws -> [Activity] {
        try await read(
            """
            SELECT * FROM activities WHERE account_key = (SELECT company_key FROM companies WHERE company_id = \(companyId))
            ORDER BY occurred_at DESC, activity_id LIMIT \(limit)
            """
        ).map(EntityMapping.activity)
    }

    public func contactActivityCounts(companyId: String, days: ClosedRange<Day>) async throws -> [String: Int] {
        let (lo, hi) = (Int(days.lowerBound.daysSinceEpoch), Int(days.upperBound.daysSinceEpoch))
        var out: [String: Int] = [:]
        for r in try await reportRead(
            """
            SELECT contact_id, count(*) AS n FROM activities
            WHERE account_key = (SELECT company_key FROM companies WHERE company_id = \(companyId))
              AND contact_id IS NOT NULL AND day BETWEEN \(lo) AND \(hi)
            GROUP BY contact_id
            """)
        {
            if let c = r.text("contact_id") { out[c] = r.int("n") ?? 0 }
        }
        return out
    }

    public func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        try await recentRows(since: since, only: nil, keyed: false).rows
    }

    public func recentActivityRows(since: Day, ids: [String]?) async throws -> RecentActivityRows {
        guard let ids else { return try await recentRows(since: since, only: nil, keyed: true) }
        if ids.isEmpty { return RecentActivityRows() }
        guard ids.count > Self.recentIdsPerQuery else {
            return try await recentRows(since: since, only: ids.map { .text($0) }, keyed: true)
        }
        // At most `recentIdsPerQuery` bound values per statement, a few statements at once on
        // pooled connections (an import's 7,350 rows are 15); their rows grouped by account
        // again (`sortedByAccount`).
        let parts = ids.chunked(Self.recentIdsPerQuery).map { $0.map { StoredValue.text($0) } }
        var out = RecentActivityRows()
        for read in try await boundedConcurrently(
            parts, { try await self.recentRows(since: since, only: $0, keyed: true) })
        {
            out.rows += read.rows
            out.keys += read.keys
        }
        return out.sortedByAccount()
    }

    /// Activity IDs bound in one `recentActivityRows(since:ids:)` statement.
    static let recentIdsPerQuery = 500

    /// The target accounts' recent rows, of the activities `only` when given, with their order
    /// keys when `keyed`.
    private func recentRows(since: Day, only: [StoredValue]?, keyed: Bool) async throws -> RecentActivityRows {
        // As in the SQLite store: an instant bound the index can use, then the exact local-day filter.
        let from = Int64(since.daysSinceEpoch - 1) * 86_400_000
        let sinceDay = Int(since.daysSinceEpoch)
        let activities: StoredSQL = only.map { "AND a.activity_id IN (\(list: $0))" } ?? ""
        // Decoded by position (`reportScan`): through the neutral row adapter this read was most of
        // `/now`'s time after an event batch at medium (perf: 0.6 s p50).
        let keys: StoredSQL = keyed ? ", a.occurred_at, a.activity_id" : ""
        return try await reportReduce(
            """
            SELECT c.company_id, a.day, a.type, a.contact_id, ct.department, ct.role, ct.name, a.url, a.topic \(keys)
            FROM companies c
            JOIN activities a ON a.account_key = c.company_key AND a.occurred_at >= \(from)
            LEFT JOIN contacts ct ON ct.contact_id = a.contact_id
            WHERE c.company_id IN (SELECT company_id FROM targets) AND a.day >= \(sinceDay) \(activities)
            ORDER BY c.company_key, a.occurred_at, a.activity_id
            """,
            into: RecentActivityRows()
        ) { out, row in
            var c = PostgresCells(row)
            let (id, day) = (try c.next(String.self), try c.next(Int32.self))
            guard let type = ActivityType(rawValue: try c.next(String.self)) else {
                throw StoreError("a recent activity is unreadable")
            }
            out.rows.append(
                RecentAccountActivity(
                    companyId: id, day: Day(daysSinceEpoch: day), type: type, contactId: try c.next(),
                    department: try c.next(), role: try c.next(String?.self).flatMap(ContactRole.init(rawValue:)),
                    contactName: try c.next(), url: try c.next(), topic: try c.next()))
            if keyed {
                let at = Instant(millisecondsSinceEpoch: try c.next(Int64.self))
                out.keys.append(.init(at: at, activityId: try c.next(String.self)))
            }
        }
    }
}
