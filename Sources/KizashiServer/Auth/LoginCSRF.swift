import HTTPTypes
import Hummingbird
import KizashiApp

/// The login form's CSRF token, before there is a session to hold one: a double-submit token.
/// The login page sets a random value in a cookie and in a hidden field; the login POST must
/// send both, equal (compared in constant time). Another site can make a browser post the form
/// but can neither read nor set the cookie, so it cannot sign a victim in to the attacker's
/// account. With `--secure-cookies` the cookie is `__Host-` prefixed: a sibling subdomain cannot
/// plant it either.
enum LoginCSRF {
    static let field = "_csrf"
    static func cookieName(secure: Bool) -> String { secure ? "__Host-kizashi_login" : "kizashi_login" }

    /// The token the browser already holds (several open login tabs keep working), else a new one.
    static func token(in request: Request, secure: Bool) -> String {
        if let v = request.cookies[cookieName(secure: secure)]?.value, isWellFormed(v) { return v }
        return Secrets.token(bytes: 24)
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int = 7200) -> Cookie {
        Cookie(
            name: cookieName(secure: secure), value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// Only the cookie of the configured name counts: with secure cookies a plain
    /// `kizashi_login` could have been planted by a subdomain.
    static func matches(_ request: Request, form: FormData, secure: Bool) -> Bool {
        guard let sent = form[field], isWellFormed(sent), let held = request.cookies[cookieName(secure: secure)]?.value
        else { return false }
        return Secrets.constantTimeEquals(sent, held)
    }

    /// 24 random bytes in base64url are 32 characters.
    static func isWellFormed(_ s: String) -> Bool {
        s.utf8.count == 32
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
                    || c == 0x5F
            }
    }
}
