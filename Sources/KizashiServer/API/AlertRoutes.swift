import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// Webhooks and the delivery log (admin only: webhook URLs are secrets).
enum AlertRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.adminList("/webhooks") { try await services.store.webhooks().map(webhookJSON) }
        api.post("/webhooks") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let url = (try body.string("url") ?? "").trimmed
            if case .failure(let refusal) = await services.webhookGuard.check(url) {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Webhook refused", detail: refusal.description,
                    extensions: [("field", .string("url"))])
            }
            let kindText = try body.string("kind", required: false) ?? "generic"
            guard let kind = Webhook.Kind(rawValue: kindText) else {
                throw ProblemDetails.badRequest("kind must be generic or slack", field: "kind")
            }
            let secret = try body.string("secret", required: false) ?? Secrets.token(bytes: 24)
            guard (16...200).contains(secret.utf8.count) else {
                throw ProblemDetails.badRequest("secret must have 16 to 200 bytes", field: "secret")
            }
            let hook = try await services.store.addWebhook(url: url, kind: kind, secret: secret, now: services.now())
            await services.audit.record(
                .webhookAdd, by: context.auditActor, target: "webhook \(hook.id)", detail: kind.rawValue)
            return Responses.json(webhookJSON(hook, showSecret: true), status: .created)
        }
        api.delete("/webhooks/:id") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "webhook")
            try await services.store.setWebhook(id: id, active: false)
            await services.audit.record(.webhookRemove, by: context.auditActor, target: "webhook \(id)")
            return Response(status: .noContent)
        }
        // Delivery results name webhook URLs (a Slack URL is a secret) and receivers' errors: admins only.
        // A test message now, to check a receiver without waiting for an alert (not logged as a delivery).
        api.post("/webhooks/:id/test") { _, context in
            try context.require(.admin)
            let (hook, outcome) = try await testSend(context, services)
            return Responses.json(
                .object([
                    ("webhook_id", .int(Int(hook.id))), ("delivered", .bool(outcome == .delivered)),
                    ("error", outcome.failure.map { .string($0) } ?? .null),
                ]))
        }
        api.adminList("/alerts/deliveries") { try await services.store.deliveryLog(limit: 100).map(deliveryJSON) }
        api.post("/alerts/deliveries/:id/resend") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.numberedPathID(context, "delivery")
            guard try await services.store.resendDelivery(id: id, now: services.now()) else {
                throw ProblemDetails.notFound("Delivery \(id)")
            }
            await services.audit.record(.deliveryResend, by: context.auditActor, target: "delivery \(id)")
            await services.alerts.poke()
            return Response(status: .accepted)
        }
    }

    /// Sends the test message to the path's webhook (an active one), audited with its outcome.
    static func testSend(_ context: KizashiRequestContext, _ services: ServerServices) async throws
        -> (Webhook, WebhookTestSend.Outcome)
    {
        let id = try AdminRoutes.pathID(context, "webhook")
        guard let hook = try await services.store.webhooks().first(where: { $0.id == id && $0.active }) else {
            throw ProblemDetails.notFound("Active webhook \(id)")
        }
        let outcome = await services.webhookTest.send(to: hook)
        await services.audit.record(
            .webhookTest, by: context.auditActor, target: "webhook \(id)", detail: outcome.failure ?? "delivered")
        return (hook, outcome)
    }

    static func webhookJSON(_ w: Webhook) -> JSONValue { webhookJSON(w, showSecret: false) }
    static func webhookJSON(_ w: Webhook, showSecret: Bool) -> JSONValue {
        .object(
            [
                ("id", .int(Int(w.id))), ("url", .string(w.url)), ("kind", .string(w.kind.rawValue)),
                ("active", .bool(w.active)),
            ] + (showSecret ? [("secret", .string(w.secret))] : []))
    }

    static func deliveryJSON(_ d: AlertDelivery) -> JSONValue {
        .object([
            ("delivery_id", .int(Int(d.id))), ("alert_id", .int(Int(d.alertId))),
            ("webhook_id", .int(Int(d.webhook.id))),
            ("url", .string(d.webhook.url)), ("company_id", .string(d.alert.companyId)),
            ("rule", .string(d.alert.rule.rawValue)), ("message_en", .string(d.alert.en)),
            ("message_ja", .string(d.alert.ja)), ("status", .string(d.status.rawValue)), ("attempts", .int(d.attempts)),
            ("last_error", d.lastError.map { .string($0) } ?? .null),
            ("sent_at", d.sentAt.map { .int(Int($0.millisecondsSinceEpoch)) } ?? .null),
            ("route_owner", d.routeOwner.map { .string($0) } ?? .null),
        ])
    }
}
