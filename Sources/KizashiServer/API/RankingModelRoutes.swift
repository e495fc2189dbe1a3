import Hummingbird
import KizashiApp
import KizashiCore

/// The approach-now ranking kept in the workspace (issue 20 §4): what is stored and whether it
/// orders today's list; a training started in the background (a request never waits for one).
enum RankingModelRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        let api = router.group("/api/v1")

        api.get("/model") { request, context in
            let today = try await services.today()
            let (p, _) = try await services.data.parametersAndGoals()
            let training = await services.data.isTraining
            let (stored, reuse) = try await RankingModelService(store: services.store).usable(asOf: today)
            guard let stored else {
                return Responses.json(.object([("trained", .bool(false)), ("training", .bool(training))]))
            }
            guard
                case .object(var fields) = stored.json(context.language, day: today, reuse: reuse, timeZone: p.timeZone)
            else { return Responses.json(.null) }
            fields.insert(("trained", .bool(true)), at: 0)
            fields.insert(("training", .bool(training)), at: 1)
            return Responses.json(.object(fields))
        }

        api.post("/model/train") { request, context in
            try context.require(.editor)
            let today = try await services.today()
            try await services.data.startTraining(asOf: today)
            return Responses.json(
                .object([("training", .bool(true)), ("as_of", .string(today.description))]), status: .accepted)
        }
    }
}
