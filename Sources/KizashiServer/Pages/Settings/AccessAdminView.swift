import KizashiApp
import KizashiCore
import KizashiStore

/// The admin part of the settings page: users (with the forms for when people leave), API
/// tokens (expiry, last use) and the latest audit entries. Every form carries the session's CSRF
/// token; every piece of stored text goes through `esc`.
struct AccessAdminView {
    let users: [WorkspaceUser]
    let tokens: [APIToken]
    let audit: [AuditEntry]
    /// A password an admin just reset (shown once).
    let newPassword: (email: String, password: String)?
    let timeZone: WorkspaceTimeZone
    let now: Instant
    let lang: Language
    let csrf: String

    func hidden() -> String { "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">" }
    func t(_ key: String) -> String { L10n.t(key, lang) }
    func time(_ i: Instant) -> String { DisplayFormat.dateTime(i, timeZone, lang) }

    func render() -> String {
        var h = ""
        if let p = newPassword {
            h +=
                "<div class=\"notice\" role=\"alert\"><p>\(t("user.passwordShownOnce")) \(esc(p.email))</p><pre>\(esc(p.password))</pre></div>"
        }
        h += "<section class=\"panel\" id=\"users\"><h2>\(t("settings.users"))</h2>" + usersTable() + newUserForm()
        h += "</section>"
        h += "<section class=\"panel\" id=\"tokens\"><h2>\(t("settings.tokens"))</h2>" + tokensTable() + newTokenForm()
        h += "</section>"
        h += auditSection()
        return h
    }

    func roleOptions(selected: UserRole?) -> String {
        UserRole.allCases.reversed().map {
            "<option value=\"\($0.rawValue)\"\($0 == selected ? " selected" : "")>\(t("userRole.\($0.rawValue)"))</option>"
        }.joined()
    }

    func usersTable() -> String {
        var h =
            "<table><thead><tr><th scope=\"col\">\(t("login.email"))</th><th scope=\"col\">\(t("role"))</th><th scope=\"col\">\(t("user.status"))</th><th scope=\"col\"></th></tr></thead><tbody>"
        for u in users {
            let base = "/settings/users/\(u.id)"
            h += "<tr><td>\(esc(u.email))</td><td>"
            h +=
                "<form style=\"display:inline\" method=\"post\" action=\"\(base)/role\">\(hidden())<select name=\"role\" aria-label=\"\(t("role")) \(esc(u.email))\">\(roleOptions(selected: u.role))</select> <button type=\"submit\">\(t("user.changeRole"))</button></form>"
            h += "</td><td>\(u.disabled ? t("user.disabled") : t("user.active"))</td><td>"
            let toggle = u.disabled ? "enable" : "disable"
            h +=
                "<form style=\"display:inline\" method=\"post\" action=\"\(base)/\(toggle)\">\(hidden())<button type=\"submit\">\(t("user.\(toggle)"))</button></form>"
            h +=
                " <form style=\"display:inline\" method=\"post\" action=\"\(base)/password\">\(hidden())<label>\(t("user.newPassword")) <input type=\"password\" name=\"password\" minlength=\"10\" autocomplete=\"new-password\"></label> <button type=\"submit\">\(t("user.resetPassword"))</button></form>"
            h +=
                " <form style=\"display:inline\" method=\"post\" action=\"\(base)/delete\">\(hidden())<label><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> \(t("user.confirmDelete"))</label> <button type=\"submit\">\(t("user.delete"))</button></form>"
            h += "</td></tr>"
        }
        return h + "</tbody></table>"
    }

    func newUserForm() -> String {
        "<form class=\"toolbar\" method=\"post\" action=\"/settings/users\">\(hidden())"
            + "<label>\(t("login.email"))<input type=\"email\" name=\"email\" required></label>"
            + "<label>\(t("login.password"))<input type=\"password\" name=\"password\" minlength=\"10\" required autocomplete=\"new-password\"></label>"
            + "<label>\(t("role"))<select name=\"role\">\(roleOptions(selected: .viewer))</select></label>"
            + "<button class=\"primary\" type=\"submit\">\(t("settings.add"))</button></form>"
    }

    func tokensTable() -> String {
        var h =
            "<table><thead><tr><th scope=\"col\"></th><th scope=\"col\">\(t("name"))</th><th scope=\"col\">\(t("role"))</th><th scope=\"col\">\(t("token.expires"))</th><th scope=\"col\">\(t("token.lastUsed"))</th><th scope=\"col\"></th></tr></thead><tbody>"
        for tok in tokens {
            h +=
                "<tr><td><code>\(esc(tok.prefix))…</code></td><td>\(esc(tok.name))</td><td>\(t("userRole.\(tok.role.rawValue)"))</td>"
            h += "<td>\(tok.expiresAt.map(time) ?? t("token.noExpiry"))</td>"
            h += "<td>\(tok.lastUsedAt.map(time) ?? t("token.never"))</td><td>"
            if tok.revoked {
                h += t("token.revoked")
            } else if tok.isUnusable(at: now) {
                h += t("token.expired")
            } else {
                h +=
                    "<form method=\"post\" action=\"/settings/tokens/\(tok.id)/revoke\">\(hidden())<button type=\"submit\">\(t("settings.revoke"))</button></form>"
            }
            h += "</td></tr>"
        }
        return h + "</tbody></table>"
    }

    func newTokenForm() -> String {
        let lifetimes = ["", "30d", "90d", "365d"].map {
            "<option value=\"\($0)\"\($0 == "90d" ? " selected" : "")>\($0.isEmpty ? t("token.noExpiry") : $0)</option>"
        }.joined()
        return "<form class=\"toolbar\" method=\"post\" action=\"/settings/tokens\">\(hidden())"
            + "<label>\(t("name"))<input name=\"name\" required maxlength=\"100\"></label>"
            + "<label>\(t("role"))<select name=\"role\">\(roleOptions(selected: .viewer))</select></label>"
            + "<label>\(t("token.expiresIn"))<select name=\"expires_in\">\(lifetimes)</select></label>"
            + "<button class=\"primary\" type=\"submit\">\(t("settings.add"))</button></form>"
    }

    func auditSection() -> String {
        var h =
            "<section class=\"panel\" id=\"audit\"><h2>\(t("settings.audit"))</h2><p class=\"meta\">\(t("settings.auditHelp")) <a href=\"/api/v1/audit?format=csv\">\(t("settings.auditCSV"))</a></p>"
        guard !audit.isEmpty else { return h + "<p>\(t("settings.auditEmpty"))</p></section>" }
        h +=
            "<table><thead><tr><th scope=\"col\">\(t("audit.at"))</th><th scope=\"col\">\(t("audit.actor"))</th><th scope=\"col\">\(t("audit.action"))</th><th scope=\"col\">\(t("audit.target"))</th><th scope=\"col\">\(t("audit.client"))</th><th scope=\"col\">\(t("audit.detail"))</th></tr></thead><tbody>"
        for e in audit {
            h +=
                "<tr><td>\(time(e.at))</td><td>\(esc(e.actor == "cli" ? t("audit.actor.cli") : e.actor))</td><td><code>\(esc(e.action))</code></td><td>\(esc(e.target ?? ""))</td><td>\(esc(e.clientAddress ?? ""))</td><td>\(esc(e.detail ?? ""))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
