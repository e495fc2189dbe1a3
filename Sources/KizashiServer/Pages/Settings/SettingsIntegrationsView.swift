import KizashiCore
import KizashiStore

/// The admin-only part of the Settings page that talks to the outside: the tracking tag's site
/// keys, alert webhooks and their delivery log. Webhook URLs (a Slack URL is a secret) and
/// receivers' errors are shown to admins only, so the whole view is.
struct SettingsIntegrationsView {
    let model: SettingsModel
    let lang: Language
    let csrf: String

    func hidden() -> String { "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">" }

    func render() -> String {
        guard model.isAdmin else { return "" }
        return siteKeys() + webhooks() + deliveries()
            + SettingsOwnerRoutesView(routes: model.ownerRoutes, lang: lang, csrf: csrf).render()
            + SettingsDigestView(model: model, lang: lang, csrf: csrf).render()
            + SettingsCRMSyncView(model: model, lang: lang, csrf: csrf).render()
    }

    func siteKeys() -> String {
        var h = "<section class=\"panel\" id=\"site-keys\"><h2>\(L10n.t("settings.tag", lang))</h2>"
        h += "<p class=\"meta\">\(esc(L10n.t("settings.tagHelp", lang)))</p><table><thead><tr>"
        h += "<th scope=\"col\">\(L10n.t("name", lang))</th><th scope=\"col\">\(L10n.t("settings.snippet", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.status", lang))</th><th></th></tr></thead><tbody>"
        for k in model.siteKeys {
            let snippet = "<script src=\"\(model.origin)/t.js\" data-key=\"\(k.key)\" async></script>"
            h += "<tr><td>\(esc(k.name))</td><td><code>\(esc(snippet))</code></td>"
            h += "<td>\(L10n.t(k.active ? "settings.active" : "settings.revoked", lang))</td><td>"
            if k.active {
                h +=
                    "<form method=\"post\" action=\"/settings/site-keys/\(esc(k.key))/revoke\">\(hidden())<button type=\"submit\">\(L10n.t("settings.revoke", lang))</button></form>"
            }
            h += "</td></tr>"
        }
        h += "</tbody></table><form class=\"toolbar\" method=\"post\" action=\"/settings/site-keys\">\(hidden())"
        h += "<label>\(L10n.t("settings.siteName", lang))<input name=\"name\" required maxlength=\"100\"></label>"
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("settings.add", lang))</button></form>"
        h += "<h3 id=\"ip-ranges\">\(L10n.t("settings.ipRangesTitle", lang))</h3>"
        h += "<p class=\"meta\">\(L10n.t("settings.ipRanges", lang, model.ipRanges))</p>"
        h +=
            "<p><label>\(L10n.t("settings.ipUpload", lang)) <input type=\"file\" id=\"ip-ranges-file\" accept=\".csv,text/csv\"></label> <span id=\"ip-ranges-status\" role=\"status\"></span></p>"
        h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/ip-ranges/test\">\(hidden())"
        h +=
            "<label>\(L10n.t("settings.ipTest", lang))<input name=\"address\" required maxlength=\"64\" placeholder=\"203.0.113.7\"></label>"
        h += "<button type=\"submit\">\(L10n.t("settings.ipTest.button", lang))</button></form></section>"
        return h
    }

    func webhooks() -> String {
        var h = "<section class=\"panel\" id=\"webhooks\"><h2>\(L10n.t("settings.webhooks", lang))</h2>"
        h += "<p class=\"meta\">\(esc(L10n.t("settings.webhookHelp", lang)))</p><table><thead><tr>"
        h += "<th scope=\"col\">URL</th><th scope=\"col\">\(L10n.t("settings.kind", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.status", lang))</th><th></th></tr></thead><tbody>"
        for w in model.webhooks {
            h += "<tr><td><code>\(esc(w.url))</code></td><td>\(esc(w.kind.rawValue))</td>"
            h += "<td>\(L10n.t(w.active ? "settings.active" : "settings.disabled", lang))</td><td>"
            if w.active {
                h +=
                    "<form method=\"post\" action=\"/settings/webhooks/\(w.id)/test\">\(hidden())<button type=\"submit\">\(L10n.t("settings.testSend", lang))</button></form>"
                h +=
                    "<form method=\"post\" action=\"/settings/webhooks/\(w.id)/disable\">\(hidden())<button type=\"submit\">\(L10n.t("settings.disable", lang))</button></form>"
            }
            h += "</td></tr>"
        }
        h += "</tbody></table><form class=\"toolbar\" method=\"post\" action=\"/settings/webhooks\">\(hidden())"
        h += "<label>URL<input name=\"url\" type=\"url\" required maxlength=\"2048\" placeholder=\"https://\"></label>"
        h +=
            "<label>\(L10n.t("settings.kind", lang))<select name=\"kind\"><option value=\"generic\">\(L10n.t("webhook.kind.generic", lang))</option><option value=\"slack\">Slack</option></select></label>"
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("settings.add", lang))</button></form></section>"
        return h
    }

    func deliveries() -> String {
        var h = "<section class=\"panel\" id=\"deliveries\"><h2>\(L10n.t("settings.deliveries", lang))</h2>"
        guard !model.deliveries.isEmpty else {
            return h + "<p class=\"meta\">\(L10n.t("settings.noDeliveries", lang))</p></section>"
        }
        h += "<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">\(L10n.t("settings.alert", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.status", lang))</th>"
        h += "<th scope=\"col\" class=\"num\">\(L10n.t("settings.attempts", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.lastError", lang))</th><th></th></tr></thead><tbody>"
        for d in model.deliveries {
            h +=
                "<tr><td>\(d.id)</td><td>\(esc(d.alert.companyName)) — \(esc(d.alert.message(lang)))"
                + (d.routeOwner.map { " <span class=\"meta\">(\(esc(L10n.t("owners.routedTo", lang, $0))))</span>" }
                    ?? "")
                + "</td>"
            h +=
                "<td>\(L10n.t("settings.delivery.\(d.status.rawValue)", lang))</td><td class=\"num\">\(d.attempts)</td>"
            h += "<td>\(esc(d.lastError ?? ""))</td><td>"
            if d.status != .pending {
                h +=
                    "<form method=\"post\" action=\"/settings/deliveries/\(d.id)/resend\">\(hidden())<button type=\"submit\">\(L10n.t("settings.resend", lang))</button></form>"
            }
            h += "</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
