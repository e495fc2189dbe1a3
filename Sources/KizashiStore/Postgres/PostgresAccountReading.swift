import Foundation
import KizashiCore
import SQLiteNIO

/// The dashboard's account reads (same queries as the SQLite store).
extension PostgresWorkspaceStore: AccountReading {
    public func accountActivitySummaries(engagedDays: ClosedRange<Day>) async throws -> [String: AccountActivitySummary]
    {
        var out: [String: AccountActivitySummary] = [:]
        for r in try await rows(
            """
            SELECT c.company_id AS company_id, s.n AS n, s.last AS last FROM (
                SELECT account_key, count(DISTINCT CASE WHEN day BETWEEN $1 AND $2 THEN contact_id END) AS n,
                       max(occurred_at) AS last
                FROM activities WHERE account_key >= 0 GROUP BY account_key
            ) s JOIN companies c ON c.company_key = s.account_key
            """,
            [
                .integer(Int(engagedDays.lowerBound.daysSinceEpoch)),
                .integer(Int(engagedDays.upperBound.daysSinceEpoch)),
            ])
        {
            guard let id = r.text("company_id") else { continue }
            out[id] = AccountActivitySummary(
                engagedContacts: r.int("n") ?? 0, lastActivity: r.column("last")?.instantValue)
        }
        return out
    }

    public func company(id: String) async throws -> Company? {
        try await rows("SELECT * FROM companies WHERE company_id = $1", [.text(id)]).first.map(
            SQLiteEntityMapping.company)
    }

    public func contacts(companyId: String) async throws -> [Contact] {
        try await rows("SELECT * FROM contacts WHERE company_id = $1 ORDER BY contact_id", [.text(companyId)]).map(
            SQLiteEntityMapping.contact)
    }

    public func activities(accountOf companyId: String, limit: Int) async throws -> [Activity] {
        try await rows(
            """
            SELECT * FROM activities WHERE account_key = (SELECT company_key FROM companies WHERE company_id = $1)
            ORDER BY occurred_at DESC, activity_id LIMIT $2
            """, [.text(companyId), .integer(limit)]
        ).map(SQLiteEntityMapping.activity)
    }

    public func meetings(companyId: String) async throws -> [Meeting] {
        try await rows(
            "SELECT * FROM meetings WHERE company_id = $1 ORDER BY held_at DESC, meeting_id", [.text(companyId)]
        ).map(SQLiteEntityMapping.meeting)
    }

    public func opportunities(companyId: String) async throws -> [Opportunity] {
        try await rows(
            "SELECT * FROM opportunities WHERE company_id = $1 ORDER BY created_on DESC, opportunity_id",
            [.text(companyId)]
        ).map(SQLiteEntityMapping.opportunity)
    }

    public func intent(companyId: String) async throws -> [IntentSignal] {
        try await rows(
            "SELECT * FROM intent WHERE company_id = $1 ORDER BY observed_on DESC, topic, signal_id", [.text(companyId)]
        ).map(SQLiteEntityMapping.intentSignal)
    }

    public func openOpportunities() async throws -> [Opportunity] {
        try await rows("SELECT * FROM opportunities WHERE status = 'open' ORDER BY opportunity_id").map(
            SQLiteEntityMapping.opportunity)
    }

    public func contactActivityCounts(companyId: String, days: ClosedRange<Day>) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try await rows(
            """
            SELECT contact_id, count(*) AS n FROM activities
            WHERE account_key = (SELECT company_key FROM companies WHERE company_id = $1)
              AND contact_id IS NOT NULL AND day BETWEEN $2 AND $3
            GROUP BY contact_id
            """,
            [
                .text(companyId), .integer(Int(days.lowerBound.daysSinceEpoch)),
                .integer(Int(days.upperBound.daysSinceEpoch)),
            ])
        {
            if let c = r.text("contact_id") { out[c] = r.int("n") ?? 0 }
        }
        return out
    }

    public func recentActivities(since: Day) async throws -> [RecentAccountActivity] {
        // As in the SQLite store: an instant bound the index can use, then the exact local-day filter.
        let from = Int64(since.daysSinceEpoch - 1) * 86_400_000
        return try await rows(
            """
            SELECT c.company_id AS company_id, a.day AS day, a.type AS type, a.contact_id AS contact_id,
                   ct.department AS department, ct.role AS role, ct.name AS name, a.url AS url, a.topic AS topic
            FROM companies c
            JOIN activities a ON a.account_key = c.company_key AND a.occurred_at >= $1
            LEFT JOIN contacts ct ON ct.contact_id = a.contact_id
            WHERE c.company_id IN (SELECT company_id FROM targets) AND a.day >= $2
            ORDER BY c.company_key, a.occurred_at, a.activity_id
            """, [.integer(Int(from)), .integer(Int(since.daysSinceEpoch))]
        ).compactMap { r in
            guard let id = r.text("company_id"), let d = r.int("day"),
                let type = r.text("type").flatMap(ActivityType.init(rawValue:))
            else { return nil }
            return RecentAccountActivity(
                companyId: id, day: Day(daysSinceEpoch: Int32(d)), type: type, contactId: r.text("contact_id"),
                department: r.text("department"), role: r.text("role").flatMap(ContactRole.init(rawValue:)),
                contactName: r.text("name"), url: r.text("url"), topic: r.text("topic"))
        }
    }
}
