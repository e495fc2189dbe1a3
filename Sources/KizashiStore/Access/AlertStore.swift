import KizashiCore

public struct Webhook: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case generic, slack }
    public var id: Int64
    public var url: String
    public var kind: Kind
    public var secret: String
    public var active: Bool
}

/// One alert to one webhook: the outbox row, so no alert is lost across a restart.
public struct AlertDelivery: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, sent, failed }
    public var id: Int64
    public var alertId: Int64
    public var webhook: Webhook
    public var alert: AlertCandidate
    public var alertCreatedAt: Instant
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Instant
    public var lastError: String?
    public var sentAt: Instant?
    /// The account owner this delivery was routed for (issue 27 §3); nil: a team webhook.
    public var routeOwner: String? = nil
}

/// Webhooks, alerts (with their cool-down) and the delivery outbox.
public protocol AlertStore: Sendable {
    func webhooks() async throws -> [Webhook]
    func addWebhook(url: String, kind: Webhook.Kind, secret: String, now: Instant) async throws -> Webhook
    func setWebhook(id: Int64, active: Bool) async throws
    /// Stores the alert and one pending delivery per active team webhook (a webhook no owner route
    /// names) plus one to the active webhook of the route of `alert.owner`, unless the same account had
    /// an alert of the same rule and reason since `cooldownSince`. Returns the alert id, or nil
    /// when the cool-down suppressed it.
    func enqueue(_ alert: AlertCandidate, now: Instant, cooldownSince: Instant) async throws -> Int64?
    /// Claims the pending deliveries due at `now`, oldest first: each one's next attempt moves to
    /// `leaseUntil`, so another server sharing the database does not take it while this one sends
    /// (the sender must finish or give up before the lease ends; see `AlertCenter`).
    func dueDeliveries(now: Instant, limit: Int, leaseUntil: Instant) async throws -> [AlertDelivery]
    /// Sends a delivery again (after a receiver was fixed): pending now, with a fresh set of
    /// attempts. False when there is no such delivery.
    func resendDelivery(id: Int64, now: Instant) async throws -> Bool
    /// The next time a pending delivery is due (nil: none pending).
    func nextDue() async throws -> Instant?
    func markSent(deliveryId: Int64, at: Instant) async throws
    func markFailedAttempt(deliveryId: Int64, error: String, next: Instant?) async throws
    /// `enqueue` for a round's alerts at once, in one transaction that also deletes the outbox's
    /// evaluations they came from (`completing`): an evaluation is done exactly when its alerts
    /// are stored.
    func enqueue(_ alerts: [AlertCandidate], now: Instant, cooldownSince: Instant, completing: [Int64]) async throws
        -> [Int64?]
    /// Claims waiting alert evaluations, oldest first, until `leaseUntil` (a server that dies
    /// while evaluating leaves them to the next claim).
    func claimAlertEvaluations(now: Instant, leaseUntil: Instant, limit: Int) async throws -> [PendingAlertEvaluation]
    /// The outcome of a round of deliveries: `markSent` and `markFailedAttempt` at once.
    func record(sent: [Int64], failed: [(id: Int64, error: String, next: Instant?)], at: Instant) async throws
    /// Whether the contact has any activity other than `excluding` (first-engagement alerts).
    func hasActivity(contactId: String, excluding: [String]) async throws -> Bool
    /// Every contact with at least one activity: loaded once by the alert rules, which then
    /// keep it current from the events they see (a query per first-time contact scans the
    /// activities, which have no contact index: about 0.5 s each at medium scale).
    func contactsWithActivity() async throws -> Set<String>
    /// The latest deliveries, newest first (the dashboard's delivery log).
    func deliveryLog(limit: Int) async throws -> [AlertDelivery]
}

extension AlertStore {
    public func enqueue(_ alerts: [AlertCandidate], now: Instant, cooldownSince: Instant) async throws -> [Int64?] {
        try await enqueue(alerts, now: now, cooldownSince: cooldownSince, completing: [])
    }

    public func record(sent: [Int64], failed: [(id: Int64, error: String, next: Instant?)], at: Instant) async throws {
        for id in sent { try await markSent(deliveryId: id, at: at) }
        for f in failed { try await markFailedAttempt(deliveryId: f.id, error: f.error, next: f.next) }
    }
}
