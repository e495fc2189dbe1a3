import KizashiApp
import KizashiCore

/// The intent page without HTML: top topics of the period, accounts surging today with their
/// surging topics, and targets researching competitors in the period (kpis.md §intent).
struct IntentModel: Sendable {
    var period: KPIPeriod
    var topTopics: [TopicCount]
    var surging: [(row: AccountListRow, topics: [IntentSurge])]
    var competitor: [CompetitorResearch]

    init(report: KPIReport, computation c: KPIComputation, accounts: AccountList) {
        period = report.period
        topTopics = report.topTopics
        let p = c.parameters
        var intentByCompany: [String: [IntentSignal]] = [:]
        for s in c.dataset.intent { intentByCompany[s.companyId, default: []].append(s) }
        surging = accounts.rows.filter(\.surging).sorted { $0.score > $1.score }.map { row in
            (
                row,
                IntentSurge.topics(of: intentByCompany[row.companyId] ?? [], asOf: accounts.asOf, parameters: p).filter
                { $0.isSurging(p) }
            )
        }
        // The tier picker applies here as to the KPI (before, every tier's accounts were listed).
        competitor = c.competitorResearch(in: report.period, tier: report.tier)
    }
}

struct IntentView {
    let model: IntentModel
    let lang: Language
    let picker: PeriodPicker

    func render() -> String {
        var h = picker.render(action: "/intent", lang: lang)
        h += "<div class=\"grid2\"><section class=\"panel\"><h2>\(L10n.t("intent.topTopics", lang))</h2>"
        if model.topTopics.isEmpty {
            h += "<p>\(L10n.t("detail.noData", lang))</p>"
        } else {
            h +=
                "<table><thead><tr><th scope=\"col\">\(L10n.t("intent.topic", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("nav.accounts", lang))</th></tr></thead><tbody>"
            for t in model.topTopics.prefix(20) {
                h += "<tr><td>\(esc(t.topic))</td><td class=\"num\">\(t.accounts)</td></tr>"
            }
            h += "</tbody></table>"
        }
        h += "</section><section class=\"panel\"><h2>\(L10n.t("intent.competitor", lang))</h2>"
        if model.competitor.isEmpty {
            h += "<p>\(L10n.t("detail.noData", lang))</p>"
        } else {
            h += "<ul>"
            for c in model.competitor {
                h += "<li><a href=\"/accounts/\(urlEncode(c.companyId))\">\(esc(c.name))</a> "
                h += c.topics.map { "<span class=\"tag\">\(esc($0))</span>" }.joined() + "</li>"
            }
            h += "</ul>"
        }
        h += "</section></div><section class=\"panel\"><h2>\(L10n.t("intent.surging", lang))</h2>"
        if model.surging.isEmpty {
            h += "<p>\(L10n.t("detail.noData", lang))</p>"
        } else {
            h +=
                "<table><thead><tr><th scope=\"col\">\(L10n.t("accounts.company", lang))</th><th scope=\"col\">\(L10n.t("tier.label", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("accounts.score", lang))</th><th scope=\"col\">\(L10n.t("intent.topic", lang)) (\(L10n.t("detail.current", lang)) / \(L10n.t("detail.baseline", lang)))</th></tr></thead><tbody>"
            for (row, topics) in model.surging {
                h +=
                    "<tr><td><a href=\"/accounts/\(urlEncode(row.companyId))\">\(esc(row.name))</a></td><td>\(row.tier.rawValue)</td><td class=\"num\">\(DisplayFormat.decimal(row.score))</td><td>"
                h += topics.map {
                    "<span class=\"tag hot\">\(esc($0.topic)) \(DisplayFormat.decimal($0.current ?? 0)) / \(DisplayFormat.decimal($0.baseline))</span>"
                }.joined()
                h += "</td></tr>"
            }
            h += "</tbody></table>"
        }
        return h + "</section>"
    }
}
