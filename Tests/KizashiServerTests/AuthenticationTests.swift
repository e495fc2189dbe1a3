import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

@Suite("Authentication, roles and CSRF")
struct AuthenticationTests {
    @Test("only /healthz and the login page are public; pages redirect to login, the API answers 401 problem+json")
    func publicRoutes() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
            for page in [
                "/", "/accounts", "/accounts/C1", "/accounts.csv", "/intent", "/quality", "/settings", "/import",
            ] {
                let r = try await client.execute(uri: page, method: .get)
                #expect(r.status == .seeOther, "\(page)")
                #expect(r.headers[.location]?.hasPrefix("/login?next=") == true, "\(page)")
            }
            for api in ["/api/v1/kpis", "/api/v1/accounts", "/api/v1/settings", "/api/openapi.yaml"] {
                let r = try await client.execute(uri: api, method: .get)
                #expect(r.status == .unauthorized, "\(api)")
                #expect(r.headers[.contentType] == "application/problem+json", "\(api)")
            }
        }
    }

    @Test("a wrong password is refused; after 3 failures the address is throttled (429), even with the right one")
    func loginFailuresAndRateLimit() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            func attempt(_ password: String) async throws -> HTTPResponse.Status {
                try await LoginForm.get(client).post(client, "email=viewer%40example.com&password=\(password)").status
            }
            for _ in 0..<3 {
                let status = try await attempt("wrong")
                #expect(status == .unauthorized)
            }
            let throttled = try await attempt("correct+horse+battery")
            #expect(throttled == .tooManyRequests)
        }
    }

    @Test("sessions: HttpOnly, SameSite=Lax cookie; logout ends the session")
    func sessionCookie() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let r = try await LoginForm.get(client).post(
                client, "email=admin%40example.com&password=correct+horse+battery&next=%2Faccounts")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/accounts")
            let set = r.headers[values: .setCookie].first { $0.hasPrefix("kizashi_session=") } ?? ""
            #expect(set.contains("HttpOnly"))
            #expect(set.contains("SameSite=Lax"))
            let cookie = String(set.split(separator: ";")[0])
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .ok)
            let browser = try await Browser.login(client, role: .admin)
            // The session of `browser` is another one; log the first out with its own CSRF token.
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            let csrf = String(buffer: page.body).firstMatch(of: /name="csrf-token" content="([^"]+)"/).map {
                String($0.1)
            }
            let out = try await client.execute(
                uri: "/logout", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(csrf ?? "")"))
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: browser.headers).status == .ok)
        }
    }

    @Test("an open redirect through next= is refused")
    func nextIsLocal() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let r = try await LoginForm.get(client).post(
                client, "email=admin%40example.com&password=correct+horse+battery&next=%2F%2Fevil.example")
            #expect(r.headers[.location] == "/")
        }
    }

    @Test("state-changing browser requests need the session's CSRF token")
    func csrf() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .admin)
            let missing = try await client.execute(
                uri: "/lang", method: .post, headers: b.form(), body: ByteBuffer(string: "lang=ja&next=%2F"))
            #expect(missing.status == .forbidden)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let wrong = try await client.execute(
                uri: "/lang", method: .post, headers: b.form("not-the-token"), body: ByteBuffer(string: "lang=ja"))
            #expect(wrong.status == .forbidden)
            let ok = try await client.execute(
                uri: "/lang", method: .post, headers: b.form(),
                body: ByteBuffer(string: "lang=ja&next=%2Faccounts&_csrf=\(b.csrf)"))
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/accounts")
            // The choice is remembered for the user: the next page is Japanese without a cookie for it.
            let page = try await client.execute(uri: "/accounts", method: .get, headers: b.headers)
            #expect(String(buffer: page.body).contains("<html lang=\"ja\""))
        }
    }

    @Test("API tokens: shown once, stored hashed, scoped by role; a revoked or unknown token gets 401")
    func apiTokens() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (secret, token) = try await w.services.access.createToken(name: "bi", role: .viewer, now: TestWorkspace.now)
        #expect(secret.hasPrefix("kz_"))
        let stored = try await w.store.tokens()
        #expect(stored.count == 1 && stored[0].prefix == String(secret.prefix(10)))
        try await w.test { client in
            let bearer: HTTPFields = [.authorization: "Bearer \(secret)"]
            #expect(
                try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: bearer).status == .ok
            )
            // A viewer token cannot change settings (403), and needs no CSRF token to be refused for its role.
            let put = try await client.execute(
                uri: "/api/v1/settings/gross_margin", method: .put,
                headers: bearer + [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"value\":\"0.5\"}"))
            #expect(put.status == .forbidden)
            try await w.store.revokeToken(id: token.id)
            let revoked = try await client.execute(uri: "/api/v1/kpis", method: .get, headers: bearer)
            #expect(revoked.status == .unauthorized)
            let unknown = try await client.execute(
                uri: "/api/v1/kpis", method: .get, headers: [.authorization: "Bearer kz_nope"])
            #expect(unknown.status == .unauthorized)
        }
    }
}

extension HTTPFields {
    static func + (a: HTTPFields, b: HTTPFields) -> HTTPFields {
        var out = a
        out.append(contentsOf: b)
        return out
    }
}
