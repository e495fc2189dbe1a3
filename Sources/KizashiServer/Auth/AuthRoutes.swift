import HTTPTypes
import Hummingbird
import KizashiCore
import KizashiStore

/// Login, logout and the language switch.
enum AuthRoutes {
    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/login") { request, context in
            if context.identity?.user != nil { return Responses.redirect(Responses.safeNext(request.query("next"))) }
            return Responses.html(loginPage(lang: context.language, next: request.query("next"), error: nil))
        }
        router.post("/login") { request, context in
            let form = try await FormData.read(request)
            let email = (form["email"] ?? "").trimmed
            let next = Responses.safeNext(form["next"])
            let now = services.now()
            let key = "\(context.clientAddress ?? "-")|\(email.lowercased())"
            if let wait = await services.limiter.retryAfter(key: key, now: now) {
                var r = Responses.html(
                    loginPage(
                        lang: context.language, next: next, error: L10n.t("login.throttled", context.language, wait)),
                    status: .tooManyRequests)
                r.headers[.retryAfter] = String(wait)
                return r
            }
            guard let user = try await services.access.verify(email: email, password: form["password"] ?? "") else {
                await services.limiter.recordFailure(key: key, now: now)
                context.logger.notice("login failed", metadata: ["email": .string(email)])
                return Responses.html(
                    loginPage(lang: context.language, next: next, error: L10n.t("login.failed", context.language)),
                    status: .unauthorized)
            }
            await services.limiter.reset(key: key)
            let (cookie, _) = try await services.access.startSession(for: user, now: now)
            var response = Responses.redirect(next)
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: cookie,
                    maxAge: Int(AccessControl.sessionLifetimeMs / 1000), path: "/",
                    secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
            context.logger.info("login", metadata: ["user": .string(user.email)])
            return response
        }
        router.post("/logout") { request, context in
            if let session = context.identity?.session {
                try await services.store.deleteSession(idHash: session.idHash)
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

    static func loginPage(lang: Language, next: String?, error: String?) -> String {
        var body = "<div class=\"login\"><p>\(L10n.t("app.tagline", lang))</p>"
        if let error { body += "<p class=\"error\" role=\"alert\">\(esc(error))</p>" }
        body += """
            <form method="post" action="/login">
            <input type="hidden" name="next" value="\(esc(Responses.safeNext(next)))">
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
