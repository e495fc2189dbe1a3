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
    /// Rows (or duplicate groups) per page of a section.
    static let pageSize = 25
    /// The sections that page, each with its own query parameter (`?page_invalid=3`) and anchor.
    static let sections: [(problem: RecordQualityIssue.Problem?, name: String, title: String)] = [
        (.missing, "incomplete", "quality.incomplete"), (.invalid, "invalid", "quality.invalid"),
        (.stale, "stale", "quality.stale"), (nil, "duplicates", "quality.duplicates"),
    ]
    let model: QualityModel
    let lang: Language
    let picker: PeriodPicker
    /// The page asked for per section name (straight from the query string; `ListPage` reads it).
    var requestedPages: [String: String] = [:]

    func pages() -> [String: ListPage] {
        var out: [String: ListPage] = [:]
        for s in Self.sections {
            let total = s.problem.map { model.issues[$0]?.count ?? 0 } ?? model.duplicateGroups.count
            out[s.name] = ListPage(total: total, size: Self.pageSize, requested: requestedPages[s.name])
        }
        return out
    }

    func render() -> String {
        var h = picker.render(action: "/quality", lang: lang)
        h += "<div class=\"cards\">"
        for key in ["data_quality", "completeness", "validity", "freshness", "duplicate_rate"] {
            let d = KPICatalog.byKey[key]!
            h +=
                "<article class=\"card\"><h3>\(esc(d.name(lang)))</h3><div class=\"value\" data-kpi=\"\(key)\">\(esc(DisplayFormat.kpi(model.report[key] ?? .null, kind: d.kind, lang)))</div></article>"
        }
        h += "</div>"
        let pages = pages()
        for section in Self.sections {
            let page = pages[section.name]!
            guard let problem = section.problem else {
                h += duplicates(page, pages: pages)
                continue
            }
            let list = model.issues[problem] ?? []
            h +=
                "<section class=\"panel\" id=\"quality-\(section.name)\"><h2>\(L10n.t(section.title, lang)) (\(DisplayFormat.integer(list.count, lang)))</h2>"
            if list.isEmpty {
                h += "<p>\(L10n.t("detail.noData", lang))</p>"
            } else {
                h +=
                    "<table><thead><tr><th scope=\"col\">\(L10n.t("quality.record", lang))</th><th scope=\"col\">ID</th><th scope=\"col\">\(L10n.t("name", lang))</th><th scope=\"col\">\(L10n.t("quality.field", lang))</th></tr></thead><tbody>"
                for i in list[page.rows] {
                    let link =
                        i.record == "company" ? "<a href=\"/accounts/\(urlEncode(i.id))\">\(esc(i.id))</a>" : esc(i.id)
                    h +=
                        "<tr><td>\(esc(L10n.t("record.\(i.record)", lang)))</td><td>\(link)</td><td>\(esc(model.names[i.id] ?? ""))</td><td>\(esc(L10n.t("field.\(i.record).\(i.field)", lang)))</td></tr>"
                }
                h += "</tbody></table>" + pager(section.name, page, pages: pages)
            }
            h += "</section>"
        }
        return h
    }

    func duplicates(_ page: ListPage, pages: [String: ListPage]) -> String {
        var h =
            "<section class=\"panel\" id=\"quality-duplicates\"><h2>\(L10n.t("quality.duplicates", lang)) (\(DisplayFormat.integer(model.duplicateGroups.count, lang)))</h2>"
        if model.duplicateGroups.isEmpty { h += "<p>\(L10n.t("detail.noData", lang))</p>" }
        for g in model.duplicateGroups[page.rows] {
            // The key's kind in words (corporate_number → 法人番号), never the raw key.
            h +=
                "<p><span class=\"tag\">\(esc(L10n.t("quality.duplicate.\(g.kind)", lang)))</span> <code>\(esc(g.key))</code>: "
            h += g.companies.map { "<a href=\"/accounts/\(urlEncode($0.id))\">\(esc($0.name))</a> (\(esc($0.id)))" }
                .joined(separator: ", ")
            h += "</p>"
        }
        if !model.duplicateGroups.isEmpty { h += pager("duplicates", page, pages: pages) }
        return h + "</section>"
    }

    /// Previous / n of m / next for one section; the other sections keep their pages.
    func pager(_ name: String, _ page: ListPage, pages: [String: ListPage]) -> String {
        guard page.count > 1 else { return "" }
        func link(_ n: Int) -> String {
            var q = picker.query
            for s in Self.sections {
                let number = s.name == name ? n : pages[s.name]?.number ?? 1
                if number > 1 { q += "&page_\(s.name)=\(number)" }
            }
            return "/quality?\(esc(q))#quality-\(name)"
        }
        var h = "<nav class=\"pager\" aria-label=\"\(esc(L10n.t("quality.pages", lang)))\">"
        if let p = page.previous { h += "<a href=\"\(link(p))\" rel=\"prev\">\(L10n.t("accounts.prev", lang))</a>" }
        h += "<span>\(L10n.t("quality.pageOf", lang, String(page.number), String(page.count)))</span>"
        if let n = page.next { h += "<a href=\"\(link(n))\" rel=\"next\">\(L10n.t("accounts.next", lang))</a>" }
        return h + "</nav>"
    }
}
