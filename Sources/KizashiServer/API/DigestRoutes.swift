import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The review written for the meeting (issue 24 §1): `GET /api/v1/digest`, the JSON of
/// `kizashi digest --format json` for the same period, as-of day, tier and language.
enum DigestRoutes {
    /// How far back `as_of` may go: each day asked for loads its own approach-now list, so a
    /// signed-in caller cannot make the server load arbitrarily many (a year covers last year's reviews).
    static let asOfReachDays = 366

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/api/v1/digest") { request, context in
            let today = try await services.today()
            var asOf = today
            if let text = request.query("as_of") {
                guard let d = Day(iso: text), d <= today, today - d <= asOfReachDays else {
                    throw ProblemDetails.badRequest(
                        "as_of must be a date YYYY-MM-DD, not after today and at most \(asOfReachDays) days before it",
                        field: "as_of")
                }
                asOf = d
            }
            guard let period = DigestPeriod.resolve(request.query("period"), asOf: asOf) else {
                throw ProblemDetails.badRequest(
                    "period must be last-week, last-month, 2026Q3, 2026-10 or 2026", field: "period")
            }
            let tier = try TierParameter.parse(request.query("tier"))
            var language = context.language
            if let l = request.query("lang") {
                guard let chosen = Language(rawValue: l) else {
                    throw ProblemDetails.badRequest("lang must be ja or en", field: "lang")
                }
                language = chosen
            }
            let digest = try await DigestService(store: services.store, data: services.data).digest(
                period: period, asOf: asOf, tier: tier)
            return Responses.json(digest.json(language))
        }
        // The scheduled review's log names e-mail addresses and receivers' errors: admins only.
        router.get("/api/v1/digest/deliveries") { _, context in
            try context.require(.admin)
            return Responses.json(.array(try await services.store.digestDeliveries(limit: 100).map(deliveryJSON)))
        }
        // Sends the review now, as the schedule would (digest.* settings), to check a webhook or
        // the --smtp relay without waiting for the slot; logged under the slot name "manual".
        router.post("/api/v1/digest/send") { _, context in
            try context.require(.admin)
            let settings = try await services.store.settings()
            let today = try await services.today()
            let records = try await services.digestDelivery.send(
                DigestDeliverySettings(settings: settings), slot: DigestDelivery.manualSlot, asOf: today)
            await services.audit.record(
                .digestSend, by: context.auditActor, target: "digest",
                detail:
                    "\(records.filter { $0.status == .sent }.count) sent, \(records.filter { $0.status == .failed }.count) failed"
            )
            return Responses.json(.array(records.map(deliveryJSON)))
        }
    }

    static func deliveryJSON(_ r: DigestDeliveryRecord) -> JSONValue {
        .object([
            ("delivery_id", .int(Int(r.id))), ("slot", .string(r.slot)), ("channel", .string(r.channel.rawValue)),
            ("destination", .string(r.destination)), ("status", .string(r.status.rawValue)),
            ("error", r.error.map { .string($0) } ?? .null), ("at", .int(Int(r.at.millisecondsSinceEpoch))),
        ])
    }
}
