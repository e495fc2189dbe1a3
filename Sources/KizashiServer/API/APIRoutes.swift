import Foundation
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// JSON under /api/v1 (described in Resources/openapi.yaml). KPI bodies are the CLI's JSON.
enum APIRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")

        api.get("/kpis") { request, context in
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            let report = try await services.data.report(period: picker.period, tier: picker.tier)
            return Responses.json(report.json())
        }

        api.get("/kpis/monthly") { request, context in
            guard let from = request.query("from"), let f = KPIPeriod(label: from), f.kind == .month else {
                throw ProblemDetails.badRequest("from must be a month written YYYY-MM", field: "from")
            }
            guard let to = request.query("to"), let t = KPIPeriod(label: to), t.kind == .month else {
                throw ProblemDetails.badRequest("to must be a month written YYYY-MM", field: "to")
            }
            guard f.start <= t.start else { throw ProblemDetails.badRequest("from is after to", field: "from") }
            var months: [KPIPeriod] = []
            var m = f
            while m.start <= t.start {
                months.append(m)
                m = KPIPeriod(start: m.end, end: m.end.addingMonths(1))
            }
            guard months.count <= 120 else { throw ProblemDetails.badRequest("at most 120 months", field: "to") }
            let tier = try PeriodPicker.parse(
                period: nil, start: nil, end: nil, tier: request.query("tier"), default: f
            ).tier
            let reports = try await services.data.monthly(months, tier: tier)
            return Responses.json(.array(reports.map { $0.json() }))
        }

        api.get("/accounts") { request, context in
            let (model, _) = try await PageRoutes.accounts(request, services: services)
            return Responses.json(
                .object([
                    ("as_of", .string(model.asOf.description)), ("total", .int(model.total)),
                    ("page", .int(model.page)), ("page_size", .int(AccountsModel.pageSize)),
                    ("accounts", .array(model.rows.map(AccountsModel.json))),
                ]))
        }

        api.get("/now") { request, context in
            let today = try await services.today()
            let tier = try PeriodPicker.parse(
                period: nil, start: nil, end: nil, tier: request.query("tier"),
                default: KPIPeriod(start: today, end: today + 1)
            ).tier
            var limit = 20
            if let l = request.query("limit") {
                guard let n = Int(l), n >= 1, n <= 1000 else {
                    throw ProblemDetails.badRequest("limit must be 1 to 1000", field: "limit")
                }
                limit = n
            }
            let list = try await services.data.approachNowList(asOf: today, tier: tier, limit: limit)
            return Responses.json(list.json(context.language, asOf: today, weights: ApproachWeights()))
        }

        api.get("/accounts/:id") { request, context in
            let id = try context.parameters.require("id")
            guard let model = try await PageRoutes.accountDetail(id, services: services) else {
                throw ProblemDetails.notFound("The account \(id)")
            }
            return Responses.json(model.json)
        }
    }
}
