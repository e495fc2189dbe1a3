import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The settings page's forms for when people leave: disable, enable, delete, reset a password,
/// change a role (admin). A refusal (the last active admin, a short password) re-renders the
/// page with the reason in the user's language.
enum AccessAdminPageRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let access = services.access
        router.post("/settings/users/:id/disable") { request, context in
            try await run(request, context, services) { id in
                try await access.disableUser(id: id, actor: context.auditActor)
            }
        }
        router.post("/settings/users/:id/enable") { request, context in
            try await run(request, context, services) { id in
                try await access.enableUser(id: id, actor: context.auditActor)
            }
        }
        router.post("/settings/users/:id/delete") { request, context in
            try await run(request, context, services) { id in
                guard try await FormData.read(request)["confirm"] == "1" else {
                    throw ProblemDetails.badRequest("tick the box to confirm the deletion", field: "confirm")
                }
                try await access.deleteUser(id: id, actor: context.auditActor)
            }
        }
        router.post("/settings/users/:id/role") { request, context in
            try await run(request, context, services) { id in
                let role = try RoleParameter.parse(try await FormData.read(request)["role"])
                try await access.setRole(id: id, to: role, actor: context.auditActor)
            }
        }
        router.post("/settings/users/:id/password") { request, context in
            try context.require(.admin)
            let id = try AdminRoutes.pathID(context, "user")
            let given = (try await FormData.read(request)["password"]).flatMap { $0.isEmpty ? nil : $0 }
            let password = given ?? AccessService.generatedPassword()
            do {
                let user = try await access.resetPassword(id: id, to: password, actor: context.auditActor)
                // A generated password is shown once, on this page only.
                return try await MorePageRoutes.settingsPage(
                    request, context, services: services,
                    notice: given == nil ? nil : L10n.t("user.signedOutNotice", context.language), newToken: nil,
                    newPassword: given == nil ? (user.email, password) : nil)
            } catch let e as AccessError {
                return try await refused(e, request, context, services)
            }
        }
    }

    /// Checks the role and the id, runs `change`, then back to the settings page.
    static func run(
        _ request: Request, _ context: KizashiRequestContext, _ services: ServerServices,
        _ change: (Int64) async throws -> Void
    ) async throws -> Response {
        try context.require(.admin)
        let id = try AdminRoutes.pathID(context, "user")
        do {
            try await change(id)
        } catch let e as AccessError {
            return try await refused(e, request, context, services)
        }
        return Responses.redirect("/settings?saved=users#users")
    }

    static func refused(
        _ e: AccessError, _ request: Request, _ context: KizashiRequestContext, _ services: ServerServices
    ) async throws -> Response {
        let status: HTTPResponse.Status = ProblemDetails.access(e).status
        return try await MorePageRoutes.settingsPage(
            request, context, services: services, notice: L10n.accessError(e, context.language), newToken: nil,
            status: status)
    }
}
