import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The owner route map (issue 27 §3): admin only (a route names webhooks, whose URLs are
/// secrets, and decides who reads which accounts), every change audited.
enum OwnerRouteRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.get("/owner-routes") { _, context in
            try context.require(.admin)
            let all = try await service(services).list(on: try await services.today())
            return Responses.json(.array(all.map(OwnerRouteRendering.json)))
        }
        api.put("/owner-routes") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request, limit: 64 * 1024)
            let owner = try body.string("owner") ?? ""
            let webhook: String?
            switch body.object["webhook"] {
            case nil, is NSNull: webhook = nil
            case let s as String: webhook = s
            case let n as NSNumber where !JSONValue.isBoolean(n): webhook = try body.int("webhook").map(String.init)
            default: throw ProblemDetails.badRequest("webhook must be a webhook number or a URL", field: "webhook")
            }
            var emails: [String] = []
            switch body.object["emails"] {
            case nil, is NSNull: break
            case let list as [Any]:
                guard let strings = list as? [String] else {
                    throw ProblemDetails.badRequest("emails must be a list of strings", field: "emails")
                }
                // Counted as given (a blank entry is a mistake here, unlike a trailing comma in the form).
                guard strings.count <= OwnerRoute.maxEmails,
                    strings.allSatisfy({ !$0.trimmingASCIIWhitespace().isEmpty })
                else {
                    throw ProblemDetails(
                        status: .unprocessableContent, title: "Owner route refused",
                        detail: "emails: at most \(OwnerRoute.maxEmails) addresses, none blank",
                        extensions: [("field", .string("emails"))])
                }
                emails = strings
            default: throw ProblemDetails.badRequest("emails must be a list of strings", field: "emails")
            }
            let (route, created) = try await refusing {
                try await service(services).set(owner: owner, webhook: webhook, emails: emails)
            }
            await services.audit.record(
                .ownerRouteSet, by: context.auditActor, target: "owner \(route.owner)",
                detail: "webhook \(route.webhookId.map(String.init) ?? "none"), \(route.emails.count) e-mail")
            if let created {
                await services.audit.record(
                    .webhookAdd, by: context.auditActor, target: "webhook \(created.id)", detail: "slack, owner route")
            }
            let listed = try await service(services).list(on: try await services.today()).first {
                OwnerRoute.key($0.route.owner) == OwnerRoute.key(route.owner)
            }
            var json = listed.map(OwnerRouteRendering.json) ?? .null
            // A webhook made from a URL: its signing secret, shown once (as POST /webhooks does).
            if let created, case .object(let fields) = json {
                json = .object(fields + [("webhook_secret", .string(created.secret))])
            }
            return Responses.json(json)
        }
        api.delete("/owner-routes") { request, context in
            try context.require(.admin)
            let owner = request.query("owner") ?? ""
            guard try await refusing({ try await service(services).remove(owner: owner) }) else {
                throw ProblemDetails.notFound("Owner route \(owner.prefix(120))")
            }
            await services.audit.record(.ownerRouteRemove, by: context.auditActor, target: "owner \(owner)")
            return Response(status: .noContent)
        }
    }

    static func service(_ services: ServerServices) -> OwnerRouteService {
        OwnerRouteService(store: services.store, webhookGuard: services.webhookGuard, now: services.now)
    }

    /// A refused value as a 422 naming the field.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let p as OwnerRouteProblem {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Owner route refused", detail: p.description,
                extensions: [("field", .string(p.field))])
        }
    }
}
