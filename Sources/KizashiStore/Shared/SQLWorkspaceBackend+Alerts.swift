import KizashiCore

/// Webhooks, alerts and the delivery outbox: the statements both backends share. Claiming work
/// (due deliveries, waiting evaluations) differs and stays with each backend.
extension SQLWorkspaceBackend {
    public func webhooks() async throws -> [Webhook] {
        try await read("SELECT * FROM webhooks ORDER BY webhook_id").map(AlertRows.webhook)
    }

    public func addWebhook(url: String, kind: Webhook.Kind, secret: String, now: Instant) async throws -> Webhook {
        guard
            let r = try await write(
                """
                INSERT INTO webhooks (url, kind, secret, created_at) VALUES (\(url), \(kind.rawValue), \(secret), \(now))
                RETURNING *
                """
            ).first
        else { throw StoreError("the webhook was not stored") }
        return try AlertRows.webhook(r)
    }

    public func setWebhook(id: Int64, active: Bool) async throws {
        _ = try await write("UPDATE webhooks SET active = \(active ? 1 : 0) WHERE webhook_id = \(id)")
    }

    public func enqueue(_ a: AlertCandidate, now: Instant, cooldownSince: Instant) async throws -> Int64? {
        try await enqueue([a], now: now, cooldownSince: cooldownSince, completing: [])[0]
    }

    /// One transaction for a round's alerts and the evaluations they complete. Several servers
    /// may evaluate the same account at once: the cool-down check and the insert are one step per
    /// (account, rule, reason) — under a lock of that key on PostgreSQL, by `BEGIN IMMEDIATE` on
    /// SQLite — and an alert repeated within the round is suppressed by the first.
    public func enqueue(_ alerts: [AlertCandidate], now: Instant, cooldownSince: Instant, completing: [Int64])
        async throws -> [Int64?]
    {
        guard !alerts.isEmpty || !completing.isEmpty else { return [] }
        let dialect = self.dialect
        return try await atomically("the alerts were not stored") { s in
            var out: [Int64?] = []
            for a in alerts {
                if let lock = dialect.transactionLock(
                    named: a.companyId + "\u{1F}" + a.rule.rawValue + "\u{1F}" + a.reasonKey)
                {
                    try await s.run(lock)
                }
                let recent = try await s.rows(
                    """
                    SELECT 1 AS x FROM alerts WHERE company_id = \(a.companyId) AND rule = \(a.rule.rawValue)
                    AND reason_key = \(a.reasonKey) AND created_at > \(cooldownSince) LIMIT 1
                    """)
                guard recent.isEmpty else {
                    out.append(nil)
                    continue
                }
                guard
                    let id = try await s.rows(
                        """
                        INSERT INTO alerts (company_id, rule, reason_key, message_en, message_ja, score, created_at)
                        VALUES (\(a.companyId), \(a.rule.rawValue), \(a.reasonKey), \(a.en), \(a.ja), \(StoredValue.float(a.score)), \(now))
                        RETURNING alert_id
                        """
                    ).first?.int64("alert_id")
                else { throw StoreError("the alert was not stored") }
                // The team's webhooks: every active one no owner route names (a rep's own channel
                // gets only that rep's accounts).
                try await s.run(
                    """
                    INSERT INTO alert_deliveries (alert_id, webhook_id, status, next_attempt_at)
                    SELECT \(id), webhook_id, 'pending', \(now) FROM webhooks WHERE active = 1
                    AND webhook_id NOT IN (SELECT webhook_id FROM owner_routes WHERE webhook_id IS NOT NULL)
                    """)
                if let owner = a.owner, !OwnerRoute.key(owner).isEmpty {
                    try await s.run(
                        """
                        INSERT INTO alert_deliveries (alert_id, webhook_id, status, next_attempt_at, route_owner)
                        SELECT \(id), r.webhook_id, 'pending', \(now), r.owner_name FROM owner_routes r
                        JOIN webhooks w ON w.webhook_id = r.webhook_id
                        WHERE r.owner_key = \(OwnerRoute.key(owner)) AND w.active = 1
                        """)
                }
                out.append(id)
            }
            for chunk in completing.chunked(900) {
                try await s.run(
                    "DELETE FROM alert_evaluations WHERE evaluation_id IN (\(list: chunk.map { .integer($0) }))")
            }
            return out
        }
    }

    /// The deliveries with these ids, with their webhook and alert, in id order.
    func deliveries(ids: [Int64]) async throws -> [AlertDelivery] {
        var out: [AlertDelivery] = []
        for chunk in ids.chunked(900) {
            out += try await read(
                AlertRows.deliverySelect
                    + " WHERE d.delivery_id IN (\(list: chunk.map { .integer($0) })) ORDER BY d.delivery_id"
            ).map(AlertRows.delivery)
        }
        return out
    }

    public func resendDelivery(id: Int64, now: Instant) async throws -> Bool {
        try await atomically("the delivery was not sent again") { s in
            !(try await s.rows(
                """
                UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = \(now), sent_at = NULL
                WHERE delivery_id = \(id) RETURNING delivery_id
                """
            )).isEmpty
        }
    }

    public func nextDue() async throws -> Instant? {
        try await read("SELECT min(next_attempt_at) AS t FROM alert_deliveries WHERE status = 'pending'").first?
            .instant("t")
    }

    public func markSent(deliveryId: Int64, at: Instant) async throws {
        try await record(sent: [deliveryId], failed: [], at: at)
    }

    public func markFailedAttempt(deliveryId: Int64, error: String, next: Instant?) async throws {
        try await record(sent: [], failed: [(deliveryId, error, next)], at: Instant(millisecondsSinceEpoch: 0))
    }

    public func record(sent: [Int64], failed: [(id: Int64, error: String, next: Instant?)], at: Instant) async throws {
        guard !sent.isEmpty || !failed.isEmpty else { return }
        try await atomically("the delivery outcome was not stored") { s in
            for id in sent {
                try await s.run(
                    """
                    UPDATE alert_deliveries SET status = 'sent', sent_at = \(at), attempts = attempts + 1, last_error = NULL
                    WHERE delivery_id = \(id)
                    """)
            }
            for f in failed {
                if let next = f.next {
                    try await s.run(
                        """
                        UPDATE alert_deliveries SET attempts = attempts + 1, last_error = \(f.error), next_attempt_at = \(next)
                        WHERE delivery_id = \(f.id)
                        """)
                } else {
                    try await s.run(
                        """
                        UPDATE alert_deliveries SET attempts = attempts + 1, last_error = \(f.error), status = 'failed'
                        WHERE delivery_id = \(f.id)
                        """)
                }
            }
        }
    }

    public func deliveryLog(limit: Int) async throws -> [AlertDelivery] {
        try await read(AlertRows.deliverySelect + " ORDER BY d.delivery_id DESC LIMIT \(limit)").map(AlertRows.delivery)
    }

    public func hasActivity(contactId: String, excluding: [String]) async throws -> Bool {
        // `excluding` is the activities of one event batch (bounded by the batch's size).
        let filter: StoredSQL =
            excluding.isEmpty ? "" : " AND activity_id NOT IN (\(list: excluding.map { .text($0) }))"
        return !(try await read("SELECT 1 AS x FROM activities WHERE contact_id = \(contactId)" + filter + " LIMIT 1"))
            .isEmpty
    }

    public func contactsWithActivity() async throws -> Set<String> {
        Set(
            try await read("SELECT DISTINCT contact_id FROM activities WHERE contact_id IS NOT NULL").compactMap {
                $0.text("contact_id")
            })
    }
}
