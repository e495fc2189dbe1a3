import Foundation
import Hummingbird
import KizashiCore
import KizashiStore

/// Users and API tokens: admin only.
enum AdminRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        api.get("/users") { _, context in
            try context.require(.admin)
            return Responses.json(
                .array(
                    try await services.store.users().map {
                        .object([
                            ("id", .int(Int($0.id))), ("email", .string($0.email)), ("role", .string($0.role.rawValue)),
                        ])
                    }))
        }
        api.post("/users") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let email = try body.string("email")!
            guard let role = try body.string("role").flatMap(UserRole.init(rawValue:)) else {
                throw ProblemDetails.badRequest("role must be admin, editor or viewer", field: "role")
            }
            let password = try body.string("password")!
            do {
                let user = try await services.access.createUser(email: email, role: role, password: password)
                return Responses.json(
                    .object([
                        ("id", .int(Int(user.id))), ("email", .string(user.email)),
                        ("role", .string(user.role.rawValue)),
                    ]),
                    status: .created)
            } catch let e as StoreError {
                throw ProblemDetails.badRequest(e.message)
            }
        }
        api.get("/tokens") { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await services.store.tokens().map(tokenJSON)))
        }
        api.post("/tokens") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            guard let role = try body.string("role").flatMap(UserRole.init(rawValue:)) else {
                throw ProblemDetails.badRequest("role must be admin, editor or viewer", field: "role")
            }
            do {
                let (secret, token) = try await services.access.createToken(
                    name: try body.string("name")!, role: role, now: services.now())
                return Responses.json(.object(tokenFields(token) + [("token", .string(secret))]), status: .created)
            } catch let e as StoreError {
                throw ProblemDetails.badRequest(e.message, field: "name")
            }
        }
        api.delete("/tokens/:id") { _, context in
            try context.require(.admin)
            guard let id = Int64(try context.parameters.require("id")) else {
                throw ProblemDetails.badRequest("token id must be a number", field: "id")
            }
            try await services.store.revokeToken(id: id)
            return Response(status: .noContent)
        }
    }

    static func tokenJSON(_ t: APIToken) -> JSONValue { .object(tokenFields(t)) }

    static func tokenFields(_ t: APIToken) -> [(String, JSONValue)] {
        [
            ("id", .int(Int(t.id))), ("name", .string(t.name)), ("role", .string(t.role.rawValue)),
            ("prefix", .string(t.prefix)), ("created_at", .int(Int(t.createdAt.millisecondsSinceEpoch))),
            ("revoked", .bool(t.revoked)),
        ]
    }
}
