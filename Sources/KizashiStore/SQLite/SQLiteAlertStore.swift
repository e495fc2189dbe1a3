import KizashiCore
import SQLiteNIO

extension SQLiteWorkspaceStore: AlertStore {
    static func webhook(_ r: some StoredRow) throws -> Webhook {
        guard let id = r.column("webhook_id")?.integer, let kind = r.text("kind").flatMap(Webhook.Kind.init(rawValue:))
        else { throw StoreError("stored webhook is unreadable") }
        return Webhook(
            id: Int64(id), url: try r.requiredText("url"), kind: kind, secret: try r.requiredText("secret"),
            active: (r.int("active") ?? 0) != 0)
    }

    public func webhooks() async throws -> [Webhook] {
        try await reader.query("SELECT * FROM webhooks ORDER BY webhook_id").map(Self.webhook)
    }

    public func addWebhook(url: String, kind: Webhook.Kind, secret: String, now: Instant) async throws -> Webhook {
        guard
            let r = try await writer.query(
                "INSERT INTO webhooks (url, kind, secret, created_at) VALUES (?, ?, ?, ?) RETURNING *",
                [.text(url), .text(kind.rawValue), .text(secret), .instant(now)]
            ).first
        else { throw StoreError("the webhook was not stored") }
        return try Self.webhook(r)
    }

    public func setWebhook(id: Int64, active: Bool) async throws {
        _ = try await writer.query(
            "UPDATE webhooks SET active = ? WHERE webhook_id = ?", [.integer(active ? 1 : 0), .integer(Int(id))])
    }

    public func enqueue(_ a: AlertCandidate, now: Instant, cooldownSince: Instant) async throws -> Int64? {
        try await enqueue([a], now: now, cooldownSince: cooldownSince)[0]
    }

    /// One transaction for a round's alerts: the cool-down check and the inserts are one atomic
    /// step (BEGIN IMMEDIATE) against other servers, and an alert repeated within the round is
    /// suppressed by the first.
    public func enqueue(_ alerts: [AlertCandidate], now: Instant, cooldownSince: Instant, completing: [Int64])
        async throws -> [Int64?]
    {
        guard !alerts.isEmpty || !completing.isEmpty else { return [] }
        return try await rawWrite { db in
            var out: [Int64?] = []
            for id in completing {
                try db.execute("DELETE FROM alert_evaluations WHERE evaluation_id = ?", [.integer(Int(id))])
            }
            for a in alerts {
                let recent = try db.query(
                    "SELECT 1 AS x FROM alerts WHERE company_id = ? AND rule = ? AND reason_key = ? AND created_at > ? LIMIT 1",
                    [.text(a.companyId), .text(a.rule.rawValue), .text(a.reasonKey), .instant(cooldownSince)])
                guard recent.isEmpty else {
                    out.append(nil)
                    continue
                }
                guard
                    let id = try db.query(
                        """
                        INSERT INTO alerts (company_id, rule, reason_key, message_en, message_ja, score, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING alert_id
                        """,
                        [
                            .text(a.companyId), .text(a.rule.rawValue), .text(a.reasonKey), .text(a.en), .text(a.ja),
                            .float(a.score), .instant(now),
                        ]
                    ).first?.int("alert_id")
                else { throw StoreError("the alert was not stored") }
                try db.execute(
                    """
                    INSERT INTO alert_deliveries (alert_id, webhook_id, status, next_attempt_at)
                    SELECT ?, webhook_id, 'pending', ? FROM webhooks WHERE active = 1
                    """, [.integer(id), .instant(now)])
                out.append(Int64(id))
            }
            return out
        }
    }

    public func claimAlertEvaluations(now: Instant, leaseUntil: Instant, limit: Int) async throws
        -> [PendingAlertEvaluation]
    {
        try await rawWrite { db in
            let rows = try db.query(
                "SELECT * FROM alert_evaluations WHERE claimed_until <= ? ORDER BY evaluation_id LIMIT ?",
                [.instant(now), .integer(limit)])
            var out: [PendingAlertEvaluation] = []
            for r in rows {
                guard let id = r.int("evaluation_id"), let at = r.column("created_at")?.instantValue else { continue }
                try db.execute(
                    "UPDATE alert_evaluations SET claimed_until = ? WHERE evaluation_id = ?",
                    [.instant(leaseUntil), .integer(id)])
                out.append(
                    try PendingAlertEvaluation.decode(
                        id: Int64(id), createdAt: at, companies: try r.requiredText("companies"),
                        activities: try r.requiredText("activities")))
            }
            return out
        }
    }

    static let deliverySelect = """
        SELECT d.delivery_id, d.alert_id, d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at,
               w.webhook_id, w.url, w.kind, w.secret, w.active,
               a.company_id, c.name AS company_name, a.rule, a.reason_key, a.message_en, a.message_ja, a.score,
               a.created_at
        FROM alert_deliveries d JOIN webhooks w ON w.webhook_id = d.webhook_id JOIN alerts a ON a.alert_id = d.alert_id
        LEFT JOIN companies c ON c.company_id = a.company_id
        """

    static func delivery(_ r: some StoredRow) throws -> AlertDelivery {
        guard let id = r.column("delivery_id")?.integer, let alertId = r.column("alert_id")?.integer,
            let status = r.text("status").flatMap(AlertDelivery.Status.init(rawValue:)),
            let rule = r.text("rule").flatMap(AlertCandidate.Rule.init(rawValue:)),
            let next = r.column("next_attempt_at")?.instantValue, let created = r.column("created_at")?.instantValue
        else { throw StoreError("stored alert delivery is unreadable") }
        let alert = AlertCandidate(
            companyId: try r.requiredText("company_id"), companyName: r.text("company_name") ?? "", rule: rule,
            reasonKey: try r.requiredText("reason_key"), en: try r.requiredText("message_en"),
            ja: try r.requiredText("message_ja"), score: r.double("score") ?? 0)
        return AlertDelivery(
            id: Int64(id), alertId: Int64(alertId), webhook: try webhook(r), alert: alert, alertCreatedAt: created,
            status: status, attempts: r.int("attempts") ?? 0, nextAttemptAt: next, lastError: r.text("last_error"),
            sentAt: r.column("sent_at")?.instantValue)
    }

    public func dueDeliveries(now: Instant, limit: Int, leaseUntil: Instant) async throws -> [AlertDelivery] {
        let claimed: [Int] = try await rawWrite { db in
            let ids = try db.query(
                "SELECT delivery_id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, delivery_id LIMIT ?",
                [.instant(now), .integer(limit)]
            ).compactMap { $0.int("delivery_id") }
            for id in ids {
                try db.execute(
                    "UPDATE alert_deliveries SET next_attempt_at = ? WHERE delivery_id = ?",
                    [.instant(leaseUntil), .integer(id)])
            }
            return ids
        }
        guard !claimed.isEmpty else { return [] }
        let list = claimed.map(String.init).joined(separator: ",")
        return try await reader.query(
            Self.deliverySelect + " WHERE d.delivery_id IN (\(list)) ORDER BY d.delivery_id"
        ).map(Self.delivery)
    }

    public func resendDelivery(id: Int64, now: Instant) async throws -> Bool {
        try await rawWrite { db in
            guard
                !(try db.query("SELECT 1 AS x FROM alert_deliveries WHERE delivery_id = ?", [.integer(Int(id))]))
                    .isEmpty
            else { return false }
            try db.execute(
                "UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, sent_at = NULL WHERE delivery_id = ?",
                [.instant(now), .integer(Int(id))])
            return true
        }
    }

    public func nextDue() async throws -> Instant? {
        try await reader.query("SELECT min(next_attempt_at) AS t FROM alert_deliveries WHERE status = 'pending'").first?
            .column("t")?.instantValue
    }

    public func markSent(deliveryId: Int64, at: Instant) async throws {
        try await record(sent: [deliveryId], failed: [], at: at)
    }

    public func markFailedAttempt(deliveryId: Int64, error: String, next: Instant?) async throws {
        try await record(sent: [], failed: [(deliveryId, error, next)], at: Instant(millisecondsSinceEpoch: 0))
    }

    public func record(sent: [Int64], failed: [(id: Int64, error: String, next: Instant?)], at: Instant) async throws {
        guard !sent.isEmpty || !failed.isEmpty else { return }
        try await rawWrite { db in
            for id in sent {
                try db.execute(
                    "UPDATE alert_deliveries SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE delivery_id = ?",
                    [.instant(at), .integer(Int(id))])
            }
            for f in failed {
                if let next = f.next {
                    try db.execute(
                        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE delivery_id = ?",
                        [.text(f.error), .instant(next), .integer(Int(f.id))])
                } else {
                    try db.execute(
                        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, status = 'failed' WHERE delivery_id = ?",
                        [.text(f.error), .integer(Int(f.id))])
                }
            }
        }
    }

    public func deliveryLog(limit: Int) async throws -> [AlertDelivery] {
        try await reader.query(Self.deliverySelect + " ORDER BY d.delivery_id DESC LIMIT ?", [.integer(limit)]).map(
            Self.delivery)
    }

    public func hasActivity(contactId: String, excluding: [String]) async throws -> Bool {
        let marks = Array(repeating: "?", count: excluding.count).joined(separator: ",")
        let filter = excluding.isEmpty ? "" : " AND activity_id NOT IN (\(marks))"
        return
            !(try await reader.query(
                "SELECT 1 AS x FROM activities WHERE contact_id = ?\(filter) LIMIT 1",
                [.text(contactId)] + excluding.map { .text($0) })).isEmpty
    }

    public func contactsWithActivity() async throws -> Set<String> {
        var out = Set<String>()
        for r in try await reader.query(
            "SELECT DISTINCT contact_id FROM activities WHERE contact_id IS NOT NULL")
        {
            if let c = r.text("contact_id") { out.insert(c) }
        }
        return out
    }
}
