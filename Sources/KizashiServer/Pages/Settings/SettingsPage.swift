import KizashiApp
import KizashiCore
import KizashiStore

/// The settings page without HTML.
struct SettingsModel: Sendable {
    var icpJSON: String
    /// The saved ICP (the form's ticks and ranges) and the values the form offers.
    var icp: IdealCustomerProfile? = nil
    var icpChoices = ICPForm.Choices(industries: [], countries: [], regions: [])
    var icpMatches: Int
    var companies: Int
    var parameters: [(key: String, value: String, help: String, isDefault: Bool)]
    var goals: [KPIGoal]
    var users: [WorkspaceUser]
    var tokens: [APIToken]
    var canEdit: Bool
    var isAdmin: Bool
    var webhooks: [Webhook] = []
    var siteKeys: [(key: String, name: String, active: Bool)] = []
    var ipRanges = 0
    /// The server's own address as the browser sees it, for the tag snippet.
    var origin = ""
    var deliveries: [AlertDelivery] = []
    /// Admins: the review's latest deliveries (issue 24 §1).
    var digestDeliveries: [DigestDeliveryRecord] = []
    /// Admins: the owner route map with each owner's accounts today (issue 27 §3).
    var ownerRoutes: [OwnerRouteService.Listed] = []
    /// Admins: the CRM sync log and whether a token is stored / this server can open it (issue 27 §1).
    var crmSyncRuns: [CRMSyncRun] = []
    var hubSpotTokenStored = false
    /// Salesforce client credentials: stored or not, and (when this server can open them) the
    /// instance URL and consumer key, shown; the secret never is.
    var salesforceStored = false
    var salesforceShown: (instanceURL: String, clientId: String)?
    var secretKeyConfigured = false
    /// Admins: the newest audit entries, a password just reset (shown once), and what dates need.
    var audit: [AuditEntry] = []
    var newPassword: (email: String, password: String)?
    var timeZone: WorkspaceTimeZone = .tokyo
    var now = Instant(millisecondsSinceEpoch: 0)
}

struct SettingsView {
    let model: SettingsModel
    let lang: Language
    let csrf: String
    let notice: String?
    let newToken: String?

    func hidden() -> String { "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">" }

    func render() -> String {
        let m = model
        let disabled = m.canEdit ? "" : " disabled"
        var h = ""
        if let notice { h += "<p class=\"notice\" role=\"status\">\(esc(notice))</p>" }
        if let newToken {
            h +=
                "<div class=\"notice\" role=\"alert\"><p>\(L10n.t("settings.tokenShownOnce", lang))</p><pre>\(esc(newToken))</pre></div>"
        }
        h += SettingsICPView(model: m, lang: lang, csrf: csrf).render()

        h +=
            "<section class=\"panel\"><h2>\(L10n.t("settings.scoring", lang))</h2><form method=\"post\" action=\"/settings/parameters\">\(hidden())<table><tbody>"
        for p in m.parameters {
            h +=
                "<tr><td><label for=\"p-\(esc(p.key))\"><code>\(esc(p.key))</code></label><div class=\"meta\">\(esc(L10n.table["setting.\(p.key)"] == nil ? p.help : L10n.t("setting.\(p.key)", lang)))</div></td><td><input id=\"p-\(esc(p.key))\" name=\"\(esc(p.key))\" value=\"\(esc(p.value))\"\(disabled)></td><td>\(p.isDefault ? "<span class=\"meta\">\(L10n.t("settings.default", lang))</span>" : "")</td></tr>"
        }
        h +=
            "</tbody></table><button class=\"primary\" type=\"submit\"\(disabled)>\(L10n.t("settings.save", lang))</button></form></section>"

        h +=
            "<section class=\"panel\" id=\"goals\"><h2>\(L10n.t("settings.goals", lang))</h2><table><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">\(L10n.t("period.label", lang))</th><th scope=\"col\">\(L10n.t("tier.label", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("card.target", lang))</th><th></th></tr></thead><tbody>"
        for g in m.goals {
            let d = KPICatalog.byKey[g.kpi]
            h +=
                "<tr><td>\(esc(d?.name(lang) ?? g.kpi))</td><td>\(esc(g.period.label))</td><td>\(g.tier.map { "\($0.rawValue)" } ?? "—")</td><td class=\"num\">\(esc(d.map { DisplayFormat.kpi(.number(g.value), kind: $0.kind, lang) } ?? "\(g.value)"))</td><td>"
            if m.canEdit {
                h +=
                    "<form method=\"post\" action=\"/settings/goals/delete\">\(hidden())<input type=\"hidden\" name=\"kpi\" value=\"\(esc(g.kpi))\"><input type=\"hidden\" name=\"period\" value=\"\(esc(g.period.label))\"><input type=\"hidden\" name=\"tier\" value=\"\(g.tier.map { "\($0.rawValue)" } ?? "")\"><button type=\"submit\">×</button></form>"
            }
            h += "</td></tr>"
        }
        h += "</tbody></table>"
        if m.canEdit {
            h +=
                "<form class=\"toolbar\" method=\"post\" action=\"/settings/goals\">\(hidden())<label>KPI<select name=\"kpi\">"
            for d in KPICatalog.all { h += "<option value=\"\(d.key)\">\(esc(d.name(lang)))</option>" }
            h +=
                "</select></label><label>\(L10n.t("period.label", lang))<input name=\"period\" placeholder=\"2026Q4\" required size=\"8\"></label>"
            h +=
                "<label>\(L10n.t("tier.label", lang))<select name=\"tier\"><option value=\"\">\(L10n.t("tier.all", lang))</option><option>1</option><option>2</option><option>3</option></select></label>"
            h +=
                "<label>\(L10n.t("card.target", lang))<input name=\"value\" required size=\"10\" placeholder=\"40%\"></label><button class=\"primary\" type=\"submit\">\(L10n.t("settings.add", lang))</button></form><p class=\"meta\">\(esc(L10n.t("settings.goal.help", lang)))</p>"
        }
        h += "</section>"

        if m.isAdmin {
            h += AccessAdminView(
                users: m.users, tokens: m.tokens, audit: m.audit, newPassword: m.newPassword, timeZone: m.timeZone,
                now: m.now, lang: lang, csrf: csrf
            ).render()
        }
        h += SettingsIntegrationsView(model: m, lang: lang, csrf: csrf).render()
        return h
    }
}
