import KizashiApp
import KizashiCore
import KizashiStore

/// The Settings page's section on the HubSpot write-back (issue 27 §1), admins only (it names
/// CRM record IDs and HubSpot's errors): whether a token is stored and this server can open it,
/// and the latest runs with the records HubSpot refused. The token itself is never shown.
struct SettingsCRMSyncView {
    let model: SettingsModel
    let lang: Language
    let csrf: String

    func render() -> String {
        var h = "<section class=\"panel\" id=\"crm-sync\"><h2>\(L10n.t("settings.crm", lang))</h2>"
        h += "<p class=\"meta\">\(esc(L10n.t("settings.crm.help", lang)))</p>"
        h +=
            "<p class=\"meta\">\(esc(L10n.t(model.hubSpotTokenStored ? "settings.crm.token" : "settings.crm.noToken", lang)))</p>"
        if !model.secretKeyConfigured { h += "<p class=\"meta\">\(esc(L10n.t("settings.crm.noKey", lang)))</p>" }
        for (action, label) in [("dry-run", "settings.crm.dryRun"), ("sync", "settings.crm.syncNow")] {
            h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/crm/hubspot/\(action)\">"
            h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
            h += "<button type=\"submit\">\(L10n.t(label, lang))</button></form>"
        }
        guard !model.crmSyncRuns.isEmpty else {
            return h + "<p class=\"meta\">\(L10n.t("settings.crm.none", lang))</p></section>"
        }
        h += "<table><thead><tr><th scope=\"col\">\(L10n.t("settings.crm.when", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.status", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.crm.counts", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.lastError", lang))</th></tr></thead><tbody>"
        for r in model.crmSyncRuns {
            var notes = r.message.map { [$0] } ?? []
            notes += r.failures.prefix(5).map {
                L10n.t("settings.crm.refused", lang, $0.objectType, $0.recordId, $0.error)
            }
            if r.failures.count > 5 { notes.append("… +\(r.failures.count - 5)") }
            h += "<tr><td>\(esc(DisplayFormat.dateTime(r.startedAt, model.timeZone, lang)))</td>"
            h += "<td>\(L10n.t("settings.crm.status.\(r.status.rawValue)", lang))</td>"
            h += "<td>\(r.recordsChanged) / \(r.recordsSent) / \(r.recordsFailed)</td>"
            h += "<td>\(notes.map(esc).joined(separator: "<br>"))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
