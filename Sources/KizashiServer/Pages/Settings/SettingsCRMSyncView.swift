import KizashiApp
import KizashiCore
import KizashiStore

/// The Settings page's section on the CRM write-backs (issue 27 §1), admins only (it names CRM
/// record IDs and the CRMs' errors): whether HubSpot's token and Salesforce's client credentials
/// are stored and this server can open them, the form storing Salesforce's, and the latest runs
/// of both with the records refused. A token or secret itself is never shown.
struct SettingsCRMSyncView {
    let model: SettingsModel
    let lang: Language
    let csrf: String

    func render() -> String {
        var h = "<section class=\"panel\" id=\"crm-sync\"><h2>\(L10n.t("settings.crm", lang))</h2>"
        h += "<h3>\(L10n.t("settings.crm.hs", lang))</h3>"
        h += "<p class=\"meta\">\(esc(L10n.t("settings.crm.help", lang)))</p>"
        h +=
            "<p class=\"meta\">\(esc(L10n.t(model.hubSpotTokenStored ? "settings.crm.token" : "settings.crm.noToken", lang)))</p>"
        if !model.secretKeyConfigured { h += "<p class=\"meta\">\(esc(L10n.t("settings.crm.noKey", lang)))</p>" }
        for (action, label) in [("dry-run", "settings.crm.dryRun"), ("sync", "settings.crm.syncNow")] {
            h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/crm/hubspot/\(action)\">"
            h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
            h += "<button type=\"submit\">\(L10n.t(label, lang))</button></form>"
        }
        h += salesforce()
        guard !model.crmSyncRuns.isEmpty else {
            return h + "<p class=\"meta\">\(L10n.t("settings.crm.none", lang))</p></section>"
        }
        h += "<table><thead><tr><th scope=\"col\">\(L10n.t("settings.crm.when", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.crm.provider", lang))</th>"
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
            h += "<td>\(r.provider == "salesforce" ? "Salesforce" : "HubSpot")</td>"
            h += "<td>\(L10n.t("settings.crm.status.\(r.status.rawValue)", lang))</td>"
            h += "<td>\(r.recordsChanged) / \(r.recordsSent) / \(r.recordsFailed)</td>"
            h += "<td>\(notes.map(esc).joined(separator: "<br>"))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }

    /// Salesforce: the stored credentials (instance and consumer key only), the form to store
    /// them (the secret field is never filled in), and the run buttons.
    func salesforce() -> String {
        var h = "<h3>\(L10n.t("settings.crm.sf", lang))</h3>"
        h += "<p class=\"meta\">\(esc(L10n.t("settings.crm.sf.help", lang)))</p>"
        let status: String
        if let shown = model.salesforceShown {
            status = L10n.t("settings.crm.sf.stored", lang, shown.instanceURL, shown.clientId)
        } else {
            status = L10n.t(model.salesforceStored ? "settings.crm.sf.storedLocked" : "settings.crm.sf.none", lang)
        }
        h += "<p class=\"meta\">\(esc(status))</p>"
        h += "<form method=\"post\" action=\"/settings/crm/salesforce/credentials\" autocomplete=\"off\">"
        h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
        for (name, label, type, value) in [
            ("instance_url", "settings.crm.sf.instance", "url", model.salesforceShown?.instanceURL ?? ""),
            ("client_id", "settings.crm.sf.clientId", "text", model.salesforceShown?.clientId ?? ""),
            ("client_secret", "settings.crm.sf.secret", "password", ""),
        ] {
            h += "<label>\(L10n.t(label, lang)) <input type=\"\(type)\" name=\"\(name)\" value=\"\(esc(value))\""
            h += " maxlength=\"512\" required></label> "
        }
        h += "<button type=\"submit\">\(L10n.t("settings.crm.sf.save", lang))</button></form>"
        if model.salesforceStored {
            h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/crm/salesforce/credentials\">"
            h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
            h += "<input type=\"hidden\" name=\"clear\" value=\"1\">"
            h += "<button type=\"submit\">\(L10n.t("settings.crm.sf.clear", lang))</button></form>"
        }
        for (action, label) in [("dry-run", "settings.crm.dryRun"), ("sync", "settings.crm.syncNow")] {
            h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/crm/salesforce/\(action)\">"
            h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
            h += "<button type=\"submit\">\(L10n.t(label, lang))</button></form>"
        }
        return h
    }
}
