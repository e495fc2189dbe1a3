import KizashiCore

struct AccountDetailView {
    let model: AccountDetailModel
    let lang: Language

    func render() -> String {
        let m = model, c = m.company
        var h =
            "<div class=\"grid2\"><section class=\"panel\"><h2>\(L10n.t("detail.firmographics", lang))</h2><dl class=\"kv\">"
        let rows: [(String, String?)] = [
            ("ID", c.id), (L10n.t("company.corporate_number", lang), c.corporateNumber),
            (L10n.t("company.domain", lang), c.domain), (L10n.t("company.industry", lang), c.industry),
            (L10n.t("company.employees", lang), c.employees),
            (L10n.t("company.annual_revenue", lang), c.annualRevenue),
            (L10n.t("company.region", lang), c.region), (L10n.t("company.country", lang), c.country),
            (L10n.t("tier.label", lang), m.tier.map { L10n.t("tier.number", lang, String($0.rawValue)) }),
            ("ICP", m.icpMatch ? L10n.t("yes", lang) : L10n.t("no", lang)),
            (L10n.t("accounts.score", lang), m.scoreHistory.last.map { DisplayFormat.decimal($0) }),
        ]
        for (k, v) in rows { h += "<dt>\(esc(k))</dt><dd>\(esc(v ?? "—"))</dd>" }
        h += "</dl></section><section class=\"panel\"><h2>\(L10n.t("detail.quality", lang))</h2>"
        if m.issues.isEmpty {
            h += "<p><span class=\"tag ok\">OK</span></p>"
        } else {
            h += "<ul>"
            for i in m.issues.prefix(40) {
                h +=
                    "<li><span class=\"tag\(i.problem == .invalid || i.problem == .duplicate ? " hot" : "")\">\(esc(L10n.t("quality.problem.\(i.problem.rawValue)", lang)))</span> \(esc(L10n.t("record.\(i.record)", lang))) \(esc(i.id)) · \(esc(L10n.t("field.\(i.record).\(i.field)", lang)))</li>"
            }
            h += "</ul>"
        }
        h += "</section></div>"

        h += "<section class=\"panel\"><h2>\(L10n.t("detail.scoreHistory", lang))</h2>"
        h += SVGChart.scoreHistory(m.scoreHistory, label: L10n.t("detail.scoreHistory", lang)) + "</section>"

        h += "<div class=\"grid2\"><section class=\"panel\"><h2>\(L10n.t("detail.committee", lang))</h2>"
        if m.committee.isEmpty { h += "<p>\(L10n.t("detail.noData", lang))</p>" }
        for g in m.committee {
            h += "<h3>\(esc(g.department))</h3><table><tbody>"
            for member in g.members {
                let role = member.contact.role.map { L10n.t("role.\($0.rawValue)", lang) } ?? "—"
                h +=
                    "<tr><td>\(esc(member.contact.name ?? member.contact.id))</td><td>\(esc(member.contact.title ?? ""))</td><td><span class=\"tag\(member.contact.role == .decisionMaker ? " hot" : "")\">\(esc(role))</span></td><td class=\"num\">\(member.activities)</td></tr>"
            }
            h += "</tbody></table>"
        }
        h += "</section><section class=\"panel\"><h2>\(L10n.t("detail.intent", lang))</h2>"
        if m.topics.isEmpty {
            h += "<p>\(L10n.t("detail.noData", lang))</p>"
        } else {
            h +=
                "<table><thead><tr><th scope=\"col\">\(L10n.t("intent.topic", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("detail.current", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("detail.baseline", lang))</th><th></th></tr></thead><tbody>"
            for t in m.topics {
                h +=
                    "<tr><td>\(esc(t.topic))</td><td class=\"num\">\(t.current.map { DisplayFormat.decimal($0) } ?? "—")</td><td class=\"num\">\(DisplayFormat.decimal(t.baseline))</td><td>\(t.isSurging(m.parameters) ? "<span class=\"tag hot\">\(L10n.t("detail.surging", lang))</span>" : "")</td></tr>"
            }
            h += "</tbody></table>"
        }
        h += "</section></div>"

        h += "<section class=\"panel\"><h2>\(L10n.t("detail.timeline", lang))</h2>"
        if m.timeline.isEmpty { h += "<p>\(L10n.t("detail.noData", lang))</p>" }
        h += "<table><tbody>"
        for item in m.timeline {
            let when =
                item.at.map { DisplayFormat.dateTime($0, m.parameters.timeZone, lang) }
                ?? DisplayFormat.date(item.day, lang)
            let kind: String
            switch item.kind {
            case .activity(let t): kind = L10n.t("activity.\(t.rawValue)", lang)
            case .meeting: kind = L10n.t("detail.meeting", lang)
            case .opportunity(let s):
                kind = L10n.t("detail.opportunity", lang, L10n.t("opportunity.\(s.rawValue)", lang))
            }
            // Pages by name and meeting kinds in words; the raw path stays in the cell's title.
            let text: String
            switch item.kind {
            case .activity:
                text = [item.url.map { WebPageName.name($0, lang) }, item.topic].compactMap { $0 }.joined(
                    separator: " · ")
            case .meeting: text = item.meetingKind.map { L10n.t("meeting.\($0.rawValue)", lang) } ?? ""
            case .opportunity: text = item.text
            }
            let title = item.url.map { " title=\"\(esc($0))\"" } ?? ""
            h +=
                "<tr><td>\(esc(when))</td><td>\(esc(kind))</td><td>\(esc(item.contact ?? ""))</td><td\(title)>\(esc(text))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
