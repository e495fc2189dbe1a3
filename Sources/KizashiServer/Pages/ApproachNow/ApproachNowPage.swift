import KizashiCore

/// The "approach now" page: the ranked accounts with reasons, interests, contact, next action,
/// and every factor's points; the weights are printed above the list.
struct ApproachNowView {
    let entries: [ApproachEntry]
    let weights: ApproachWeights
    let asOf: Day
    let tier: Tier?
    let lang: Language
    /// The day's backtest: which ranking the list uses, and how well each predicts.
    var backtest: BacktestResult? = nil

    func modelLine() -> String {
        guard let b = backtest else { return esc(L10n.t("now.noModel", lang)) }
        let f = { (x: Double?) in x.map { String(format: "%.3f", $0) } ?? "—" }
        let which = b.modelWins ? L10n.t("now.usesModel", lang) : L10n.t("now.usesRule", lang)
        return esc(which) + " — AUC: model \(f(b.model.auc)), rule \(f(b.rule.auc)), engagement \(f(b.engagement.auc))"
            + " (backtest \(b.asOf), \(b.horizon) d)"
    }

    func render() -> String {
        var h =
            "<form class=\"toolbar\" method=\"get\" action=\"/now\"><label>\(L10n.t("tier.label", lang))<select name=\"tier\"><option value=\"\">\(L10n.t("tier.all", lang))</option>"
        for t in Tier.allCases {
            h +=
                "<option value=\"\(t.rawValue)\"\(tier == t ? " selected" : "")>\(L10n.t("tier.number", lang, String(t.rawValue)))</option>"
        }
        h += "</select></label><button class=\"primary\" type=\"submit\">\(L10n.t("apply", lang))</button>"
        h += "<span class=\"meta\">\(esc(DisplayFormat.date(asOf, lang)))</span></form>"
        h += "<p class=\"meta\">\(L10n.t("now.weights", lang)): "
        h += weights.all.map { "\(esc($0.factor.name(lang))) \(Int(($0.weight * 100).rounded()))" }.joined(
            separator: " · ")
        h += " · \(L10n.t("now.penalty", lang)) ×\(weights.openPipelineMultiplier)</p>"
        h += "<p class=\"meta\">" + modelLine() + "</p>"
        if entries.isEmpty { h += "<p class=\"notice\">\(L10n.t("detail.noData", lang))</p>" }
        h += "<ol class=\"now\">"
        for e in entries {
            h +=
                "<li class=\"card\"><h3><a href=\"/accounts/\(urlEncode(e.account.companyId))\">\(esc(e.account.name))</a> · \(L10n.t("tier.number", lang, String(e.account.tier.rawValue)))</h3>"
            h += "<div class=\"value\">\(DisplayFormat.decimal(e.priority))"
            if let p = e.modelProbability { h += " <span class=\"meta\">p=\(DisplayFormat.percent(p))</span>" }
            h += "</div><ul>"
            for r in e.reasons { h += "<li>\(esc(r.text(lang)))</li>" }
            h += "</ul>"
            if !e.interests.isEmpty {
                h +=
                    "<div class=\"meta\">\(L10n.t("now.interests", lang)): "
                    + e.interests.map { "<span class=\"tag\">\(esc(WebPageName.interest($0, lang)))</span>" }.joined()
                    + "</div>"
            }
            if let c = e.contact {
                let who = [c.name ?? c.id, c.department, c.role.map { L10n.t("role.\($0.rawValue)", lang) }].compactMap
                {
                    $0
                }.joined(separator: " / ")
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
