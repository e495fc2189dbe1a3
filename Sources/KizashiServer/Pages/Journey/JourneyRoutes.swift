import Hummingbird
import KizashiApp
import KizashiCore

/// Journeys (issue 26): `GET /api/v1/journey` (the CLI's JSON, byte for byte) and the
/// 「ジャーニー / Journey」 page at `/journey`.
enum JourneyRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/api/v1/journey") { request, context in
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            do { try JourneyMovement.check(picker.period) } catch let e as JourneyMovement.PeriodTooLong {
                throw ProblemDetails.badRequest(e.description, field: "end")
            }
            let report = try await services.journey.movement(period: picker.period, tier: picker.tier)
            return Responses.json(report.json)
        }

        router.get("/journey") { request, context in
            let lang = context.language
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            do { try JourneyMovement.check(picker.period) } catch let e as JourneyMovement.PeriodTooLong {
                throw ProblemDetails.badRequest(e.description, field: "end")
            }
            let report = try await services.journey.movement(period: picker.period, tier: picker.tier)
            let body = JourneyView(report: report, lang: lang, periodPicker: picker).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("journey.title", lang), .journey, request, context).render(body))
        }
    }
}
