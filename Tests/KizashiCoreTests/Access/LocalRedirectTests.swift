import KizashiCore
import Testing

/// `next=` after login: only a path on this site. Each refused target below sends a browser to
/// another host (or is a header-splitting attempt) when put in a Location header as it is.
@Suite("Login redirect target (next=)")
struct LocalRedirectTests {
    @Test(
        "same-origin paths are kept as they are",
        arguments: [
            "/", "/accounts", "/accounts?sort=name&order=asc", "/accounts/C%201", "/accounts/%E6%A0%AA",
            "/?kind=month&month=2026-09", "/intent#top",
        ])
    func accepted(_ target: String) {
        #expect(LocalRedirect.path(target) == target)
    }

    @Test(
        "other hosts, schemes and disguised ones are refused",
        arguments: [
            // A tab, which browsers drop: `/\t/evil.example` → `//evil.example` (the example, as
            // the form decodes `%2F%2509%2Fevil.example` and as the query decodes `/%09/evil.example`).
            "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example",
            // Protocol-relative, backslash (read as `/`), encoded slashes, double-encoded slashes.
            "//evil", "//evil.example/path", "/\\evil", "/%5Cevil", "/%2F%2Fevil", "/%2f/evil", "/%252F%252Fevil",
            // Schemes and relative references.
            "http://evil.example", "https:evil.example", "http:", "javascript:alert(1)", "data:text/html,x",
            "evil.example", "./x", "",
            // Control characters, header splitting, spaces, non-ASCII as it is, a percent sign that is not an escape.
            "/accounts\u{0}", "/%0d%0aSet-Cookie:%20x=1", "/a%00b", " /accounts", "/acc ounts", "/株式会社", "/100%",
            "/\u{7F}",
        ])
    func refused(_ target: String) {
        #expect(LocalRedirect.path(target) == nil)
    }

    @Test("a target longer than 2,048 bytes is refused")
    func tooLong() {
        #expect(LocalRedirect.path("/" + String(repeating: "a", count: 2047)) != nil)
        #expect(LocalRedirect.path("/" + String(repeating: "a", count: 2048)) == nil)
    }
}
