import KizashiApp
import KizashiCore
import KizashiStore

/// The Settings page's section on the scheduled review (issue 24 §1), admins only: when it is
/// sent and to whom (the digest.* settings, edited with the other settings above), a button to
/// send it now, and the delivery log.
struct SettingsDigestView {
    let model: SettingsModel
    let lang: Language
    let csrf: String

    func render() -> String {
        let plan = Dictionary(
            model.parameters.filter { $0.key.hasPrefix("digest.") }.map { ($0.key, $0.value) },
            uniquingKeysWith: { a, _ in a })
        var h = "<section class=\"panel\" id=\"digest\"><h2>\(L10n.t("settings.digest", lang))</h2>"
        let schedule = plan[DigestSchedule.key].flatMap { $0 == "off" ? nil : $0 }
        h +=
            "<p class=\"meta\">\(esc(schedule.map { L10n.t("settings.digest.schedule", lang, $0) } ?? L10n.t("settings.digest.off", lang)))</p>"
        h += "<form class=\"toolbar\" method=\"post\" action=\"/settings/digest/send\">"
        h += "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
        h += "<button type=\"submit\">\(L10n.t("settings.digest.sendNow", lang))</button></form>"
        guard !model.digestDeliveries.isEmpty else {
            return h + "<p class=\"meta\">\(L10n.t("settings.digest.none", lang))</p></section>"
        }
        h += "<table><thead><tr><th scope=\"col\">\(L10n.t("settings.digest.slot", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.digest.destination", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.status", lang))</th>"
        h += "<th scope=\"col\">\(L10n.t("settings.lastError", lang))</th></tr></thead><tbody>"
        for r in model.digestDeliveries {
            let slot = r.slot == DigestDelivery.manualSlot ? L10n.t("settings.digest.manual", lang) : r.slot
            let who =
                r.channel == .webhook ? L10n.t("settings.digest.webhook", lang, r.destination) : r.destination
            h += "<tr><td>\(esc(slot))</td><td>\(esc(who))</td>"
            h += "<td>\(L10n.t("settings.delivery.\(r.status.rawValue)", lang))</td><td>\(esc(r.error ?? ""))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
