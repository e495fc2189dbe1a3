import KizashiCore

/// The "approach now" page: the ranked accounts with reasons, interests, contact, next action,
/// and every factor's points; the weights are printed above the list.
struct ApproachNowView {
    let entries: [ApproachEntry]
    let weights: ApproachWeights
    let asOf: Day
    let tier: Tier?
    let lang: Language

    func render() -> String {
        var h =
            "<form class=\"toolbar\" method=\"get\" action=\"/now\"><label>\(L10n.t("tier.label", lang))<select name=\"tier\"><option value=\"\">\(L10n.t("tier.all", lang))</option>"
        for t in Tier.allCases {
            h += "<option value=\"\(t.rawValue)\"\(tier == t ? " selected" : "")>Tier \(t.rawValue)</option>"
        }
        h += "</select></label><button class=\"primary\" type=\"submit\">\(L10n.t("apply", lang))</button>"
        h += "<span class=\"meta\">\(esc(DisplayFormat.date(asOf, lang)))</span></form>"
        h += "<p class=\"meta\">\(L10n.t("now.weights", lang)): "
        h += weights.all.map { "\(esc($0.factor.name(lang))) \(Int(($0.weight * 100).rounded()))" }.joined(
            separator: " · ")
        h += " · \(L10n.t("now.penalty", lang)) ×\(weights.openPipelineMultiplier)</p>"
        if entries.isEmpty { h += "<p class=\"notice\">\(L10n.t("detail.noData", lang))</p>" }
        h += "<ol class=\"now\">"
        for e in entries {
            h +=
                "<li class=\"card\"><h3><a href=\"/accounts/\(urlEncode(e.account.companyId))\">\(esc(e.account.name))</a> · Tier \(e.account.tier.rawValue)</h3>"
            h += "<div class=\"value\">\(DisplayFormat.decimal(e.priority))</div><ul>"
            for r in e.reasons { h += "<li>\(esc(r.text(lang)))</li>" }
            h += "</ul>"
            if !e.interests.isEmpty {
                h +=
                    "<div class=\"meta\">\(L10n.t("now.interests", lang)): "
                    + e.interests.map { "<span class=\"tag\">\(esc($0))</span>" }.joined() + "</div>"
            }
            if let c = e.contact {
                let who = [c.name ?? c.id, c.department, c.role?.rawValue].compactMap { $0 }.joined(separator: " / ")
                h += "<div class=\"meta\">\(L10n.t("now.contact", lang)): \(esc(who))</div>"
            }
            h +=
                "<div><strong>\(L10n.t("now.action", lang)):</strong> \(esc(e.action.text(lang, topic: e.actionTopic)))</div>"
            h += "<details><summary>\(L10n.t("now.factors", lang))</summary><table><tbody>"
            for f in e.factors {
                h +=
                    "<tr><td>\(esc(f.factor.name(lang)))</td><td class=\"num\">\(DisplayFormat.decimal(f.value, digits: 2))</td><td class=\"num\">\(DisplayFormat.decimal(f.points))</td></tr>"
            }
            h += "</tbody></table></details></li>"
        }
        return h + "</ol>"
    }
}
