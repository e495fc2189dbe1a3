import Foundation
import KizashiCore
import KizashiStore
import Logging
import ServiceLifecycle

/// Evaluates the alert rules after events arrive and delivers alerts to webhooks from the
/// store's outbox: HMAC-signed, retried with exponential backoff, each delivery logged.
///
/// Runs as a service next to the HTTP server (graceful shutdown stops it between deliveries);
/// pending deliveries survive a restart because they live in the store, not in memory.
public actor AlertCenter: Service {
    let store: any WorkspaceStore
    let data: DashboardData
    let now: @Sendable () -> Instant
    let logger: Logger
    /// Set when new alerts wait: the loop checks it every 50 ms (cheaper than a wake-up channel
    /// and well inside the 1 s event-to-alert budget).
    private var woken = false
    /// When the seen contacts were last loaded: evaluations of batches received before then may
    /// already be counted in them (their contacts are asked of the store instead).
    private var preparedAt: Instant?
    /// How long claimed evaluations belong to this server.
    static let evaluationLease: Int64 = 300_000
    /// Evaluations merged into one round: one reload of the scores serves many batches.
    static let evaluationsPerRound = 1_000
    /// Contacts with an activity the rules have already seen (first-engagement rule): loaded
    /// once, then kept current from the evaluated events; nil until loaded or after an outside
    /// change (then each first-time question goes to the store until it is loaded again).
    private var engagedContacts: Set<String>?
    private var uncertainContacts: Set<String> = []
    private var lastPrepared = ContinuousClock.now - .seconds(60)
    /// Sends the outbox's due deliveries.
    let deliverer: WebhookDeliverer

    public init(
        store: any WorkspaceStore, data: DashboardData, now: @escaping @Sendable () -> Instant, logger: Logger,
        deliverer: WebhookDeliverer = WebhookDeliverer()
    ) {
        self.store = store
        self.data = data
        self.now = now
        self.logger = logger
        self.deliverer = deliverer
    }

    /// After an event batch: alerts for the target accounts it touched (kpis.md scores as of today).
    @discardableResult
    public func evaluate(_ summary: EventIngestSummary, completing: [Int64] = []) async throws -> [AlertCandidate] {
        guard !summary.touchedCompanies.isEmpty else {
            _ = try await store.enqueue([], now: now(), cooldownSince: now(), completing: completing)
            return []
        }
        let known = engagedContacts
        let uncertain = uncertainContacts
        let store = self.store
        let (out, rules) = try await AlertEvaluator(store: store, data: data, now: now).candidates(for: summary) {
            contact, batch in
            if let known, !uncertain.contains(contact) { return !known.contains(contact) }
            return !(try await store.hasActivity(contactId: contact, excluding: batch))
        }
        // Seen now: a later activity of these contacts is not their first.
        if engagedContacts != nil {
            for a in summary.newActivities { if let c = a.contactId { engagedContacts!.insert(c) } }
            uncertainContacts = []
        }
        let t = now()
        let since = Instant(millisecondsSinceEpoch: t.millisecondsSinceEpoch - Int64(rules.cooldownHours) * 3_600_000)
        // One write for the round: under event load each alert's own transaction waited its turn
        // behind the event batches.
        let ids = try await store.enqueue(out, now: t, cooldownSince: since, completing: completing)
        let stored = zip(out, ids).compactMap { $1 == nil ? nil : $0 }
        if !stored.isEmpty { woken = true }
        return stored
    }

    /// Loads the contacts that already have activities. Call before the server takes events:
    /// a batch committed during the load would count as seen and not alert as a first engagement.
    public func prepare() async throws {
        let loaded = try await store.contactsWithActivity()
        // Batches received before this point may be in the set already: their contacts are asked
        // of the store when their evaluation runs (`processPending`).
        preparedAt = now()
        engagedContacts = loaded
    }

    /// The workspace changed outside the event path (an import, a merge): the seen contacts are
    /// asked of the store again until `prepare()` reloads them.
    public func forgetSeenContacts() { engagedContacts = nil }

    /// An import that only added `activities` (`ImportService.Outcome.addedActivitiesOnly`):
    /// their contacts are seen now, as an evaluated event batch's are, so the set is kept instead
    /// of read again (a scan of every activity: 0.25 s at medium on PostgreSQL).
    public func seenContacts(of activities: [Activity]) {
        guard engagedContacts != nil else { return }
        for a in activities { if let c = a.contactId { engagedContacts!.insert(c) } }
    }

    /// An ingested batch's evaluation is in the store's outbox: evaluate soon (off the request path).
    public func submit(_ summary: EventIngestSummary) {
        guard !summary.touchedCompanies.isEmpty else { return }
        woken = true
    }

    /// A test's fail point (debug builds only): `KIZASHI_TEST_HOLD_ALERT_EVALUATION=1` leaves the
    /// outbox alone, so the crash test can kill the server between an event and its alerts.
    #if DEBUG
        static let holdEvaluation = ProcessInfo.processInfo.environment["KIZASHI_TEST_HOLD_ALERT_EVALUATION"] == "1"
    #else
        static let holdEvaluation = false
    #endif

    /// Claims the waiting evaluations from the store's outbox (this server's, another server's,
    /// or ones left by a crash), evaluates them as one round and stores the alerts, which
    /// completes them; returns the alerts stored.
    @discardableResult
    public func processPending() async throws -> [AlertCandidate] {
        guard !Self.holdEvaluation else { return [] }
        let t = now()
        let claimed = try await store.claimAlertEvaluations(
            now: t, leaseUntil: Instant(millisecondsSinceEpoch: t.millisecondsSinceEpoch + Self.evaluationLease),
            limit: Self.evaluationsPerRound)
        WorkspaceMetrics.alertEvaluationsWaiting(claimed.count)
        guard !claimed.isEmpty else { return [] }
        var batch = EventIngestSummary()
        for e in claimed {
            batch.touchedCompanies.formUnion(e.companies)
            batch.newActivities += e.activities
            if let preparedAt, e.createdAt.millisecondsSinceEpoch <= preparedAt.millisecondsSinceEpoch {
                for a in e.activities { if let c = a.contactId { uncertainContacts.insert(c) } }
            }
        }
        let started = ContinuousClock.now
        let stored = try await evaluate(batch, completing: claimed.map(\.id))
        logger.debug(
            "alert rules evaluated",
            metadata: [
                "companies": "\(batch.touchedCompanies.count)", "activities": "\(batch.newActivities.count)",
                "alerts": "\(stored.count)", "elapsed": "\(ContinuousClock.now - started)",
            ])
        return stored
    }

    /// Wakes the delivery loop (a new webhook, a retry requested).
    public func poke() { woken = true }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            woken = false
            // At most every 30 s: a shared PostgreSQL workspace reports every commit as a change.
            if engagedContacts == nil, ContinuousClock.now - lastPrepared > .seconds(30) {
                lastPrepared = ContinuousClock.now
                do { try await prepare() } catch {
                    logger.error("loading the engaged contacts failed", metadata: ["error": "\(error)"])
                }
            }
            // Evaluations waiting in the outbox: evaluate the rules (one reload of the scores for
            // all of them), so their alerts go out in this round's deliveries.
            do { try await processPending() } catch {
                logger.error("alert evaluation failed", metadata: ["error": "\(error)"])
            }
            do {
                // A full round: more are due at once.
                if try await deliverDue() == WebhookDeliverer.deliveriesPerRound { woken = true }
            } catch {
                logger.error("alert delivery failed", metadata: ["error": "\(error)"])
            }
            // Sleep until the next retry is due, a new alert arrives, or 30 s pass.
            var next: Int64?
            do {
                next = try await store.nextDue().map {
                    max(0, $0.millisecondsSinceEpoch - now().millisecondsSinceEpoch)
                }
            } catch {
                logger.error(
                    "the next delivery's time is unreadable; looking again in 30 s", metadata: ["error": "\(error)"])
            }
            var waitMs = min(next ?? 30_000, 30_000)
            while waitMs > 0 && !woken && !Task.isShuttingDownGracefully && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                waitMs -= 50
            }
        }
    }

    /// Sends every due delivery once (see `WebhookDeliverer`); returns how many were sent.
    @discardableResult
    public func deliverDue() async throws -> Int {
        try await deliverer.deliverDue(store: store, now: now)
    }
}
