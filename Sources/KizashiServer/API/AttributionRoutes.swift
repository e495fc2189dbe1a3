import Hummingbird
import KizashiApp
import KizashiCore

/// Attribution (issue 21): `GET /api/v1/attribution` (the CLI's JSON, byte for byte) and the
/// "施策の効果 / Campaign impact" page at `/campaigns`.
enum AttributionRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/api/v1/attribution") { request, context in
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            var models = AttributionModel.allCases
            if let m = request.query("model") {
                guard let chosen = AttributionModel.selection(m) else {
                    throw ProblemDetails.badRequest(
                        "model must be one of \(AttributionModel.selectionNames)", field: "model")
                }
                models = chosen
            }
            // `by` shapes only the CLI's table and CSV; it is checked so a typo is not ignored.
            if let by = request.query("by"), AttributionBreakdown(rawValue: by) == nil {
                throw ProblemDetails.badRequest("by must be campaign or channel", field: "by")
            }
            let report = try await services.attribution.report(period: picker.period, tier: picker.tier)
            return Responses.json(report.json(models: models))
        }

        router.get("/campaigns") { request, context in
            let lang = context.language
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            let query = try CampaignImpactModel.query(from: request)
            let report = try await services.attribution.report(period: picker.period, tier: picker.tier)
            let (parameters, _) = try await services.data.parametersAndGoals()
            let model = CampaignImpactModel(report: report, query: query, currency: parameters.currency)
            let body = CampaignImpactView(model: model, lang: lang, periodPicker: picker).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("attribution.title", lang), .campaigns, request, context).render(body))
        }
    }
}
