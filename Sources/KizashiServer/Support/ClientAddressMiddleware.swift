import HTTPTypes
import Hummingbird
import KizashiCore

/// Sets `context.clientAddress` before anything else runs: the socket peer, or the address a
/// trusted reverse proxy forwarded for (`ClientAddressResolver`; docs/deploy.md).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = KizashiRequestContext
    let resolver: ClientAddressResolver

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwarded = HTTPField.Name("Forwarded")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.clientAddress = resolver.clientAddress(
            peer: context.remoteAddress, forwardedFor: request.headers[values: Self.forwardedFor],
            forwarded: request.headers[values: Self.forwarded])
        return try await next(request, context)
    }
}
