import Foundation
import KizashiCore
import SQLiteNIO

/// Users, sessions and tokens (same rows as the SQLite store; same row decoding).
extension PostgresWorkspaceStore: AccessStore {
    public func createUser(email: String, role: UserRole, passwordHash: String) async throws -> WorkspaceUser {
        let normalized = email.trimmingCharacters(in: .whitespaces)
        if try await user(email: normalized) != nil {
            throw StoreError("a user with the e-mail address \(normalized) already exists")
        }
        let now = Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        guard
            let r = try await rows(
                "INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING *",
                [.text(normalized), .text(role.rawValue), .text(passwordHash), .instant(now)]
            ).first
        else { throw StoreError("the user was not created") }
        return try SQLiteWorkspaceStore.user(r)
    }

    public func users() async throws -> [WorkspaceUser] {
        try await rows("SELECT * FROM users ORDER BY email").map(SQLiteWorkspaceStore.user)
    }

    public func user(email: String) async throws -> WorkspaceUser? {
        // Case-insensitive in ASCII, as SQLite's NOCASE (the users_email index is on lower(email)).
        try await rows("SELECT * FROM users WHERE lower(email) = lower($1)", [.text(email)]).first.map(
            SQLiteWorkspaceStore.user)
    }

    public func user(id: Int64) async throws -> WorkspaceUser? {
        try await rows("SELECT * FROM users WHERE user_id = $1", [.integer(Int(id))]).first.map(
            SQLiteWorkspaceStore.user)
    }

    public func setPassword(userId: Int64, passwordHash: String) async throws {
        try await run(
            "UPDATE users SET password_hash = $1 WHERE user_id = $2", [.text(passwordHash), .integer(Int(userId))])
        // A new password signs every browser out.
        try await run("DELETE FROM sessions WHERE user_id = $1", [.integer(Int(userId))])
    }

    public func setRole(userId: Int64, role: UserRole) async throws {
        try await run("UPDATE users SET role = $1 WHERE user_id = $2", [.text(role.rawValue), .integer(Int(userId))])
    }

    public func setLanguage(userId: Int64, language: String) async throws {
        try await run("UPDATE users SET language = $1 WHERE user_id = $2", [.text(language), .integer(Int(userId))])
    }

    public func createSession(_ s: BrowserSession) async throws {
        try await run(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
            [.text(s.idHash), .integer(Int(s.userId)), .text(s.csrfToken), .instant(s.expiresAt)])
        try await run("DELETE FROM sessions WHERE expires_at < $1", [.instant(s.expiresAt - 86_400_000 * 60)])
    }

    public func session(idHash: String, now: Instant) async throws -> BrowserSession? {
        guard
            let r = try await rows(
                "SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2", [.text(idHash), .instant(now)]
            ).first, let uid = r.column("user_id")?.integer, let exp = r.column("expires_at")?.instantValue
        else { return nil }
        return BrowserSession(
            idHash: idHash, userId: Int64(uid), csrfToken: try r.requiredText("csrf_token"), expiresAt: exp)
    }

    public func deleteSession(idHash: String) async throws {
        try await run("DELETE FROM sessions WHERE id_hash = $1", [.text(idHash)])
    }

    public func createToken(name: String, role: UserRole, tokenHash: String, prefix: String, createdAt: Instant)
        async throws -> APIToken
    {
        guard
            let r = try await rows(
                "INSERT INTO api_tokens (name, role, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *",
                [.text(name), .text(role.rawValue), .text(tokenHash), .text(prefix), .instant(createdAt)]
            ).first
        else { throw StoreError("the API token was not created") }
        return try SQLiteWorkspaceStore.token(r)
    }

    public func token(hash: String) async throws -> APIToken? {
        try await rows("SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked = 0", [.text(hash)]).first.map(
            SQLiteWorkspaceStore.token)
    }

    public func tokens() async throws -> [APIToken] {
        try await rows("SELECT * FROM api_tokens ORDER BY token_id").map(SQLiteWorkspaceStore.token)
    }

    public func revokeToken(id: Int64) async throws {
        try await run("UPDATE api_tokens SET revoked = 1 WHERE token_id = $1", [.integer(Int(id))])
    }
}

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
