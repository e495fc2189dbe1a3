import Foundation
import KizashiCore

/// The dashboard's account reads that PostgreSQL answers with its account index
/// (`activities_account`) and aggregates in SQL; SQLite goes through its locators instead. The
/// page reads go to the read replica when there is one (`reportRead`); `activities(accountOf:)`
/// stays on the primary: `kizashi merge` reads it to decide what it moves.
extension PostgresWorkspaceStore {
    public func accountActivitySummaries(engagedDays: ClosedRange<Day>) async throws -> [String: AccountActivitySummary]
    {
        let (lo, hi) = (Int(engagedDays.lowerBound.daysSinceEpoch), Int(engagedDays.upperBound.daysSinceEpoch))
        var out: [String: AccountActivitySummary] = [:]
        for r in try await reportRead(
            """
            SELECT c.company_id AS company_id, s.n AS n, s.last AS last FROM (
                SELECT account_key, count(DISTINCT CASE WHEN day BETWEEN \(lo) AND \(hi) THEN contact_id END) AS n,
                       max(occurred_at) AS last
                FROM activities WHERE account_key >= 0 GROUP BY account_key
            ) s JOIN companies c ON c.company_key = s.account_key
            """)
        {
            guard let id = r.text("company_id") else { throw StoreError("an account summary is unreadable") }
            out[id] = AccountActivitySummary(engagedContacts: r.int("n") ?? 0, lastActivity: r.instant("last"))
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
        // As in the SQLite store: an instant bound the index can use, then the exact local-day filter.
        let from = Int64(since.daysSinceEpoch - 1) * 86_400_000
        let sinceDay = Int(since.daysSinceEpoch)
        return try await reportRead(
            """
            SELECT c.company_id AS company_id, a.day AS day, a.type AS type, a.contact_id AS contact_id,
                   ct.department AS department, ct.role AS role, ct.name AS name, a.url AS url, a.topic AS topic
            FROM companies c
            JOIN activities a ON a.account_key = c.company_key AND a.occurred_at >= \(from)
            LEFT JOIN contacts ct ON ct.contact_id = a.contact_id
            WHERE c.company_id IN (SELECT company_id FROM targets) AND a.day >= \(sinceDay)
            ORDER BY c.company_key, a.occurred_at, a.activity_id
            """
        ).map { r in
            guard let id = r.text("company_id"), let d = r.int("day"),
                let type = r.text("type").flatMap(ActivityType.init(rawValue:))
            else { throw StoreError("a recent activity is unreadable") }
            return RecentAccountActivity(
                companyId: id, day: Day(daysSinceEpoch: Int32(d)), type: type, contactId: r.text("contact_id"),
                department: r.text("department"), role: r.text("role").flatMap(ContactRole.init(rawValue:)),
                contactName: r.text("name"), url: r.text("url"), topic: r.text("topic"))
        }
    }
}
