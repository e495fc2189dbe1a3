import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// API tokens: admin only (users: `UserAdminRoutes`, the audit log: `AuditRoutes`).
enum AdminRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.adminList("/tokens") { try await services.store.tokens().map(tokenJSON) }
        api.post("/tokens") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let role = try RoleParameter.parse(try body.string("role"))
            let name = try body.string("name")!
            let expiresIn = try body.string("expires_in", required: false)
            let (secret, token) = try await accessProblems {
                let lifetime = try AccessService.tokenLifetime(expiresIn)
                return try await services.access.createToken(
                    name: name, role: role, now: services.now(), expiresIn: lifetime, actor: context.auditActor)
            }
            return Responses.json(.object(tokenFields(token) + [("token", .string(secret))]), status: .created)
        }
        api.delete("/tokens/:id") { _, context in
            try context.require(.admin)
            let id = try pathID(context, "token")
            try await accessProblems { try await services.access.revokeToken(id: id, actor: context.auditActor) }
            return Response(status: .noContent)
        }
    }

    /// The numeric `:id` of the path, or 400.
    static func pathID(_ context: KizashiRequestContext, _ what: String) throws -> Int64 {
        // Ids are made by the store from 1 on: 0 or a negative number names nothing, so it is refused
        // like any other bad id (the document says minimum 1).
        guard let id = Int64(try context.parameters.require("id")), id >= 1 else {
            throw ProblemDetails.badRequest("\(what) id must be a positive whole number", field: "id")
        }
        return id
    }

    /// The `:id` of the path as any whole number, or 400 "<what> id must be a number": the form
    /// and delivery routes that take it so (0 or a negative id finds nothing there; `pathID`
    /// refuses it instead).
    static func numberedPathID(_ context: KizashiRequestContext, _ what: String) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else {
            throw ProblemDetails.badRequest("\(what) id must be a number", field: "id")
        }
        return id
    }

    static func tokenJSON(_ t: APIToken) -> JSONValue { .object(tokenFields(t)) }

    static func tokenFields(_ t: APIToken) -> [(String, JSONValue)] {
        [
            ("id", .int(Int(t.id))), ("name", .string(t.name)), ("role", .string(t.role.rawValue)),
            ("prefix", .string(t.prefix)), ("created_at", .int(Int(t.createdAt.millisecondsSinceEpoch))),
            ("revoked", .bool(t.revoked)),
            ("expires_at", t.expiresAt.map { .int(Int($0.millisecondsSinceEpoch)) } ?? .null),
            ("last_used_at", t.lastUsedAt.map { .int(Int($0.millisecondsSinceEpoch)) } ?? .null),
        ]
    }
}
