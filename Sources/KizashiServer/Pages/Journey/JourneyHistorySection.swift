import KizashiApp
import KizashiCore

/// The account page's journey stage history (issue 26 §2): the stage today, a step line of the
/// last `days` days and the days the stage changed, with the rules in force.
struct JourneyHistorySection {
    /// Days of history shown: half a year keeps the first load near a two-quarter KPI load.
    static let days = 180

    var changes: [(day: Day, stage: JourneyStage?)]
    var first: Day
    var today: Day
    var rules: JourneyRules
    var lang: Language

    static func load(companyId: String, services: ServerServices, today: Day, lang: Language) async throws
        -> JourneyHistorySection
    {
        let first = today - (days - 1)
        let changes = try await services.journey.history(companyId: companyId, days: first...today)
        let rules = try await services.journey.service.parameters().rules
        return JourneyHistorySection(changes: changes, first: first, today: today, rules: rules, lang: lang)
    }

    func render() -> String {
        func name(_ s: JourneyStage?) -> String { L10n.stageName(s, rules: rules, lang) }
        var h =
            "<section class=\"panel\" aria-labelledby=\"journey-history\"><h2 id=\"journey-history\">\(esc(L10n.t("journey.history", lang)))</h2>"
        let current = changes.last?.stage
        h += "<p>\(esc(L10n.t("journey.current", lang))): <strong>\(esc(name(current)))</strong></p>"
        let labels = ([nil] + JourneyStage.allCases.map { $0 }).map(name)
        let steps = changes.map { (day: $0.day - first, level: $0.stage.map { $0.rawValue + 1 } ?? 0) }
        h += SVGChart.stageSteps(
            steps, days: today - first + 1, labels: labels,
            label: "\(L10n.t("journey.history", lang)): \(first) – \(today)")
        h +=
            "<table><thead><tr><th>\(esc(L10n.t("journey.since", lang)))</th><th>\(esc(L10n.t("journey.stage", lang)))</th></tr></thead><tbody>"
        for c in changes.reversed() { h += "<tr><td>\(c.day)</td><td>\(esc(name(c.stage)))</td></tr>" }
        h += "</tbody></table>"
        h +=
            "<p class=\"meta\">\(esc(JourneyTableRenderer.rulesLine(rules, language: lang))) <a href=\"/journey\">\(esc(L10n.t("journey.title", lang)))</a></p>"
        return h + "</section>"
    }
}
