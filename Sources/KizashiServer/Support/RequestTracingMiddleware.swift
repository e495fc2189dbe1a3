import HTTPTypes
import Hummingbird
import NIOCore

/// A span per request, from Hummingbird's `TracingMiddleware`, on when `kizashi serve` exports
/// traces (`ServerConfiguration.traceRequests`). The span is named by the route's pattern
/// (`/api/v1/accounts/{id}`; "HTTP GET route not found" otherwise) and carries no outside input,
/// because everything a client sends is hostile and may hold secrets:
/// - `TracingMiddleware` sees a bare copy of the request — the method only — so no path with ids
///   (`url.path` is empty), no query string (tokens travel there), no cookie, no Authorization header
///   and no User-Agent; the handlers still get the real request;
/// - no outside `traceparent` is believed: every request starts its own trace, so a client can
///   neither join our traces nor switch their sampling off;
/// - an error's text (which can quote what was sent) never reaches the span: it records the status
///   only, and the error itself goes on to the router unchanged.
struct RequestTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    private let tracing = TracingMiddleware<Context>()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let bare = Request(
            head: HTTPRequest(method: request.method, scheme: nil, authority: nil, path: nil),
            body: RequestBody(buffer: ByteBuffer()))
        do {
            return try await tracing.handle(bare, context: context) { _, context in
                do {
                    return try await next(request, context)
                } catch {
                    throw TracedFailure(original: error)
                }
            }
        } catch let failure as TracedFailure {
            throw failure.original
        }
    }
}

/// What the span records of a failed request: its status, never the error's text.
private struct TracedFailure: HTTPResponseError, CustomStringConvertible {
    let original: any Error
    var status: HTTPResponse.Status { (original as? any HTTPResponseError)?.status ?? .internalServerError }
    var description: String { "HTTP \(status.code)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
