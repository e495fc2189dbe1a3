import KizashiCore

/// Claiming alert work on SQLite: each claim is one queued write transaction (`atomically`), so
/// two servers — or a server and the CLI — on one file never take the same evaluation or delivery.
extension SQLiteWorkspaceStore {
    public func claimAlertEvaluations(now: Instant, leaseUntil: Instant, limit: Int) async throws
        -> [PendingAlertEvaluation]
    {
        try await atomically("the alert evaluations were not claimed") { s in
            let rows = try await s.rows(
                "SELECT * FROM alert_evaluations WHERE claimed_until <= \(now) ORDER BY evaluation_id LIMIT \(limit)")
            var out: [PendingAlertEvaluation] = []
            for r in rows {
                guard let id = r.int64("evaluation_id"), let at = r.instant("created_at") else {
                    throw StoreError("stored alert evaluation is unreadable")
                }
                try await s.run(
                    "UPDATE alert_evaluations SET claimed_until = \(leaseUntil) WHERE evaluation_id = \(id)")
                out.append(
                    try PendingAlertEvaluation.decode(
                        id: id, createdAt: at, companies: try r.requiredText("companies"),
                        activities: try r.requiredText("activities")))
            }
            return out
        }
    }

    public func dueDeliveries(now: Instant, limit: Int, leaseUntil: Instant) async throws -> [AlertDelivery] {
        let claimed: [Int64] = try await atomically("the due deliveries were not claimed") { s in
            let ids = try await s.rows(
                """
                SELECT delivery_id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= \(now)
                ORDER BY next_attempt_at, delivery_id LIMIT \(limit)
                """
            ).compactMap { $0.int64("delivery_id") }
            for id in ids {
                try await s.run("UPDATE alert_deliveries SET next_attempt_at = \(leaseUntil) WHERE delivery_id = \(id)")
            }
            return ids
        }
        return try await deliveries(ids: claimed)
    }
}
