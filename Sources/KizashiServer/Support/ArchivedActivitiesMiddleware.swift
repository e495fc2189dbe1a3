import Hummingbird
import KizashiCore
import KizashiStore

/// A page or API call whose window reaches archived activities (`kizashi archive`, PostgreSQL,
/// issue 23): 409 with the store's message (which months, and the `--restore` that brings them
/// back), not a 500. The report never counts part of a window.
struct ArchivedActivitiesMiddleware: RouterMiddleware {
    typealias Context = KizashiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let e as ActivitiesArchivedError {
            throw ProblemDetails(
                status: .conflict, title: "Activities archived", detail: e.description,
                extensions: [("archived_before", .string(e.boundary.description))])
        }
    }
}
