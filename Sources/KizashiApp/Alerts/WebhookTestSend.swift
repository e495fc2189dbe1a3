import Foundation
import KizashiCore
import KizashiStore

/// A test message to one webhook, sent at once (issue 22 §3, Settings' "test-send"): an admin
/// checks a receiver — its URL, its secret check, Slack's channel — without waiting for an alert.
/// Checked and signed like alerts (`SignedWebhookPost`), marked `X-Kizashi-Event: test`, and
/// never written to the alert delivery log (it is no alert).
public struct WebhookTestSend: Sendable {
    public var post: SignedWebhookPost

    public init(post: SignedWebhookPost) { self.post = post }

    public enum Outcome: Sendable, Equatable {
        case delivered
        /// The reason, without the URL.
        case failed(String)

        public var failure: String? {
            if case .failed(let reason) = self { return reason }
            return nil
        }
    }

    public func send(to hook: Webhook) async -> Outcome {
        let en = "A test message from Kizashi: this webhook receives its alerts."
        let ja = "兆し Kizashi からのテスト送信です。このWebhookにアラートが届きます。"
        let json: JSONValue
        switch hook.kind {
        case .slack: json = .object([("text", .string("兆し Kizashi: \(ja)\n\(en)"))])
        case .generic:
            json = .object([
                ("event", .string("test")), ("webhook_id", .int(Int(hook.id))), ("message_en", .string(en)),
                ("message_ja", .string(ja)), ("sent_at", .int(Int(post.now().millisecondsSinceEpoch))),
            ])
        }
        if let failure = await post.send(Data(json.serialized().utf8), event: "test", to: hook) {
            return .failed(failure)
        }
        return .delivered
    }
}
