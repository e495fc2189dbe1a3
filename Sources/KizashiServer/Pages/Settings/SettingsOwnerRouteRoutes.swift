import Hummingbird
import KizashiApp
import KizashiCore

/// The owner route form on Settings (issue 27 §3), admins only, audited like the API: a refused
/// value comes back on the page with the field and the reason.
enum SettingsOwnerRouteRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.post("/settings/owner-routes") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            do {
                let emails = try OwnerRoute.validEmails(commaSeparated: form["emails"] ?? "").get()
                let (route, created) = try await OwnerRouteRoutes.service(services).set(
                    owner: form["owner"] ?? "", webhook: form["webhook"], emails: emails)
                await services.audit.record(
                    .ownerRouteSet, by: context.auditActor, target: "owner \(route.owner)",
                    detail: "webhook \(route.webhookId.map(String.init) ?? "none"), \(route.emails.count) e-mail")
                if let created {
                    await services.audit.record(
                        .webhookAdd, by: context.auditActor, target: "webhook \(created.id)",
                        detail: "slack, owner route")
                    return try await MorePageRoutes.settingsPage(
                        request, context, services: services, notice: nil,
                        newToken: "webhook secret: \(created.secret)")
                }
                return Responses.redirect("/settings?saved=owner-routes#owner-routes")
            } catch let p as OwnerRouteProblem {
                return try await MorePageRoutes.settingsPage(
                    request, context, services: services, notice: p.description, newToken: nil,
                    status: .unprocessableContent)
            }
        }
        router.post("/settings/owner-routes/remove") { request, context in
            try context.require(.admin)
            let form = try await FormData.read(request)
            let owner = form["owner"] ?? ""
            do {
                if try await OwnerRouteRoutes.service(services).remove(owner: owner) {
                    await services.audit.record(
                        .ownerRouteRemove, by: context.auditActor, target: "owner \(owner)")
                }
            } catch let p as OwnerRouteProblem {
                return try await MorePageRoutes.settingsPage(
                    request, context, services: services, notice: p.description, newToken: nil,
                    status: .unprocessableContent)
            }
            return Responses.redirect("/settings?saved=owner-routes#owner-routes")
        }
    }
}
