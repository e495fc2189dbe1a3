import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// `/api/v1/users`: create, list, disable, enable, delete, reset a password, change a role
/// (admin). Each change ends the user's sessions and is audited (`AccessService`).
enum UserAdminRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        let access = services.access
        api.adminList("/users") { try await services.store.users().map(userJSON) }
        api.post("/users") { request, context in
            try context.require(.admin)
            let body = try await JSONBody.read(request)
            let email = try body.string("email")!
            let role = try role(body)
            let password = try body.string("password")!
            let user = try await accessProblems {
                try await access.createUser(email: email, role: role, password: password, actor: context.auditActor)
            }
            return Responses.json(userJSON(user), status: .created)
        }
        api.post("/users/:id/disable") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            return Responses.json(
                userJSON(try await accessProblems { try await access.disableUser(id: id, actor: context.auditActor) }))
        }
        api.post("/users/:id/enable") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            return Responses.json(
                userJSON(try await accessProblems { try await access.enableUser(id: id, actor: context.auditActor) }))
        }
        api.delete("/users/:id") { _, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            try await accessProblems { try await access.deleteUser(id: id, actor: context.auditActor) }
            return Response(status: .noContent)
        }
        api.post("/users/:id/role") { request, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            let role = try role(try await JSONBody.read(request))
            return Responses.json(
                userJSON(
                    try await accessProblems { try await access.setRole(id: id, to: role, actor: context.auditActor) }))
        }
        api.post("/users/:id/password") { request, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            // Without a password in the body one is generated and returned, once.
            let given = try await JSONBody.read(request).string("password", required: false)
            let password = given ?? AccessService.generatedPassword()
            let user = try await accessProblems {
                try await access.resetPassword(id: id, to: password, actor: context.auditActor)
            }
            let shown: [(String, JSONValue)] = given == nil ? [("password", .string(password))] : []
            return Responses.json(.object(userFields(user) + shown))
        }
    }

    static func role(_ body: JSONBody) throws -> UserRole {
        try RoleParameter.parse(try body.string("role"))
    }

    static func userJSON(_ u: WorkspaceUser) -> JSONValue { .object(userFields(u)) }

    static func userFields(_ u: WorkspaceUser) -> [(String, JSONValue)] {
        [
            ("id", .int(Int(u.id))), ("email", .string(u.email)), ("role", .string(u.role.rawValue)),
            ("disabled", .bool(u.disabled)),
        ]
    }
}
