import KizashiCore

/// The data-quality page without HTML: the four parts of data_quality for the target set on a
/// day, each with the records that cost points (kpis.md §data_quality), and duplicate groups.
struct QualityModel: Sendable {
    var asOf: Day
    var report: KPIReport
    var issues: [RecordQualityIssue.Problem: [RecordQualityIssue]]
    var names: [String: String]
    var duplicateGroups: [(kind: String, key: String, companies: [(id: String, name: String)])]

    init(report: KPIReport, computation c: KPIComputation) {
        self.report = report
        let L = report.period.lastDay
        asOf = L
        let targets = c.targetIds(on: L)
        let targetSet = Set(targets)
        var all: [RecordQualityIssue] = []
        var names: [String: String] = [:]
        for id in targets {
            guard let company = c.company(id) else { continue }
            names[id] = company.name
            all += RecordQuality.issues(
                of: company, on: L, freshnessDays: c.parameters.freshnessDays, duplicate: c.isDuplicate(id))
        }
        for contact in c.dataset.contacts where targetSet.contains(contact.companyId) {
            names[contact.id] = contact.name ?? contact.id
            all += RecordQuality.issues(of: contact)
        }
        issues = Dictionary(grouping: all, by: \.problem)
        self.names = names
        let analysis = TargetDefinitionAnalysis(companies: c.dataset.companies, contacts: [], icp: nil, candidates: [])
        duplicateGroups = analysis.duplicateGroups.filter { $0.companyIds.contains(where: targetSet.contains) }.map {
            g in
            (g.kind, g.key, g.companyIds.map { ($0, c.company($0)?.name ?? $0) })
        }
    }
}

struct QualityView {
    /// Rows shown per section before the toggle.
    static let shown = 20
    let model: QualityModel
    let lang: Language
    let picker: PeriodPicker

    func render() -> String {
        var h = picker.render(action: "/quality", lang: lang)
        h += "<div class=\"cards\">"
        for key in ["data_quality", "completeness", "validity", "freshness", "duplicate_rate"] {
            let d = KPICatalog.byKey[key]!
            h +=
                "<article class=\"card\"><h3>\(esc(d.name(lang)))</h3><div class=\"value\" data-kpi=\"\(key)\">\(esc(DisplayFormat.kpi(model.report[key] ?? .null, kind: d.kind, lang)))</div></article>"
        }
        h += "</div>"
        let sections: [(RecordQualityIssue.Problem, String)] = [
            (.missing, "quality.incomplete"), (.invalid, "quality.invalid"), (.stale, "quality.stale"),
        ]
        for (problem, key) in sections {
            let list = model.issues[problem] ?? []
            h += "<section class=\"panel\"><h2>\(L10n.t(key, lang)) (\(list.count))</h2>"
            if list.isEmpty {
                h += "<p>\(L10n.t("detail.noData", lang))</p>"
            } else {
                // The first rows show; the rest wait behind a toggle, so the page stays short.
                let head =
                    "<table><thead><tr><th scope=\"col\">\(L10n.t("quality.record", lang))</th><th scope=\"col\">ID</th><th scope=\"col\">\(L10n.t("name", lang))</th><th scope=\"col\">\(L10n.t("quality.field", lang))</th></tr></thead><tbody>"
                func row(_ i: RecordQualityIssue) -> String {
                    let link =
                        i.record == "company" ? "<a href=\"/accounts/\(urlEncode(i.id))\">\(esc(i.id))</a>" : esc(i.id)
                    return
                        "<tr><td>\(esc(L10n.t("record.\(i.record)", lang)))</td><td>\(link)</td><td>\(esc(model.names[i.id] ?? ""))</td><td>\(esc(L10n.t("field.\(i.record).\(i.field)", lang)))</td></tr>"
                }
                h += head + list.prefix(Self.shown).map(row).joined() + "</tbody></table>"
                let rest = list.dropFirst(Self.shown).prefix(500)
                if !rest.isEmpty {
                    h +=
                        "<details><summary>\(L10n.t("quality.more", lang, rest.count))</summary>\(head)\(rest.map(row).joined())</tbody></table></details>"
                }
            }
            h += "</section>"
        }
        h += "<section class=\"panel\"><h2>\(L10n.t("quality.duplicates", lang)) (\(model.duplicateGroups.count))</h2>"
        if model.duplicateGroups.isEmpty { h += "<p>\(L10n.t("detail.noData", lang))</p>" }
        for g in model.duplicateGroups.prefix(200) {
            h += "<p><span class=\"tag\">\(esc(g.kind))</span> <code>\(esc(g.key))</code>: "
            h += g.companies.map { "<a href=\"/accounts/\(urlEncode($0.id))\">\(esc($0.name))</a> (\(esc($0.id)))" }
                .joined(separator: ", ")
            h += "</p>"
        }
        return h + "</section>"
    }
}
