import Foundation
import Hummingbird
import KizashiCore
import KizashiStore

/// Webhooks (admin) and the delivery log (any role).
enum AlertRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.get("/webhooks") { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await services.store.webhooks().map(webhookJSON)))
        }
        api.post("/webhooks") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let url = try body.string("url")!
            guard let u = URL(string: url), ["http", "https"].contains(u.scheme ?? ""), u.host != nil else {
                throw ProblemDetails.badRequest("url must be an http(s) URL", field: "url")
            }
            let kindText = try body.string("kind", required: false) ?? "generic"
            guard let kind = Webhook.Kind(rawValue: kindText) else {
                throw ProblemDetails.badRequest("kind must be generic or slack", field: "kind")
            }
            let secret = try body.string("secret", required: false) ?? Secrets.token(bytes: 24)
            let hook = try await services.store.addWebhook(url: url, kind: kind, secret: secret, now: services.now())
            await services.audit.record(
                .webhookAdd, by: context.auditActor, target: "webhook \(hook.id)", detail: kind.rawValue)
            return Responses.json(webhookJSON(hook, showSecret: true), status: .created)
        }
        api.delete("/webhooks/:id") { _, context in
            try context.require(.admin)
            guard let id = Int64(try context.parameters.require("id")) else {
                throw ProblemDetails.badRequest("webhook id must be a number", field: "id")
            }
            try await services.store.setWebhook(id: id, active: false)
            await services.audit.record(.webhookRemove, by: context.auditActor, target: "webhook \(id)")
            return Response(status: .noContent)
        }
        api.get("/alerts/deliveries") { _, _ in
            Responses.json(.array(try await services.store.deliveryLog(limit: 100).map(deliveryJSON)))
        }
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
        ])
    }
}
