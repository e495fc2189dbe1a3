import KizashiCore

/// The "approach now" page: the ranked accounts with reasons, interests, contact, next action,
/// and every factor's points; the weights are printed above the list.
struct ApproachNowView {
    /// The ranked accounts, the accounts in a deal, and which candidate ranks them and why.
    let list: RankedApproachList
    let weights: ApproachWeights
    let asOf: Day
    let tier: Tier?
    let lang: Language

    var entries: [ApproachEntry] { list.entries }

    /// Every candidate's validation figures: precision and hits at k, AUC; the chosen one marked.
    func choiceTable() -> String {
        guard let c = list.choice, c.validated else { return "" }
        var h = "<details><summary>\(esc(L10n.t("now.choice.details", lang)))</summary><table><thead><tr>"
        h += "<th></th><th class=\"num\">P@\(c.k)</th><th class=\"num\">\(esc(L10n.t("now.choice.hits", lang)))</th>"
        h += "<th class=\"num\">AUC</th></tr></thead><tbody>"
        for v in c.validation {
            let name = esc(v.candidate.name(lang)) + (v.candidate == c.chosen ? " ✓" : "")
            h +=
                "<tr><td>\(name)</td><td class=\"num\">\(DisplayFormat.decimal(v.quality.precisionAt[c.k] ?? 0, digits: 3))</td>"
            h += "<td class=\"num\">\(v.quality.hitsAt[c.k] ?? 0)</td>"
            h += "<td class=\"num\">\(v.quality.auc.map { DisplayFormat.decimal($0, digits: 3) } ?? "—")</td></tr>"
        }
        return h + "</tbody></table></details>"
    }

    func render() -> String {
        var h = "<form class=\"toolbar\" method=\"get\" action=\"/now\">" + TierParameter.select(tier, lang)
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("apply", lang))</button>"
        h += "<span class=\"meta\">\(esc(DisplayFormat.date(asOf, lang)))</span></form>"
        h += "<p class=\"meta\">\(L10n.t("now.weights", lang)): "
        h += weights.all.map { "\(esc($0.factor.name(lang))) \(Int(($0.weight * 100).rounded()))" }.joined(
            separator: " · ")
        h += "</p>"
        h += "<p class=\"meta\">" + esc(list.why(lang)) + "</p>" + choiceTable()
        if entries.isEmpty { h += "<p class=\"notice\">\(L10n.t("detail.noData", lang))</p>" }
        h += "<ol class=\"now\">"
        for e in entries {
            h +=
                "<li class=\"card\"><h3><a href=\"/accounts/\(urlEncode(e.account.companyId))\">\(esc(e.account.name))</a> · \(L10n.t("tier.number", lang, String(e.account.tier.rawValue)))</h3>"
            // The number the list is ordered by, named for its candidate (issue 28 §5); the
            // engagement score beside it under its own name.
            let candidate = list.candidate
            let value = e.rankValue ?? (candidate == .engagement ? e.account.score : e.priority)
            h += "<div class=\"value\" title=\"\(esc(RankedApproachList.rankValueName(candidate, lang)))\">"
            h += esc(RankedApproachList.rankValueText(value, candidate))
            h += " <span class=\"meta\">\(esc(RankedApproachList.rankValueName(candidate, lang)))"
            if candidate != .engagement {
                h += " · " + esc(L10n.t("now.cli.engagement", lang)) + DisplayFormat.decimal(e.account.score)
            }
            h += "</span></div><ul>"
            for r in e.reasons { h += "<li>\(esc(r.text(lang)))</li>" }
            if let gap = e.coverageGapText(lang) { h += "<li class=\"coverage-gap\">\(esc(gap))</li>" }
            h += "</ul>"
            if !e.drivers.isEmpty {
                h += "<div class=\"meta\">\(L10n.t("now.drivers", lang)): "
                h += e.drivers.map { esc($0.text(lang)) }.joined(separator: " · ") + "</div>"
            }
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
        h += "</ol><h2>\(L10n.t("now.inDeal.title", lang))</h2>"
        h +=
            "<p class=\"meta\">\(esc(L10n.t("now.inDeal.note", lang, String(format: "%g", weights.reengagingMomentum))))</p>"
        if list.inDeal.isEmpty { h += "<p class=\"notice\">\(L10n.t("now.inDeal.none", lang))</p>" }
        h += "<ol class=\"now in-deal\">"
        for e in list.inDeal {
            h +=
                "<li class=\"card\"><h3><a href=\"/accounts/\(urlEncode(e.account.companyId))\">\(esc(e.account.name))</a> · \(L10n.t("tier.number", lang, String(e.account.tier.rawValue)))</h3><ul>"
            for r in e.reasons { h += "<li>\(esc(r.text(lang)))</li>" }
            if let gap = e.coverageGapText(lang) { h += "<li class=\"coverage-gap\">\(esc(gap))</li>" }
            h += "</ul></li>"
        }
        return h + "</ol>"
    }
}
