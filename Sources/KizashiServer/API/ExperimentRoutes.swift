import Foundation
import Hummingbird
import KizashiApp
import KizashiCore

/// Holdout experiments (issue 24 §4) and the initiative log (§3) over the API, and the
/// experiments page. Reads need any role; writes need editor. Parsing only: `ExperimentService`
/// and `InitiativeService` do the work, Core computes and renders the JSON.
enum ExperimentRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")
        let experiments = ExperimentService(store: services.store, now: services.now)

        api.get("/experiments") { _, _ in
            Responses.json(.array(try await experiments.list().map { ExperimentRendering.json($0) }))
        }
        api.post("/experiments") { request, context in
            try context.require(.editor)
            let body = try await JSONBody.read(request, limit: 16 * 1024)
            let created = try await run {
                try await experiments.create(
                    try ExperimentService.Request(
                        name: try body.string("name")!, from: try body.string("from", required: false) ?? "icp",
                        holdout: try text(body, "holdout"), seed: try text(body, "seed"),
                        start: try body.string("start")!),
                    today: try await services.today())
            }
            return Responses.json(CreatedExperimentJSON.created(created), status: .created)
        }
        api.get("/experiments/:name") { _, context in
            let name = try pathName(context)
            let e = try await run { try await experiments.experiment(named: name) }
            return Responses.json(ExperimentRendering.json(e, accounts: true))
        }
        api.get("/experiments/:name/report") { request, context in
            let name = try pathName(context)
            let end = try request.query("end").map { t in try run { try ExperimentInput.day(t, field: "end") } }
            let (_, report) = try await run {
                try await experiments.report(named: name, end: end, today: try await services.today())
            }
            return Responses.json(ExperimentRendering.json(report))
        }
        api.post("/experiments/:name/end") { request, context in
            try context.require(.editor)
            let name = try pathName(context)
            let body = try await JSONBody.read(request, limit: 4 * 1024)
            let on = try body.string("on", required: false)
            let day = try on.map { t in try run { try ExperimentInput.day(t, field: "on") } }
            let today = try await services.today()
            let e = try await run { try await experiments.end(named: name, on: day ?? today) }
            return Responses.json(ExperimentRendering.json(e))
        }

        // MARK: The initiative log (施策ログ)
        let initiatives = InitiativeService(store: services.store, now: services.now)
        api.get("/initiatives") { _, _ in
            Responses.json(.array(try await initiatives.list().map(\.json)))
        }
        api.post("/initiatives") { request, context in
            try context.require(.editor)
            let body = try await JSONBody.read(request, limit: 16 * 1024)
            let i = try await run {
                try await initiatives.add(
                    on: try body.string("on")!, title: try body.string("title")!,
                    campaign: try body.string("campaign_id", required: false),
                    tier: try body.int("tier", required: false))
            }
            await services.changed()
            return Responses.json(i.json, status: .created)
        }
        api.delete("/initiatives/:id") { _, context in
            try context.require(.editor)
            let text = try context.parameters.require("id")
            guard text.utf8.count <= 19, let id = Int64(text), id > 0 else {
                throw ProblemDetails.badRequest("id must be a positive whole number", field: "id")
            }
            guard try await initiatives.remove(id: id) else { throw ProblemDetails.notFound("The initiative \(id)") }
            await services.changed()
            return Response(status: .noContent)
        }

        // The overview's form (editors): the same service; back to the overview it came from.
        router.post("/initiatives") { request, context in
            try context.require(.editor)
            let form = try await FormData.read(request)
            _ = try await run {
                try await initiatives.add(
                    on: form["on"] ?? "", title: form["title"] ?? "",
                    campaign: form["campaign_id"].flatMap { $0.isEmpty ? nil : $0 }, tier: nil)
            }
            await services.changed()
            // Only a path of this site (never another host): "/?" and the period picker's query.
            let next = form["next"].flatMap { safeOverviewPath($0) ? $0 : nil } ?? "/"
            return Responses.redirect(next)
        }

        // MARK: Review notes (振り返り) per period and tier
        api.get("/reviews") { request, _ in
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIService.lastFullQuarter(before: today))
            let r = try await initiatives.review(period: picker.period, tier: picker.tier)
            return Responses.json(r?.json ?? .null)
        }
        api.put("/reviews") { request, context in
            try context.require(.editor)
            let body = try await JSONBody.read(request, limit: 64 * 1024)
            let label = try body.string("period")!
            guard label.utf8.count <= 16, let period = KPIPeriod(label: label) else {
                throw ProblemDetails.badRequest("period \(label): use 2026Q3, 2026-09 or 2026", field: "period")
            }
            var tier: Tier?
            if let t = try body.int("tier", required: false) {
                guard let known = Tier(rawValue: t) else { throw TierParameter.problem }
                tier = known
            }
            let note = try body.string("note")!
            let r = try await run { try await initiatives.setReview(period: period, tier: tier, note: note) }
            await services.changed()
            return Responses.json(r.json)
        }

        router.get("/experiments") { request, context in
            let lang = context.language
            let model = try await ExperimentsModel.load(
                experiments, name: request.query("name"), today: try await services.today())
            let body = ExperimentsView(model: model, lang: lang).render()
            return Responses.html(
                PageRoutes.shell(L10n.t("experiment.title", lang), .experiments, request, context).render(body))
        }
    }

    /// "/?" and a query of plain characters: never another host ("//", "\\"), never a line break.
    static func safeOverviewPath(_ s: String) -> Bool {
        s.hasPrefix("/?") && s.utf8.count <= 512
            && s.utf8.allSatisfy { b in
                (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || "/?=&%._-".utf8.contains(b)
            } && !s.contains("//")
    }

    /// `override_holdout`: absent or false, or true. Anything else is refused, not guessed.
    static func flag(_ body: JSONBody, _ key: String) throws -> Bool {
        switch body.object[key] {
        case nil, is NSNull: return false
        // A JSON true or false only (on Linux a number bridges to Bool too: 0 is not false here).
        case let n as NSNumber where JSONValue.isBoolean(n): return n.boolValue
        default: throw ProblemDetails.badRequest("\(key) must be true or false", field: key)
        }
    }

    /// A field that may be a string ("20%", "7") or a JSON number (20, 7): a number must be a
    /// whole or decimal value a double holds exactly enough (the seed: an integer up to 2⁵³;
    /// larger seeds go as strings).
    static func text(_ body: JSONBody, _ key: String) throws -> String {
        switch body.object[key] {
        case let s as String: return s
        case let n as NSNumber:
            let x = n.doubleValue
            guard x.isFinite, x >= 0, x <= 9_007_199_254_740_992 else {
                throw ProblemDetails.badRequest("\(key) is out of range; send it as a string", field: key)
            }
            return JSONValue.format(x)
        case nil, is NSNull: throw ProblemDetails.badRequest("\(key) is required", field: key)
        default: throw ProblemDetails.badRequest("\(key) must be a string or a number", field: key)
        }
    }

    /// The experiment's name from the path, percent-decoded (the router does not decode).
    static func pathName(_ context: KizashiRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        guard raw.utf8.count <= 1024, let name = raw.removingPercentEncoding else {
            throw ProblemDetails.badRequest(
                "the experiment name in the path is not valid percent-encoding", field: "name")
        }
        return name
    }

    /// Maps the service's problems to problem details: a bad field 400, an unknown name 404, a
    /// taken name 409, a workspace that cannot be drawn from 409.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let p as ExperimentInput.Problem {
            throw ProblemDetails.badRequest(p.reason.isEmpty ? p.description : "\(p.field) \(p.reason)", field: p.field)
        } catch let p as ExperimentService.Problem {
            switch p {
            case .invalid(let i): throw ProblemDetails.badRequest("\(i.field) \(i.reason)", field: i.field)
            case .unknownExperiment(let n): throw ProblemDetails.notFound("The experiment \(n)")
            case .nameTaken: throw ProblemDetails(status: .conflict, title: "Name taken", detail: p.description)
            // The workspace's state, not the request, is what is missing (no ICP yet, too few
            // accounts in it): 409, as for any request the current state refuses.
            case .noICP, .tooFewAccounts:
                throw ProblemDetails(status: .conflict, title: "Cannot draw a holdout", detail: p.description)
            case .endNotAfterStart: throw ProblemDetails.badRequest(p.description, field: "end")
            }
        }
    }

    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let p as ExperimentInput.Problem {
            throw ProblemDetails.badRequest("\(p.field) \(p.reason)", field: p.field)
        }
    }
}
