import Hummingbird
import KizashiApp
import KizashiCore

/// The account page's journey (issue 21): the touches before each of the account's latest
/// opportunities, each with its credit under the model picked in the section's tabs.
struct AccountJourneySection {
    let companyId: String
    let journey: AccountJourney
    let timeZone: WorkspaceTimeZone
    /// The period whose chain gives the `markov` credits (nil for the other models).
    let markovPeriod: KPIPeriod?
    let lang: Language

    /// Opportunities shown, newest first.
    static let shown = 5

    /// The section's model from `model=` (default linear).
    static func model(from request: Request) throws -> AttributionModel {
        guard let m = request.query("model") else { return .linear }
        guard let model = AttributionModel(rawValue: m) else {
            throw ProblemDetails.badRequest(
                "model must be one of \(AttributionModel.allCases.map(\.rawValue).joined(separator: ", "))",
                field: "model")
        }
        return model
    }

    /// Loads the journey; `markov` uses the removal effects of the last full quarter's report.
    static func load(
        companyId: String, model: AttributionModel, services: ServerServices, today: Day, lang: Language
    ) async throws -> AccountJourneySection {
        let period = KPIService.lastFullQuarter(before: today)
        let report = model == .markov ? try await services.attribution.report(period: period, tier: nil) : nil
        let journey = try await services.attribution.service.journey(
            companyId: companyId, model: model, report: report)
        let (p, _) = try await services.data.parametersAndGoals()
        return AccountJourneySection(
            companyId: companyId, journey: journey, timeZone: p.timeZone, markovPeriod: report?.period, lang: lang)
    }

    func render() -> String {
        var h =
            "<section class=\"panel\" id=\"journey\" aria-labelledby=\"journey-h\"><h2 id=\"journey-h\">\(L10n.t("attribution.journey", lang))</h2>"
        h += "<nav class=\"toolbar\" aria-label=\"\(L10n.t("attribution.model", lang))\">"
        for m in AttributionModel.allCases {
            let current = m == journey.model ? " aria-current=\"page\" class=\"button\"" : ""
            h +=
                "<a href=\"/accounts/\(urlEncode(companyId))?model=\(m.rawValue)#journey\"\(current)>\(L10n.t("attribution.model.\(m.rawValue)", lang))</a>"
        }
        h += "</nav>"
        if let markovPeriod {
            h +=
                "<p class=\"meta\">\(esc(L10n.t("attribution.journey.markovPeriod", lang, DisplayFormat.period(markovPeriod, lang))))</p>"
        }
        if journey.opportunities.isEmpty { h += "<p>\(L10n.t("detail.noData", lang))</p>" }
        for o in journey.opportunities.prefix(Self.shown) {
            let deal = o.opportunity
            let title = L10n.t(
                "attribution.journey.opportunity", lang, deal.name ?? deal.id, DisplayFormat.date(deal.createdOn, lang),
                deal.amount.map { DisplayFormat.yenCompact($0, lang) } ?? "—")
            h += "<h3>\(esc(title))</h3>"
            if o.steps.isEmpty {
                h += "<p class=\"meta\">\(L10n.t("attribution.journey.none", lang))</p>"
                continue
            }
            if !o.credited { h += "<p class=\"meta\">\(L10n.t("attribution.journey.noCredit", lang))</p>" }
            h +=
                "<table><thead><tr><th scope=\"col\">\(L10n.t("attribution.journey.when", lang))</th><th scope=\"col\">\(L10n.t("attribution.journey.key", lang))</th><th scope=\"col\">\(L10n.t("attribution.channel", lang))</th><th scope=\"col\" class=\"num\">\(L10n.t("attribution.journey.credit", lang))</th></tr></thead><tbody>"
            for s in o.steps {
                let what =
                    s.campaignName.map { "<code>\(esc(s.key))</code> \(esc($0))" }
                    ?? esc(L10n.directTouchName(s.key, lang))
                let type = L10n.t("activity.\(s.touch.type.rawValue)", lang)
                h +=
                    "<tr><td>\(esc(DisplayFormat.dateTime(s.touch.time, timeZone, lang)))</td><td>\(what) <span class=\"tag\">\(esc(type))</span></td><td>\(esc(s.channel))</td><td class=\"num\">\(s.credit.map(DisplayFormat.percent) ?? "—")</td></tr>"
            }
            h += "</tbody></table>"
        }
        return h + "</section>"
    }
}
