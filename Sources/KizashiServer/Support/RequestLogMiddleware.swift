import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One structured log line per request — method, path, status, duration — under Hummingbird's
/// request id (`hb.request.id`), which is also returned as `X-Request-Id` so a user can quote it.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = KizashiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let requestId = HTTPField.Name("X-Request-Id")!
        func log(_ status: Int) {
            let ms = (ContinuousClock.now - start).components
            let elapsed = Double(ms.seconds) * 1000 + Double(ms.attoseconds) / 1e15
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                    "status": .stringConvertible(status), "ms": .string(String(format: "%.1f", elapsed)),
                ])
        }
        do {
            var response = try await next(request, context)
            response.headers[requestId] = context.id
            log(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            log(error.status.code)
            var response = try error.response(from: request, context: context)
            response.headers[requestId] = context.id
            return response
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string("\(error)")])
            log(500)
            var response = try ProblemDetails(
                status: .internalServerError, title: "Internal error",
                detail: "Something went wrong on the server; the request id \(context.id) identifies it in the log."
            ).response(from: request, context: context)
            response.headers[requestId] = context.id
            return response
        }
    }
}
