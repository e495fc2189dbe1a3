import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The review written for the meeting (issue 24 §1): `GET /api/v1/digest`, the JSON of
/// `kizashi digest --format json` for the same period, as-of day, tier and language.
enum DigestRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/api/v1/digest") { request, context in
            let q = try ReviewQuery.parse(request, language: context.language, today: try await services.today())
            // A saved segment's review (issue 26 §4): its members on as_of. A name no segment can
            // have is as unknown as a missing one: 404 either way.
            let segment = request.query("segment").flatMap { $0.isEmpty ? nil : $0 }
            if let segment, let why = SavedSegment.nameProblem(segment) {
                throw ProblemDetails.notFound("The segment (\(why))")
            }
            let digest = try await SegmentRoutes.run {
                try await DigestService(store: services.store, data: services.data).digest(
                    period: q.period, asOf: q.asOf, tier: q.tier, segment: segment)
            }
            return Responses.json(digest.json(q.language))
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
