import KizashiCore

/// Webhooks and deliveries from stored rows: one mapping for both backends.
enum AlertRows {
    static func webhook(_ r: some StoredRow) throws -> Webhook {
        guard let id = r.int64("webhook_id"), let kind = r.text("kind").flatMap(Webhook.Kind.init(rawValue:))
        else { throw StoreError("stored webhook is unreadable") }
        return Webhook(
            id: id, url: try r.requiredText("url"), kind: kind, secret: try r.requiredText("secret"),
            active: (r.int("active") ?? 0) != 0)
    }

    /// A delivery with its webhook and its alert (and the alert's company name, if it still exists).
    static let deliverySelect: StoredSQL = """
        SELECT d.delivery_id, d.alert_id, d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, d.route_owner,
               w.webhook_id, w.url, w.kind, w.secret, w.active,
               a.company_id, c.name AS company_name, a.rule, a.reason_key, a.message_en, a.message_ja, a.score,
               a.created_at
        FROM alert_deliveries d JOIN webhooks w ON w.webhook_id = d.webhook_id JOIN alerts a ON a.alert_id = d.alert_id
        LEFT JOIN companies c ON c.company_id = a.company_id
        """

    static func delivery(_ r: some StoredRow) throws -> AlertDelivery {
        guard let id = r.int64("delivery_id"), let alertId = r.int64("alert_id"),
            let status = r.text("status").flatMap(AlertDelivery.Status.init(rawValue:)),
            let rule = r.text("rule").flatMap(AlertCandidate.Rule.init(rawValue:)),
            let next = r.instant("next_attempt_at"), let created = r.instant("created_at")
        else { throw StoreError("stored alert delivery is unreadable") }
        let alert = AlertCandidate(
            companyId: try r.requiredText("company_id"), companyName: r.text("company_name") ?? "", rule: rule,
            reasonKey: try r.requiredText("reason_key"), en: try r.requiredText("message_en"),
            ja: try r.requiredText("message_ja"), score: r.double("score") ?? 0)
        return AlertDelivery(
            id: id, alertId: alertId, webhook: try webhook(r), alert: alert, alertCreatedAt: created,
            status: status, attempts: r.int("attempts") ?? 0, nextAttemptAt: next, lastError: r.text("last_error"),
            sentAt: r.instant("sent_at"), routeOwner: r.text("route_owner"))
    }
}
