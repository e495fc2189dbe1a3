import Foundation
import Hummingbird
import KizashiApp
import KizashiCore

/// The review inside the dashboard (issue 24): `/review` shows what `kizashi digest` writes for
/// the chosen period, and `GET /api/v1/report.xlsx` is `kizashi report --format xlsx` as a
/// download. Parsing and rendering only: `DigestService` and `MeetingReportService` do the work.
enum ReviewRoutes {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/review") { request, context in
            let today = try await services.today()
            let q = try ReviewQuery.parse(request, language: context.language, today: today)
            let digest = try await DigestService(store: services.store, data: services.data).digest(
                period: q.period, asOf: q.asOf, tier: q.tier)
            let lang = context.language
            let body = ReviewView(digest: digest, query: q, today: today, lang: lang).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("reviewPage.title", lang), .review, request, context).render(body))
        }
        router.get("/api/v1/report.xlsx") { request, context in
            let today = try await services.today()
            let q = try ReviewQuery.parse(request, language: context.language, today: today)
            let workbook = try await MeetingReportService(store: services.store, data: services.data).workbook(
                period: q.period, tier: q.tier, today: q.asOf)
            let bytes = try XLSXFileWriter.bytes(workbook.document(q.language))
            return Responses.download(bytes, contentType: xlsxType, filename: "\(q.fileStem).xlsx")
        }
    }
}
