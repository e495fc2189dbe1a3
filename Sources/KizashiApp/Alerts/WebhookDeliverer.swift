import Crypto
import Foundation
import KizashiCore
import KizashiStore
import Logging

/// Sends due alert deliveries from the store's outbox: signed, to checked destinations only,
/// retried with back-off over more than a day, each round finished before its lease ends.
///
/// Why the round has a deadline: on a shared PostgreSQL database the deliveries a server claims
/// are leased to it (`AlertStore.dueDeliveries(leaseUntil:)`); if the round outlasted the lease,
/// another server would claim and send the same alerts while the first still waits on a slow
/// receiver. So no request starts, and none may still be waiting, after `lease − margin`.
public struct WebhookDeliverer: Sendable {
    public var guardrail: WebhookGuard
    public var sender: any WebhookSender
    /// How long claimed deliveries belong to this server (default 5 minutes).
    public var lease: Duration
    public var logger: Logger

    /// Deliveries in flight at once: a slow or dead receiver must not hold up the others.
    public static let concurrentDeliveries = 32
    /// Deliveries claimed per round: a burst of alerts (a campaign touching hundreds of accounts)
    /// goes out in few rounds, each with one read and one write of the outbox.
    public static let deliveriesPerRound = 500
    /// The longest a receiver may take to answer.
    public static let requestTimeout: Duration = .seconds(10)
    /// Attempts before a delivery is given up (then marked failed, visible in the log).
    public static let maxAttempts = 9

    public init(
        guardrail: WebhookGuard = WebhookGuard(), sender: any WebhookSender = HTTPWebhookSender(),
        lease: Duration = .seconds(300), logger: Logger = Logger(label: "kizashi.webhooks")
    ) {
        self.guardrail = guardrail
        self.sender = sender
        self.lease = lease
        self.logger = logger
    }

    /// Seconds to wait before attempt `attempts + 1` after `attempts` failed ones: 30 s, 2 min,
    /// 8 min, 32 min, 2 h 8 min, 8 h 32 min, then 12 h — the eight waits between nine attempts
    /// add up to 35 h 22 min 30 s, so a receiver that is down for a day still gets its alerts.
    public static func retryDelaySeconds(afterAttempts attempts: Int) -> Int64 {
        let exponent = min(max(attempts - 1, 0), 10)
        return min(30 * (Int64(1) << (2 * Int64(exponent))), 43_200)
    }

    /// Sends every due delivery once (up to `deliveriesPerRound`, `concurrentDeliveries` at a
    /// time) and records the outcomes in one write; returns how many were sent.
    @discardableResult
    public func deliverDue(store: any AlertStore, now: @escaping @Sendable () -> Instant) async throws -> Int {
        let claimedAt = now()
        let leaseMs = Self.milliseconds(lease)
        let due = try await store.dueDeliveries(
            now: claimedAt, limit: Self.deliveriesPerRound,
            leaseUntil: Instant(millisecondsSinceEpoch: claimedAt.millisecondsSinceEpoch + leaseMs))
        guard !due.isEmpty else { return 0 }
        // A quarter of the lease (at most a minute) is kept free for clock differences between
        // servers and for recording the outcomes.
        let margin = min(leaseMs / 4, 60_000)
        let deadline = claimedAt.millisecondsSinceEpoch + leaseMs - margin
        let destinations = await checkedDestinations(due)
        let sender = self.sender
        var outcomes: [(delivery: AlertDelivery, error: String?)] = []
        var skipped = 0
        await withTaskGroup(of: (AlertDelivery, String?).self) { group in
            var next = due.makeIterator()
            func start() -> Bool {
                guard let d = next.next() else { return false }
                let remaining = deadline - now().millisecondsSinceEpoch
                guard remaining >= 1_000 else {
                    // Left leased: taken again once the lease ends, never twice at once.
                    skipped += 1
                    return true
                }
                let timeout = Duration.milliseconds(min(remaining, Self.milliseconds(Self.requestTimeout)))
                group.addTask {
                    switch destinations[d.webhook.url] {
                    case .failure(let refusal)?: return (d, "refused: \(refusal)")
                    case nil: return (d, "refused: not checked")
                    case .success(let destination)?:
                        do {
                            let at = now()
                            let status = try await sender.post(
                                url: d.webhook.url, to: destination, headers: Self.headers(d, at: at),
                                body: Self.body(d), timeout: timeout)
                            if (200..<300).contains(status) { return (d, nil) }
                            if (300..<400).contains(status) {
                                return (d, "HTTP \(status) (redirects are not followed)")
                            }
                            return (d, "HTTP \(status)")
                        } catch {
                            return (d, Self.describe(error))
                        }
                    }
                }
                return true
            }
            for _ in 0..<Self.concurrentDeliveries where !start() { break }
            while let r = await group.next() {
                outcomes.append(r)
                _ = start()
            }
        }
        var sent: [Int64] = []
        var failed: [(id: Int64, error: String, next: Instant?)] = []
        let recordedAt = now()
        for (d, error) in outcomes {
            guard let error else {
                sent.append(d.id)
                continue
            }
            let attempts = d.attempts + 1
            let retry: Instant? =
                attempts >= Self.maxAttempts
                ? nil
                : Instant(
                    millisecondsSinceEpoch: recordedAt.millisecondsSinceEpoch + Self.retryDelaySeconds(
                        afterAttempts: attempts) * 1000)
            failed.append((d.id, error, retry))
            // The webhook's id, never its URL: a Slack webhook URL is a secret.
            logger.warning(
                "webhook delivery failed",
                metadata: ["webhook": "\(d.webhook.id)", "delivery": "\(d.id)", "attempt": "\(attempts)"])
        }
        if skipped > 0 {
            logger.notice("deliveries left for the next lease", metadata: ["count": "\(skipped)"])
        }
        try await store.record(sent: sent, failed: failed, at: recordedAt)
        WorkspaceMetrics.deliveries(sent: sent.count, failed: failed.count, due: due.count)
        return sent.count
    }

    /// Each distinct webhook of the round checked once (resolved and judged), in parallel.
    func checkedDestinations(_ due: [AlertDelivery]) async -> [String: Result<WebhookGuard.Destination, WebhookRefusal>]
    {
        let urls = Set(due.map(\.webhook.url))
        let guardrail = self.guardrail
        return await withTaskGroup(of: (String, Result<WebhookGuard.Destination, WebhookRefusal>).self) { group in
            for url in urls { group.addTask { (url, await guardrail.check(url)) } }
            var out: [String: Result<WebhookGuard.Destination, WebhookRefusal>] = [:]
            for await (url, result) in group { out[url] = result }
            return out
        }
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    /// An error as stored in the delivery log: short, and without the URL.
    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    static func headers(_ d: AlertDelivery, at: Instant) -> [(String, String)] {
        let timestamp = String(at.millisecondsSinceEpoch / 1000)
        return [
            ("Content-Type", "application/json"), ("X-Kizashi-Timestamp", timestamp),
            ("X-Kizashi-Signature", signature(secret: d.webhook.secret, timestamp: timestamp, body: body(d))),
            ("X-Kizashi-Delivery", String(d.id)),
        ]
    }

    /// The JSON body: a generic payload, or Slack's `{"text": …}`.
    public static func body(_ d: AlertDelivery) -> Data {
        let a = d.alert
        let json: JSONValue
        switch d.webhook.kind {
        case .generic:
            json = .object([
                ("alert_id", .int(Int(d.alertId))), ("company_id", .string(a.companyId)),
                ("company_name", .string(a.companyName)), ("rule", .string(a.rule.rawValue)),
                ("reason", .string(a.reasonKey)), ("message_en", .string(a.en)), ("message_ja", .string(a.ja)),
                ("score", .number(a.score)), ("created_at", .int(Int(d.alertCreatedAt.millisecondsSinceEpoch))),
            ])
        case .slack:
            json = .object([("text", .string("兆し Kizashi: \(a.ja)\n\(a.en)"))])
        }
        return Data(json.serialized().utf8)
    }

    /// HMAC-SHA256 over "timestamp.body" with the webhook's secret, hex: the receiver recomputes it.
    public static func signature(secret: String, timestamp: String, body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data((timestamp + ".").utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
