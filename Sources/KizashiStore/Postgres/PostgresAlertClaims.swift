import KizashiCore

/// Claiming alert work on PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several servers on one
/// database never take the same evaluation or delivery, and none waits for another.
extension PostgresWorkspaceStore {
    public func claimAlertEvaluations(now: Instant, leaseUntil: Instant, limit: Int) async throws
        -> [PendingAlertEvaluation]
    {
        try await write(
            """
            WITH due AS (
                SELECT evaluation_id FROM alert_evaluations WHERE claimed_until <= \(now)
                ORDER BY evaluation_id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE alert_evaluations e SET claimed_until = \(leaseUntil) FROM due WHERE e.evaluation_id = due.evaluation_id
            RETURNING e.evaluation_id, e.created_at, e.companies, e.activities
            """
        ).map { r in
            guard let id = r.int64("evaluation_id"), let at = r.instant("created_at") else {
                throw StoreError("stored alert evaluation is unreadable")
            }
            return try PendingAlertEvaluation.decode(
                id: id, createdAt: at, companies: try r.requiredText("companies"),
                activities: try r.requiredText("activities"))
        }.sorted { $0.id < $1.id }
    }

    /// Each claimed delivery is leased until `leaseUntil` (its next attempt moved forward); a
    /// server that dies mid-delivery leaves it to be retried when the lease ends.
    public func dueDeliveries(now: Instant, limit: Int, leaseUntil: Instant) async throws -> [AlertDelivery] {
        let claimed = try await write(
            """
            WITH due AS (
                SELECT delivery_id FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= \(now)
                ORDER BY next_attempt_at, delivery_id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE alert_deliveries d SET next_attempt_at = \(leaseUntil) FROM due WHERE d.delivery_id = due.delivery_id
            RETURNING d.delivery_id
            """
        ).compactMap { $0.int64("delivery_id") }
        return try await deliveries(ids: claimed)
    }
}
