import HTTPTypes
import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// Login, logout and the language switch.
enum AuthRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/login") { request, context in
            if context.identity?.user != nil { return Responses.redirect(Responses.safeNext(request.query("next"))) }
            let csrf = LoginCSRF.token(in: request, secure: services.configuration.secureCookies)
            var r = Responses.html(
                loginPage(lang: context.language, next: request.query("next"), csrf: csrf, error: nil))
            r.setCookie(LoginCSRF.cookie(csrf, secure: services.configuration.secureCookies))
            return r
        }
        router.post("/login") { request, context in
            let form = try await FormData.read(request)
            let next = Responses.safeNext(form["next"])
            let lang = context.language
            /// The login page again, with a fresh form token and `error`.
            func refused(_ error: String, _ status: HTTPResponse.Status) -> Response {
                let csrf = LoginCSRF.token(in: request, secure: services.configuration.secureCookies)
                var r = Responses.html(loginPage(lang: lang, next: next, csrf: csrf, error: error), status: status)
                r.setCookie(LoginCSRF.cookie(csrf, secure: services.configuration.secureCookies))
                return r
            }
            guard LoginCSRF.matches(request, form: form, secure: services.configuration.secureCookies) else {
                return refused(L10n.t("login.csrf", lang), .forbidden)
            }
            switch try await services.access.login(
                email: form["email"] ?? "", password: form["password"] ?? "", clientAddress: context.clientAddress)
            {
            case .throttled(let wait):
                var r = refused(L10n.t("login.throttled", lang, wait), .tooManyRequests)
                r.headers[.retryAfter] = String(wait)
                return r
            case .refused:
                return refused(L10n.t("login.failed", lang), .unauthorized)
            case .signedIn(let user, let cookie, _):
                var response = Responses.redirect(next)
                response.setCookie(
                    Cookie(
                        name: AuthenticationMiddleware.sessionCookie, value: cookie,
                        maxAge: Int(AccessService.sessionLifetimeMs / 1000), path: "/",
                        secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
                response.setCookie(LoginCSRF.cookie("", secure: services.configuration.secureCookies, maxAge: 0))
                context.logger.info("login", metadata: ["user": .string(user.email)])
                return response
            }
        }
        router.post("/logout") { request, context in
            if let session = context.identity?.session {
                try await services.access.logout(
                    session, user: context.identity?.user, clientAddress: context.clientAddress)
            }
            var response = Responses.redirect("/login")
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                    secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
        router.post("/lang") { request, context in
            let form = try await FormData.read(request)
            guard let lang = form["lang"].flatMap(Language.init(rawValue:)) else {
                throw ProblemDetails.badRequest("lang must be ja or en", field: "lang")
            }
            if let user = context.identity?.user {
                try await services.store.setLanguage(userId: user.id, language: lang.rawValue)
            }
            var response = Responses.redirect(Responses.safeNext(form["next"]))
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.languageCookie, value: lang.rawValue, maxAge: 365 * 86400, path: "/",
                    secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    static func loginPage(lang: Language, next: String?, csrf: String, error: String?) -> String {
        var body = "<div class=\"login\"><p>\(L10n.t("app.tagline", lang))</p>"
        if let error { body += "<p class=\"error\" role=\"alert\">\(esc(error))</p>" }
        body += """
            <form method="post" action="/login">
            <input type="hidden" name="next" value="\(esc(Responses.safeNext(next)))">
            <input type="hidden" name="\(LoginCSRF.field)" value="\(esc(csrf))">
            <label for="email">\(L10n.t("login.email", lang))</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
            <label for="password">\(L10n.t("login.password", lang))</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <p><button class="primary" type="submit">\(L10n.t("login.submit", lang))</button></p></form></div>
            """
        return PageShell(
            title: L10n.t("login.title", lang), language: lang, identity: nil, active: nil,
            currentURL: "/login"
        ).render(body)
    }
}
