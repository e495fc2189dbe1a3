import KizashiCore

struct AccountsView {
    let model: AccountsModel
    let lang: Language
    let timeZone: WorkspaceTimeZone

    func render() -> String {
        let q = model.query
        var h = "<form class=\"toolbar\" method=\"get\" action=\"/accounts\" role=\"search\">"
        h +=
            "<label>\(L10n.t("accounts.search", lang))<input type=\"search\" name=\"q\" value=\"\(esc(q.search ?? ""))\"></label>"
        h += TierParameter.select(q.tier, lang)
        h +=
            "<label>ICP<select name=\"icp\"><option value=\"\">\(L10n.t("accounts.icpAny", lang))</option>"
        h += "<option value=\"yes\"\(q.icp == true ? " selected" : "")>\(L10n.t("accounts.icpYes", lang))</option>"
        h +=
            "<option value=\"no\"\(q.icp == false ? " selected" : "")>\(L10n.t("accounts.icpNo", lang))</option></select></label>"
        h +=
            "<label><span>\(L10n.t("accounts.engaged", lang))</span><input type=\"checkbox\" name=\"engaged\" value=\"1\"\(q.engagedOnly ? " checked" : "")></label>"
        h +=
            "<label><span>\(L10n.t("accounts.surging", lang))</span><input type=\"checkbox\" name=\"surging\" value=\"1\"\(q.surgingOnly ? " checked" : "")></label>"
        h +=
            "<input type=\"hidden\" name=\"sort\" value=\"\(q.sort.rawValue)\"><input type=\"hidden\" name=\"order\" value=\"\(q.descending ? "desc" : "asc")\">"
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("apply", lang))</button>"
        let qs = AccountsModel.queryString(q)
        h +=
            "<a class=\"button\" href=\"/accounts.csv?\(esc(qs))&page=\(model.page)\">\(L10n.t("accounts.csv", lang))</a>"
        h +=
            "<span class=\"meta\">\(L10n.t("accounts.count", lang, model.total)) · \(esc(DisplayFormat.date(model.asOf, lang)))</span></form>"

        func header(_ key: String, _ sort: AccountListQuery.Sort?, num: Bool = false) -> String {
            SortableHeader.render(
                L10n.t(key, lang), sort: sort, in: q, by: \.sort, descending: \.descending, numeric: num,
                ascendingFirst: .name
            ) { "/accounts?\(AccountsModel.queryString($0))" }
        }
        h += "<div class=\"panel\"><table><thead><tr>"
        h += header("accounts.company", .name) + header("tier.label", .tier) + header("accounts.icp", nil)
        h += header("accounts.score", .score, num: true) + header("accounts.change", .change, num: true)
        h += header("accounts.contacts", .contacts, num: true) + header("accounts.topics", nil)
        h += header("accounts.last", .lastActivity) + header("accounts.pipeline", .pipeline, num: true)
        h += "</tr></thead><tbody>"
        for r in model.rows {
            h += "<tr><td><a href=\"/accounts/\(urlEncode(r.companyId))\">\(esc(r.name))</a></td>"
            h += "<td>\(r.tier.rawValue)</td><td>\(r.icpMatch ? "<span class=\"tag ok\">ICP</span>" : "—")</td>"
            h += "<td class=\"num\">\(DisplayFormat.decimal(r.score))</td>"
            let cls = r.scoreChange7d > 0.05 ? "up" : (r.scoreChange7d < -0.05 ? "down" : "")
            h +=
                "<td class=\"num \(cls)\">\(r.scoreChange7d >= 0 ? "+" : "−")\(DisplayFormat.decimal(abs(r.scoreChange7d)))</td>"
            h += "<td class=\"num\">\(r.engagedContacts)</td><td>"
            for (i, t) in r.topTopics.enumerated() {
                h += "<span class=\"tag\(i == 0 && r.surging ? " hot" : "")\">\(esc(t))</span>"
            }
            h += "</td><td>\(r.lastActivity.map { esc(DisplayFormat.date(timeZone.day(of: $0), lang)) } ?? "—")</td>"
            h +=
                "<td class=\"num\">\(r.openPipeline > 0 ? esc(DisplayFormat.yenCompact(r.openPipeline, lang)) : "—")</td></tr>"
        }
        h += "</tbody></table></div><nav class=\"pager\" aria-label=\"pages\">"
        if model.page > 1 {
            h += "<a href=\"/accounts?\(esc(qs))&page=\(model.page - 1)\">\(L10n.t("accounts.prev", lang))</a>"
        }
        h += "<span>\(model.page) / \(model.pageCount)</span>"
        if model.page < model.pageCount {
            h += "<a href=\"/accounts?\(esc(qs))&page=\(model.page + 1)\">\(L10n.t("accounts.next", lang))</a>"
        }
        return h + "</nav>"
    }
}
