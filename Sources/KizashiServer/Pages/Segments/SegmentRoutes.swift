import Foundation
import Hummingbird
import KizashiApp
import KizashiCore

/// Saved segments (issue 26 §4): `GET/POST /api/v1/segments`, `GET /api/v1/segments/{name}?on=`
/// (the CLI's `segment show --format json`, byte for byte) and the 「セグメント」 page. Reads need
/// any role; creating needs editor. Parsing only: `SegmentService` does the work.
enum SegmentRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let segments = SegmentService(store: services.store, data: services.data, now: services.now)
        let audiences = AudienceService(store: services.store, data: services.data, now: services.now)

        router.get("/api/v1/segments") { _, _ in
            Responses.json(.array(try await segments.list().map { SegmentRenderer.json($0) }))
        }
        router.post("/api/v1/segments") { request, context in
            try context.require(.editor)
            let body = try await JSONBody.read(request, limit: 8 * 1024)
            let name = try body.string("name")!, rule = try body.string("rule")!
            let created = try await run { try await segments.create(name: name, rule: rule) }
            await services.changed()
            return Responses.json(SegmentRenderer.json(created), status: .created)
        }
        router.get("/api/v1/segments/:name") { request, context in
            let name = try ExperimentRoutes.pathName(context)
            let day = try await self.day(request, services)
            let e = try await run { try await segments.evaluate(name: name, on: day) }
            return Responses.json(SegmentRenderer.json(segment: e.segment, rule: e.rule, day: day, members: e.members))
        }
        // Feeding the target list (editor): PUT {tier, owner?} starts it, DELETE stops it; a
        // refresh (the CLI's `segment refresh`, answered with the same JSON) applies it.
        router.put("/api/v1/segments/:name/feed") { request, context in
            try context.require(.editor)
            let name = try ExperimentRoutes.pathName(context)
            let body = try await JSONBody.read(request, limit: 4 * 1024)
            guard let tier = Tier(rawValue: try body.int("tier") ?? 0) else {
                throw ProblemDetails.badRequest("tier must be 1, 2 or 3", field: "tier")
            }
            let owner = try body.string("owner", required: false)
            let updated = try await run { try await segments.feed(name: name, tier: tier, owner: owner) }
            return Responses.json(SegmentRenderer.json(updated))
        }
        router.delete("/api/v1/segments/:name/feed") { request, context in
            try context.require(.editor)
            let name = try ExperimentRoutes.pathName(context)
            return Responses.json(SegmentRenderer.json(try await run { try await segments.stopFeed(name: name) }))
        }
        router.post("/api/v1/segments/:name/refresh") { request, context in
            try context.require(.editor)
            let name = try ExperimentRoutes.pathName(context)
            let day = try await self.day(request, services)
            let refreshed = try await run { try await segments.refresh(name: name, on: day) }
            await services.changed()
            return Responses.json(refreshed.json)
        }

        router.get("/segments") { request, context in
            let lang = context.language
            let day = try await self.day(request, services)
            let all = try await segments.list()
            var evaluation: SegmentEvaluation?
            if let name = request.query("name"), !name.isEmpty {
                evaluation = try await run { try await segments.evaluate(name: name, on: day) }
            }
            var body = SegmentsView(segments: all, evaluation: evaluation, day: day, lang: lang).render()
            body += try await audiencePanel(request, context, audiences, day: day, segment: evaluation?.segment.name)
            return Responses.html(
                PageRoutes.shell(L10n.t("segments.title", lang), .segments, request, context).render(body))
        }
    }

    /// The audience counts and downloads (issue 27 §2) for the target list and the chosen
    /// segment, of one tier when `tier=` asks (a bad tier is a 400 like the API's).
    static func audiencePanel(
        _ request: Request, _ context: KizashiRequestContext, _ audiences: AudienceService, day: Day, segment: String?
    )
        async throws -> String
    {
        let tier = try TierParameter.parse(request.query("tier"))
        var sources: [AudienceSource] = [.targetList]
        if let segment { sources.append(.segment(segment)) }
        var previews: [AudienceService.Preview] = []
        for source in sources {
            previews.append(try await audiences.preview(.init(source: source, tier: tier, day: day)))
        }
        return AudiencePanel(
            previews: previews, tier: tier, day: day, segmentName: segment,
            canExport: (context.identity?.role).map { $0 >= .editor } ?? false, lang: context.language
        ).render()
    }

    /// `on=YYYY-MM-DD`, default today in the workspace's time zone.
    static func day(_ request: Request, _ services: ServerServices) async throws -> Day {
        guard let text = request.query("on"), !text.isEmpty else { return try await services.today() }
        guard text.utf8.count == 10, let d = Day(iso: text) else {
            throw ProblemDetails.badRequest("on must be a date YYYY-MM-DD", field: "on")
        }
        return d
    }

    /// A bad name or rule 400 (naming the condition), an unknown segment 404, a taken name or a rule
    /// that cannot feed the target list 409.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as SegmentRuleError {
            throw ProblemDetails.badRequest(e.description, field: "rule")
        } catch let r as SegmentService.Refusal {
            switch r {
            case .badName: throw ProblemDetails.badRequest(r.description, field: "name")
            // The body is valid; the segment's stored rule is what prevents the feed.
            case .cannotFeed: throw ProblemDetails(status: .conflict, title: "Conflict", detail: r.description)
            case .badOwner: throw ProblemDetails.badRequest(r.description, field: "owner")
            case .unknown(let n): throw ProblemDetails.notFound("The segment \(n)")
            case .nameTaken, .refreshBefore:
                throw ProblemDetails(status: .conflict, title: "Conflict", detail: r.description)
            }
        }
    }
}
