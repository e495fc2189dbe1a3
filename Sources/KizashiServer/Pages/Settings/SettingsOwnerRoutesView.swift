import KizashiApp
import KizashiCore
import KizashiStore

/// The owner route map on Settings (issue 27 §3), admins only: each owner's webhook (its number
/// and kind, never the URL), addresses and accounts today, a form to set one and a remove button.
struct SettingsOwnerRoutesView {
    let routes: [OwnerRouteService.Listed]
    let lang: Language
    let csrf: String

    func hidden() -> String { "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">" }

    func render() -> String {
        var h = "<section class=\"panel\" id=\"owner-routes\"><h2>\(L10n.t("owners.title", lang))</h2>"
        h += "<p class=\"meta\">\(esc(L10n.t("owners.help", lang)))</p>"
        if routes.isEmpty {
            h += "<p class=\"meta\">\(L10n.t("owners.none", lang))</p>"
        } else {
            h += "<table><thead><tr><th scope=\"col\">\(L10n.t("owners.owner", lang))</th>"
            h += "<th scope=\"col\">Webhook</th><th scope=\"col\">\(L10n.t("owners.emails", lang))</th>"
            h += "<th scope=\"col\" class=\"num\">\(L10n.t("owners.accounts", lang))</th><th></th></tr></thead><tbody>"
            for l in routes {
                let hook =
                    l.route.webhookId.map { id in "#\(id)" + (l.webhook.map { " (\($0.kind.rawValue))" } ?? "") } ?? "—"
                h += "<tr><td>\(esc(l.route.owner))</td><td>\(esc(hook))</td>"
                h += "<td>\(esc(l.route.emails.joined(separator: ", ")))</td><td class=\"num\">\(l.accounts)</td><td>"
                h += "<form method=\"post\" action=\"/settings/owner-routes/remove\">\(hidden())"
                h += "<input type=\"hidden\" name=\"owner\" value=\"\(esc(l.route.owner))\">"
                h += "<button type=\"submit\">\(L10n.t("owners.remove", lang))</button></form></td></tr>"
            }
            h += "</tbody></table>"
        }
        h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/owner-routes\">\(hidden())"
        h +=
            "<label>\(L10n.t("owners.owner", lang))<input name=\"owner\" required maxlength=\"\(OwnerRoute.maxOwnerLength)\"></label>"
        h += "<label>\(L10n.t("owners.webhook", lang))<input name=\"webhook\" maxlength=\"2048\"></label>"
        h += "<label>\(L10n.t("owners.emails", lang))<input name=\"emails\" maxlength=\"1600\"></label>"
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("owners.set", lang))</button></form></section>"
        return h
    }
}
