import HTTPTypes
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// Resolves who is asking (API token or session cookie), the page language, and enforces
/// sign-in and CSRF protection before any route runs.
///
/// Public: `/healthz`, the login page and the stylesheet/script it needs. Pages redirect to the
/// login page; API routes answer 401 problem+json. State-changing browser requests must carry
/// the session's CSRF token (header `X-CSRF-Token` or form field `_csrf`); token-authenticated
/// API calls need none (a browser never sends a bearer token on its own).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = KizashiRequestContext
    let services: ServerServices
    static let sessionCookie = "kizashi_session"
    static let languageCookie = "kizashi_lang"

    static func isPublic(_ path: String) -> Bool {
        path == "/healthz" || path == "/readyz" || path == "/login" || path == "/lang" || path.hasPrefix("/static/")
            || path == "/t.js"
            || path == "/favicon.ico" || path == "/metrics"
            || path == "/api/v1/collect"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var request = request
        let path = request.uri.path
        // A scraper's bearer token is the metrics token, not an API token: /metrics checks it itself.
        if path == "/metrics" { return try await next(request, context) }

        if let auth = request.headers[.authorization] {
            guard auth.lowercased().hasPrefix("bearer "),
                let token = try await services.access.identity(bearer: String(auth.dropFirst(7)).trimmed)
            else {
                throw ProblemDetails(
                    status: .unauthorized, title: "Invalid API token",
                    detail:
                        "The bearer token is unknown, revoked or expired; create one in Settings or with `kizashi token create`."
                )
            }
            context.identity = Identity(kind: .token(token))
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
            let signedIn = try await services.access.signedIn(cookie: cookie)
        {
            // Looked up on every request: a disabled or deleted user's cookie stops working at once.
            context.identity = Identity(kind: .browser(user: signedIn.user, session: signedIn.session))
        }
        context.language = Self.language(request, user: context.identity?.user)

        if context.identity == nil && !Self.isPublic(path) {
            if path.hasPrefix("/api/") { throw ProblemDetails.unauthorized() }
            let target = request.uri.description
            return Response(
                status: .seeOther, headers: [.location: "/login?next=\(urlEncode(target))"])
        }
        // The tag's endpoint is public and takes only page views with a site key: no CSRF token there.
        // The login form carries its own (pre-session) token, checked by the login route.
        if let session = context.identity?.session, ![.get, .head, .options].contains(request.method),
            path != "/api/v1/collect", path != "/login"
        {
            var sent = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? request.query("_csrf")
            if sent == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                let body = try await request.collectBody(upTo: 1 << 20)
                sent = FormData(String(buffer: body))["_csrf"]
            }
            guard let sent, Secrets.constantTimeEquals(sent, session.csrfToken) else { throw ProblemDetails.csrf() }
        }
        return try await next(request, context)
    }

    /// The user's saved choice, else the language cookie, else Accept-Language (ja if preferred), else English.
    static func language(_ request: Request, user: WorkspaceUser?) -> Language {
        if let l = user?.language.flatMap(Language.init(rawValue:)) { return l }
        if let l = request.cookies[languageCookie].flatMap({ Language(rawValue: $0.value) }) { return l }
        if let accept = request.headers[.acceptLanguage] {
            for part in accept.split(separator: ",") {
                let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
                if tag.hasPrefix("ja") { return .ja }
                if tag.hasPrefix("en") { return .en }
            }
        }
        return .en
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
