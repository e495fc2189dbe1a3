import KizashiCore

/// The frame of every page: header with navigation and the language switch, skip link, main.
struct PageShell {
    enum Section: String, CaseIterable {
        case overview = "/", now = "/now", accounts = "/accounts", campaigns = "/campaigns", journey = "/journey",
            segments = "/segments", experiments = "/experiments", review = "/review", intent = "/intent",
            quality = "/quality", settings = "/settings", importData = "/import"
        var key: String {
            switch self {
            case .overview: "nav.overview"
            case .now: "nav.now"
            case .accounts: "nav.accounts"
            case .campaigns: "nav.campaigns"
            case .journey: "nav.journey"
            case .segments: "nav.segments"
            case .experiments: "nav.experiments"
            case .review: "nav.review"
            case .intent: "nav.intent"
            case .quality: "nav.quality"
            case .settings: "nav.settings"
            case .importData: "nav.import"
            }
        }
    }

    var title: String
    var language: Language
    var identity: Identity?
    var active: Section?
    /// Where the language switch returns to.
    var currentURL: String
    /// A self-contained document for printing to PDF (`kizashi report --format pdf`): the
    /// stylesheet inlined, no script, no navigation or forms in the header.
    var standalone = false
    /// Whether the page updates itself when the workspace changes (Server-Sent Events).
    var live: Bool {
        switch active {
        case .overview?, .now?, .accounts?, .intent?: return identity != nil
        default: return false
        }
    }

    /// The printed document loads nothing and runs nothing: its only style is inline.
    static let standalonePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    func render(_ body: String) -> String {
        let lang = language
        let csrf = identity?.session?.csrfToken ?? ""
        if standalone {
            return """
                <!doctype html><html lang="\(lang.rawValue)"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="\(Self.standalonePolicy)">
                <title>\(esc(title)) · Kizashi</title><style>\(Assets.css)</style></head><body>
                <header class="top"><span class="brand">兆し Kizashi</span></header><main id="main"><h1>\(esc(title))</h1>\(body)</main></body></html>
                """
        }
        var h = """
            <!doctype html><html lang="\(lang.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(esc(csrf))">
            <title>\(esc(title)) · Kizashi</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script></head><body\(live ? " data-live=\"1\"" : "")>
            <a class="skip" href="#main">\(L10n.t("nav.skip", lang))</a>
            <header class="top"><a class="brand" href="/">兆し Kizashi</a>
            """
        if let identity {
            h += "<nav aria-label=\"main\">"
            for s in Section.allCases {
                let current = s == active ? " aria-current=\"page\"" : ""
                h += "<a href=\"\(s.rawValue)\"\(current)>\(L10n.t(s.key, lang))</a>"
            }
            h += "</nav>"
            if let user = identity.user {
                h +=
                    "<span class=\"who\">\(esc(user.email)) (\(esc(L10n.t("userRole.\(user.role.rawValue)", lang))))</span>"
            }
        } else {
            h += "<nav aria-label=\"main\"></nav>"
        }
        let other = lang.other
        h += """
            <form method="post" action="/lang"><input type="hidden" name="_csrf" value="\(esc(csrf))">
            <input type="hidden" name="lang" value="\(other.rawValue)"><input type="hidden" name="next" value="\(esc(currentURL))">
            <button class="link" type="submit" lang="\(other.rawValue)">\(L10n.t("lang.switch", lang))</button></form>
            """
        if identity?.session != nil {
            h += """
                <form method="post" action="/logout"><input type="hidden" name="_csrf" value="\(esc(csrf))">
                <button class="link" type="submit">\(L10n.t("nav.logout", lang))</button></form>
                """
        }
        h += "</header><main id=\"main\"><h1>\(esc(title))</h1>\(body)</main></body></html>"
        return h
    }
}
