import KizashiApp
import KizashiCore

/// The account page's buying-group coverage (issue 26 §3): each role the account's tier needs,
/// who fills it (engaged in the score window), and for a missing role the contacts already in the
/// data who could ("no one from 情報システム部 engaged yet").
struct BuyingGroupSection {
    var coverage: BuyingGroupCoverage?
    var names: [String: String]
    var lang: Language

    static func load(companyId: String, services: ServerServices, today: Day, lang: Language) async throws
        -> BuyingGroupSection
    {
        let coverage = try await services.journey.service.coverage(companyId: companyId, on: today)
        var names: [String: String] = [:]
        for c in try await services.store.contacts(companyId: companyId) { names[c.id] = c.name ?? c.id }
        return BuyingGroupSection(coverage: coverage, names: names, lang: lang)
    }

    func render() -> String {
        var h =
            "<section class=\"panel\" aria-labelledby=\"buying-group\"><h2 id=\"buying-group\">\(esc(L10n.t("coverage.title", lang)))</h2>"
        guard let coverage else {
            return h + "<p class=\"meta\">\(esc(L10n.t("coverage.notTarget", lang)))</p></section>"
        }
        if coverage.isFull {
            h += "<p>\(esc(L10n.t("coverage.full", lang)))</p>"
        } else {
            let missing = coverage.missing.map { L10n.requirementName($0.requirement, lang) }.joined(separator: ", ")
            h += "<p class=\"notice\" role=\"status\">\(esc(L10n.t("coverage.missing", lang, missing)))</p>"
        }
        h +=
            "<table><thead><tr><th>\(esc(L10n.t("coverage.role", lang)))</th><th>\(esc(L10n.t("coverage.engaged", lang)))</th>"
        h += "<th>\(esc(L10n.t("coverage.suggested", lang)))</th></tr></thead><tbody>"
        func people(_ ids: [String]) -> String { ids.map { esc(names[$0] ?? $0) }.joined(separator: ", ") }
        for s in coverage.slots {
            h += "<tr><td>\(esc(L10n.requirementName(s.requirement, lang)))</td>"
            h += "<td>\(s.engaged.isEmpty ? "—" : people(s.engaged))</td><td>\(people(s.suggested))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
