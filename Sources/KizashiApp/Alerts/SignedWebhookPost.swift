import Foundation
import KizashiCore
import KizashiStore

/// One signed POST to a webhook outside the alert outbox — the review (`DigestDelivery`) and the
/// test message (`WebhookTestSend`) — checked by `WebhookGuard` and signed as alert deliveries
/// are, so a receiver verifies every message from Kizashi the same way.
public struct SignedWebhookPost: Sendable {
    public var webhookGuard: WebhookGuard
    public var sender: any WebhookSender
    public var now: @Sendable () -> Instant

    public init(
        webhookGuard: WebhookGuard = WebhookGuard(), sender: any WebhookSender = HTTPWebhookSender(),
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.webhookGuard = webhookGuard
        self.sender = sender
        self.now = now
    }

    /// nil when the receiver answered 2xx, else the reason (never the URL: a Slack URL is a
    /// secret). `event` goes in `X-Kizashi-Event`.
    public func send(_ body: Data, event: String, to hook: Webhook) async -> String? {
        let destination: WebhookGuard.Destination
        switch await webhookGuard.check(hook.url) {
        case .failure(let refusal): return "refused: \(refusal)"
        case .success(let d): destination = d
        }
        let timestamp = String(now().millisecondsSinceEpoch / 1000)
        let headers = [
            ("Content-Type", "application/json"), ("X-Kizashi-Timestamp", timestamp),
            ("X-Kizashi-Signature", WebhookDeliverer.signature(secret: hook.secret, timestamp: timestamp, body: body)),
            ("X-Kizashi-Event", event),
        ]
        do {
            let status = try await sender.post(
                url: hook.url, to: destination, headers: headers, body: body, timeout: WebhookDeliverer.requestTimeout)
            return (200..<300).contains(status) ? nil : "HTTP \(status)"
        } catch {
            return WebhookDeliverer.describe(error)
        }
    }
}
