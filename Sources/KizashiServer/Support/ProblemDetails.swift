import Hummingbird
import KizashiCore
import KizashiStore
import NIOCore

/// An RFC 9457 problem: every API error is `application/problem+json` with a message a user can
/// act on. Bad input is a 4xx, never a 500.
public struct ProblemDetails: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    /// Extra members (e.g. `errors` of a rejected import, `field` of a bad parameter).
    public var extensions: [(String, JSONValue)] = []
    /// Seconds a client should wait (`Retry-After` of a 429 or 503).
    public var retryAfter: Int?
    /// The methods a 405 names (`Allow`).
    public var allow: String?

    public init(status: HTTPResponse.Status, title: String, detail: String, extensions: [(String, JSONValue)] = []) {
        self.status = status
        self.title = title
        self.detail = detail
        self.extensions = extensions
    }

    public var json: JSONValue {
        .object(
            [
                ("type", .string("about:blank")), ("title", .string(title)), ("status", .int(status.code)),
                ("detail", .string(detail)),
            ] + extensions)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"kizashi\"" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allow { headers[.allow] = allow }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json.serialized(pretty: true)))
        )
    }

    public static func badRequest(_ detail: String, field: String? = nil) -> ProblemDetails {
        ProblemDetails(
            status: .badRequest, title: "Bad request", detail: detail,
            extensions: field.map { [("field", .string($0))] } ?? [])
    }
    public static func unauthorized() -> ProblemDetails {
        ProblemDetails(
            status: .unauthorized, title: "Sign-in required",
            detail: "Send an API token as `Authorization: Bearer <token>` or sign in at /login.")
    }
    public static func forbidden(needed: UserRole) -> ProblemDetails {
        ProblemDetails(
            status: .forbidden, title: "Not allowed",
            detail: "This needs the \(needed.rawValue) role; ask an admin of this workspace.")
    }
    public static func notFound(_ what: String) -> ProblemDetails {
        ProblemDetails(status: .notFound, title: "Not found", detail: "\(what) does not exist.")
    }
    public static func tooManyRequests(retryAfter seconds: Int) -> ProblemDetails {
        var p = ProblemDetails(
            status: .tooManyRequests, title: "Too many requests",
            detail: "Slow down: try again in \(seconds) s.")
        p.retryAfter = seconds
        return p
    }
    public static func csrf() -> ProblemDetails {
        ProblemDetails(
            status: .forbidden, title: "Missing or wrong CSRF token",
            detail: "Reload the page and try again (state-changing requests from a browser need the page's CSRF token)."
        )
    }
}
