import KizashiCore
import Logging
import PostgresNIO
import SQLiteNIO

extension PostgresWorkspaceStore: AlertStore {
    public func webhooks() async throws -> [Webhook] {
        try await rows("SELECT * FROM webhooks ORDER BY webhook_id").map(SQLiteWorkspaceStore.webhook)
    }

    public func addWebhook(url: String, kind: Webhook.Kind, secret: String, now: Instant) async throws -> Webhook {
        guard
            let r = try await rows(
                "INSERT INTO webhooks (url, kind, secret, created_at) VALUES ($1, $2, $3, $4) RETURNING *",
                [.text(url), .text(kind.rawValue), .text(secret), .instant(now)]
            ).first
        else { throw StoreError("the webhook was not stored") }
        return try SQLiteWorkspaceStore.webhook(r)
    }

    public func setWebhook(id: Int64, active: Bool) async throws {
        try await run(
            "UPDATE webhooks SET active = $1 WHERE webhook_id = $2", [.integer(active ? 1 : 0), .integer(Int(id))])
    }

    public func enqueue(_ a: AlertCandidate, now: Instant, cooldownSince: Instant) async throws -> Int64? {
        try await enqueue([a], now: now, cooldownSince: cooldownSince, completing: [])[0]
    }

    /// One transaction for a round's alerts and the evaluations they complete. Several servers
    /// may evaluate the same account at once: the cool-down check and the insert are one step per
    /// (account, rule, reason), under a transaction-level advisory lock of that key.
    public func enqueue(_ alerts: [AlertCandidate], now: Instant, cooldownSince: Instant, completing: [Int64])
        async throws -> [Int64?]
    {
        guard !alerts.isEmpty || !completing.isEmpty else { return [] }
        do {
            return try await client.withConnection { conn in
                try await conn.run("BEGIN", logger: logger)
                do {
                    var out: [Int64?] = []
                    for a in alerts {
                        out.append(
                            try await Self.enqueue(a, now: now, cooldownSince: cooldownSince, on: conn, logger: logger))
                    }
                    if !completing.isEmpty {
                        var q = PostgresQuery(unsafeSQL: "DELETE FROM alert_evaluations WHERE evaluation_id = ANY($1)")
                        q.binds.append(completing)
                        try await conn.query(q, logger: logger)
                    }
                    try await conn.run("COMMIT", logger: logger)
                    return out
                } catch {
                    await Self.rollback(conn, logger: logger)
                    throw error
                }
            }
        } catch let e as PSQLError {
            throw StoreError("the alerts were not stored: \(Self.describe(e))")
        }
    }

    static func enqueue(
        _ a: AlertCandidate, now: Instant, cooldownSince: Instant, on conn: PostgresConnection, logger: Logger
    ) async throws -> Int64? {
        try await conn.run(
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [.text(a.companyId + "\u{1F}" + a.rule.rawValue + "\u{1F}" + a.reasonKey)], logger: logger)
        let recent = try await conn.rows(
            "SELECT 1 AS x FROM alerts WHERE company_id = $1 AND rule = $2 AND reason_key = $3 AND created_at > $4 LIMIT 1",
            [.text(a.companyId), .text(a.rule.rawValue), .text(a.reasonKey), .instant(cooldownSince)], logger: logger)
        guard recent.isEmpty else { return nil }
        guard
            let id = try await conn.rows(
                """
                INSERT INTO alerts (company_id, rule, reason_key, message_en, message_ja, score, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING alert_id
                """,
                [
                    .text(a.companyId), .text(a.rule.rawValue), .text(a.reasonKey), .text(a.en), .text(a.ja),
                    .float(a.score), .instant(now),
                ], logger: logger
            ).first?.int("alert_id")
        else { throw StoreError("the alert was not stored") }
        try await conn.run(
            """
            INSERT INTO alert_deliveries (alert_id, webhook_id, status, next_attempt_at)
            SELECT $1, webhook_id, 'pending', $2 FROM webhooks WHERE active = 1
            """, [.integer(id), .instant(now)], logger: logger)
        return Int64(id)
    }

    /// Claims waiting evaluations: `FOR UPDATE SKIP LOCKED`, so two servers never take the same one.
    public func claimAlertEvaluations(now: Instant, leaseUntil: Instant, limit: Int) async throws
        -> [PendingAlertEvaluation]
    {
        try await rows(
            """
            WITH due AS (
                SELECT evaluation_id FROM alert_evaluations WHERE claimed_until <= $1
                ORDER BY evaluation_id LIMIT $2 FOR UPDATE SKIP LOCKED)
            UPDATE alert_evaluations e SET claimed_until = $3 FROM due WHERE e.evaluation_id = due.evaluation_id
            RETURNING e.evaluation_id, e.created_at, e.companies, e.activities
            """, [.instant(now), .integer(limit), .instant(leaseUntil)]
        ).map { r in
            guard let id = r.int("evaluation_id"), let at = r.column("created_at")?.instantValue else {
                throw StoreError("stored alert evaluation is unreadable")
            }
            return try PendingAlertEvaluation.decode(
                id: Int64(id), createdAt: at, companies: try r.requiredText("companies"),
                activities: try r.requiredText("activities"))
        }.sorted { $0.id < $1.id }
    }

    /// Claims the due deliveries for this server: each is leased until `leaseUntil` (its next
    /// attempt moved forward), so several servers on one database never send the same alert
    /// twice; a server that dies mid-delivery leaves it to be retried when the lease ends.
    public func dueDeliveries(now: Instant, limit: Int, leaseUntil: Instant) async throws -> [AlertDelivery] {
        let claimed = try await rows(
            """
            WITH due AS (
                SELECT delivery_id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, delivery_id LIMIT $2 FOR UPDATE SKIP LOCKED)
            UPDATE alert_deliveries d SET next_attempt_at = $3 FROM due WHERE d.delivery_id = due.delivery_id
            RETURNING d.delivery_id
            """,
            [.instant(now), .integer(limit), .instant(leaseUntil)]
        ).compactMap { $0.int("delivery_id") }
        guard !claimed.isEmpty else { return [] }
        let list = claimed.map(String.init).joined(separator: ",")
        return try await rows(
            SQLiteWorkspaceStore.deliverySelect + " WHERE d.delivery_id IN (\(list)) ORDER BY d.delivery_id"
        ).map(SQLiteWorkspaceStore.delivery)
    }

    public func resendDelivery(id: Int64, now: Instant) async throws -> Bool {
        !(try await rows(
            """
            UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, sent_at = NULL
            WHERE delivery_id = $2 RETURNING delivery_id
            """, [.instant(now), .integer(Int(id))])).isEmpty
    }

    public func nextDue() async throws -> Instant? {
        try await rows("SELECT min(next_attempt_at) AS t FROM alert_deliveries WHERE status = 'pending'").first?
            .column("t")?.instantValue
    }

    public func markSent(deliveryId: Int64, at: Instant) async throws {
        try await run(
            "UPDATE alert_deliveries SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE delivery_id = $2",
            [.instant(at), .integer(Int(deliveryId))])
    }

    public func markFailedAttempt(deliveryId: Int64, error: String, next: Instant?) async throws {
        if let next {
            try await run(
                "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE delivery_id = $3",
                [.text(error), .instant(next), .integer(Int(deliveryId))])
        } else {
            try await run(
                "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $1, status = 'failed' WHERE delivery_id = $2",
                [.text(error), .integer(Int(deliveryId))])
        }
    }

    public func deliveryLog(limit: Int) async throws -> [AlertDelivery] {
        try await rows(SQLiteWorkspaceStore.deliverySelect + " ORDER BY d.delivery_id DESC LIMIT $1", [.integer(limit)])
            .map(SQLiteWorkspaceStore.delivery)
    }

    public func contactsWithActivity() async throws -> Set<String> {
        var out = Set<String>()
        for r in try await rows("SELECT DISTINCT contact_id FROM activities WHERE contact_id IS NOT NULL", []) {
            if let c = r.text("contact_id") { out.insert(c) }
        }
        return out
    }

    public func hasActivity(contactId: String, excluding: [String]) async throws -> Bool {
        var q = PostgresQuery(
            unsafeSQL: "SELECT 1 FROM activities WHERE contact_id = $1 AND NOT (activity_id = ANY($2)) LIMIT 1")
        q.binds.append(contactId)
        q.binds.append(excluding)
        do {
            for try await _ in try await client.query(q, logger: logger) { return true }
            return false
        } catch {
            throw StoreError("PostgreSQL query failed: \(Self.describe(error))")
        }
    }
}

extension PostgresWorkspaceStore: CollectorStore {
    public func siteKeys() async throws -> [(key: String, name: String, active: Bool)] {
        try await rows("SELECT * FROM site_keys ORDER BY created_at, site_key").compactMap { r in
            guard let k = r.text("site_key"), let n = r.text("name") else { return nil }
            return (k, n, (r.int("active") ?? 0) != 0)
        }
    }

    public func createSiteKey(name: String, key: String, now: Instant) async throws {
        try await run(
            "INSERT INTO site_keys (site_key, name, created_at) VALUES ($1, $2, $3)",
            [.text(key), .text(name), .instant(now)])
    }

    public func isActiveSiteKey(_ key: String) async throws -> Bool {
        !(try await rows("SELECT 1 AS x FROM site_keys WHERE site_key = $1 AND active = 1", [.text(key)]).isEmpty)
    }

    public func setSiteKey(_ key: String, active: Bool) async throws -> Bool {
        let found = try await rows(
            "UPDATE site_keys SET active = $1 WHERE site_key = $2 RETURNING site_key",
            [.integer(active ? 1 : 0), .text(key)])
        return !found.isEmpty
    }

    public func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws {
        try await transaction { tx in
            try await (tx as! PostgresTransaction).replaceIPRanges(ranges)
        }
    }

    public func ipRangeCount() async throws -> Int {
        try await rows("SELECT count(*) AS n FROM ip_ranges").first?.int("n") ?? 0
    }
}
