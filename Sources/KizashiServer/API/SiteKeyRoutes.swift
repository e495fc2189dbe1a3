import Foundation
import Hummingbird
import KizashiCore
import KizashiStore

/// Site keys of the tracking tag (admin): list, create, revoke.
enum SiteKeyRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.adminList("/site-keys") { try await services.store.siteKeys().map(siteKeyJSON) }
        api.post("/site-keys") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let name = (try body.string("name") ?? "").trimmed
            // A name is shown on the Settings page and in the audit log: printable text only.
            let printable = !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
            guard !name.isEmpty, name.count <= 100, printable else {
                throw ProblemDetails.badRequest("name: say which site the key is for (1–100 characters)", field: "name")
            }
            let key = newSiteKey()
            try await services.store.createSiteKey(name: name, key: key, now: services.now())
            await services.audit.record(.siteKeyCreate, by: context.auditActor, target: key, detail: name)
            return Responses.json(siteKeyJSON((key, name, true)), status: .created)
        }
        api.delete("/site-keys/:key") { _, context in
            try context.require(.admin)
            let key = try context.parameters.require("key")
            guard try await services.store.setSiteKey(key, active: false) else {
                throw ProblemDetails.notFound("Site key \(key)")
            }
            await services.audit.record(.siteKeyRevoke, by: context.auditActor, target: key)
            return Response(status: .noContent)
        }
    }

    /// `pk_` and 24 random hex characters: publishable, but not guessable.
    static func newSiteKey() -> String { "pk_" + Secrets.token(bytes: 12) }

    static func siteKeyJSON(_ k: (key: String, name: String, active: Bool)) -> JSONValue {
        .object([
            ("key", .string(k.key)), ("name", .string(k.name)), ("active", .bool(k.active)),
            ("snippet", .string("<script src=\"/t.js\" data-key=\"\(k.key)\" async></script>")),
        ])
    }
}
