import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

@Suite("Login: CSRF on the form, same-origin next=")
struct LoginSecurityTests {
    static let credentials = "email=admin%40example.com&password=correct+horse+battery"

    @Test("a login without the form's token, or with another one, is refused (403) and nobody is signed in")
    func loginCSRF() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            // A cross-site form post: no cookie of ours, no token (this signed the victim in before).
            let bare = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: Self.credentials))
            #expect(bare.status == .forbidden)
            #expect(!bare.headers[values: .setCookie].contains { $0.hasPrefix("kizashi_session=") })
            // A token in the field that is not the cookie's.
            let form = try await LoginForm.get(client)
            let other = try await LoginForm.get(client)
            #expect(form.field != other.field)
            let mismatched = try await client.execute(
                uri: "/login", method: .post, headers: form.headers,
                body: ByteBuffer(string: Self.credentials + "&_csrf=\(other.field)"))
            #expect(mismatched.status == .forbidden)
            // The field without its cookie.
            let noCookie = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: Self.credentials + "&_csrf=\(form.field)"))
            #expect(noCookie.status == .forbidden)
            // Cookie and field equal: signed in, and the login cookie is cleared.
            let ok = try await form.post(client, Self.credentials)
            #expect(ok.status == .seeOther)
            #expect(ok.headers[values: .setCookie].contains { $0.hasPrefix("kizashi_session=") })
            #expect(
                ok.headers[values: .setCookie].contains { $0.hasPrefix("kizashi_login=") && $0.contains("Max-Age=0") })
        }
    }

    @Test("the login cookie is HttpOnly, SameSite=Strict; an open login page keeps its token")
    func loginCookie() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let set = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("kizashi_login=") })
            #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict"))
            let form = try await LoginForm.get(client)
            let again = try await LoginForm.get(client, cookies: form.cookie)
            #expect(again.field == form.field)
        }
    }

    @Test(
        "next= after login: only same-origin paths; every other target lands on /",
        arguments: [
            // (form-encoded next=, where the browser must land)
            ("%2Faccounts%3Fsort%3Dname", "/accounts?sort=name"),
            ("%2F%2509%2Fevil.example", "/"),  // the issue's /%09/evil.example
            ("%2F%09%2Fevil.example", "/"),  // a raw tab
            ("%2F%2Fevil", "/"), ("%2F%5Cevil", "/"), ("%2F%252F%252Fevil", "/"), ("http%3A%2F%2Fevil.example", "/"),
            ("http%3Aevil.example", "/"), ("javascript%3Aalert(1)", "/"), ("%2F%0D%0ASet-Cookie%3A+x%3D1", "/"),
        ])
    func nextTargets(_ next: String, _ landing: String) async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let r = try await LoginForm.get(client).post(client, Self.credentials + "&next=\(next)")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == landing)
        }
    }

    @Test("a signed-in user on /login?next=//evil goes to /, not to the other host")
    func signedInNext() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            let r = try await client.execute(uri: "/login?next=/%09/evil.example", method: .get, headers: b.headers)
            #expect(r.headers[.location] == "/")
        }
    }

    @Test("20 parallel wrong passwords through the router: at most 3 are checked (the test limit), the rest 429")
    func parallelWrongPasswords() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let form = try await LoginForm.get(client)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await form.post(client, "email=editor%40example.com&password=wrong+wrong+wrong").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 3)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 17)
        }
        let failed = try await w.store.auditEntries(before: nil, limit: 100).filter { $0.action == "login.failed" }
        #expect(failed.count == 3)
    }
}
