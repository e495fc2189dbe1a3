import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// When people leave: the admin API and Settings forms disable, enable, delete, reset and
/// re-role users; each ends their sessions at once; the last active admin stays.
@Suite("People leave: user administration (API and Settings)")
struct UserAdminTests {
    static func object(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))) as? [String: Any] ?? [:]
    }
    static func id(_ w: TestWorkspace, _ role: UserRole) async throws -> Int64 {
        try #require(try await w.store.user(email: "\(role.rawValue)@example.com")).id
    }

    @Test(
        "API: disable ends the user's session on the next request; enable lets them sign in again (not the old cookie)")
    func disableEndsSession() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin)
        let editorID = try await Self.id(w, .editor)
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            #expect(
                try await client.execute(uri: "/api/v1/settings", method: .get, headers: editor.headers).status == .ok)
            let r = try await client.execute(uri: "/api/v1/users/\(editorID)/disable", method: .post, headers: admin)
            #expect(r.status == .ok)
            #expect(Self.object(r)["disabled"] as? Bool == true)
            // The same cookie, the very next request.
            #expect(
                try await client.execute(uri: "/api/v1/settings", method: .get, headers: editor.headers).status
                    == .unauthorized)
            let page = try await client.execute(uri: "/settings", method: .get, headers: editor.headers)
            #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/login") == true)
            // A disabled user cannot sign in, even with the right password.
            let refused = try await LoginForm.get(client).post(
                client, "email=editor%40example.com&password=correct+horse+battery")
            #expect(refused.status == .unauthorized)
            let enabled = try await client.execute(
                uri: "/api/v1/users/\(editorID)/enable", method: .post, headers: admin)
            #expect(enabled.status == .ok && Self.object(enabled)["disabled"] as? Bool == false)
            #expect(
                try await client.execute(uri: "/api/v1/settings", method: .get, headers: editor.headers).status
                    == .unauthorized)
            _ = try await Browser.login(client, role: .editor)
        }
    }

    @Test("API: role change, password reset and delete each end the user's sessions")
    func otherChangesEndSessions() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin)
        let viewerID = try await Self.id(w, .viewer)
        try await w.test { client in
            let changes: [(String, HTTPRequest.Method, String, HTTPResponse.Status)] = [
                ("/api/v1/users/\(viewerID)/role", .post, #"{"role":"editor"}"#, .ok),
                ("/api/v1/users/\(viewerID)/password", .post, #"{"password":"a whole new one"}"#, .ok),
                ("/api/v1/users/\(viewerID)", .delete, "", .noContent),
            ]
            var password = "correct+horse+battery"
            for (uri, method, body, expected) in changes {
                let form = try await LoginForm.get(client)
                let login = try await form.post(client, "email=viewer%40example.com&password=\(password)")
                let set = login.headers[values: .setCookie].first { $0.hasPrefix("kizashi_session=") } ?? ""
                let cookie: HTTPFields = [.cookie: String(set.split(separator: ";")[0])]
                #expect(try await client.execute(uri: "/api/v1/settings", method: .get, headers: cookie).status == .ok)
                let r = try await client.execute(
                    uri: uri, method: method, headers: admin, body: ByteBuffer(string: body))
                #expect(r.status == expected, "\(uri)")
                #expect(
                    try await client.execute(uri: "/api/v1/settings", method: .get, headers: cookie).status
                        == .unauthorized, "\(uri)")
                if uri.hasSuffix("/password") { password = "a+whole+new+one" }
            }
            #expect(try await w.store.user(id: viewerID) == nil)
        }
    }

    @Test("API: statuses — 404 unknown user, 409 last active admin, 422 short password, 400 bad role, 403 for editors")
    func statuses() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin)
        let editor = try await w.bearer(.editor)
        let adminID = try await Self.id(w, .admin)
        try await w.test { client in
            func call(_ uri: String, _ method: HTTPRequest.Method = .post, body: String = "", as h: HTTPFields)
                async throws -> TestResponse
            {
                try await client.execute(uri: uri, method: method, headers: h, body: ByteBuffer(string: body))
            }
            #expect(try await call("/api/v1/users/999/disable", as: admin).status == .notFound)
            #expect(try await call("/api/v1/users/999", .delete, as: admin).status == .notFound)
            #expect(try await call("/api/v1/users/abc/disable", as: admin).status == .badRequest)
            for (uri, method, body) in [
                ("/api/v1/users/\(adminID)/disable", HTTPRequest.Method.post, ""),
                ("/api/v1/users/\(adminID)", .delete, ""),
                ("/api/v1/users/\(adminID)/role", .post, #"{"role":"viewer"}"#),
            ] {
                let r = try await call(uri, method, body: body, as: admin)
                #expect(r.status == .conflict, "\(uri)")
                #expect(String(buffer: r.body).contains("last active admin"), "\(uri)")
            }
            let short = try await call("/api/v1/users/\(adminID)/password", body: #"{"password":"short"}"#, as: admin)
            #expect(short.status == .unprocessableContent)
            #expect(Self.object(short)["field"] as? String == "password")
            #expect(
                try await call("/api/v1/users/\(adminID)/role", body: #"{"role":"owner"}"#, as: admin).status
                    == .badRequest)
            let taken = try await call(
                "/api/v1/users", body: #"{"email":"viewer@example.com","role":"viewer","password":"long enough pw"}"#,
                as: admin)
            #expect(taken.status == .conflict)
            for (uri, method) in [
                ("/api/v1/users/\(adminID)/disable", HTTPRequest.Method.post), ("/api/v1/users/\(adminID)", .delete),
                ("/api/v1/audit", .get),
            ] {
                #expect(try await call(uri, method, as: editor).status == .forbidden, "\(uri)")
            }
            // Without a password in the body one is generated and returned once.
            let reset = try await call("/api/v1/users/\(adminID)/password", body: "{}", as: admin)
            #expect(reset.status == .ok)
            let generated = try #require(Self.object(reset)["password"] as? String)
            #expect(generated.count == 16)
        }
        #expect(try await w.store.user(email: "admin@example.com")?.isActiveAdmin == true)
    }

    @Test(
        "Settings: an admin disables a user from the page; the last admin is refused with the reason, in Japanese too")
    func settingsForms() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewerID = try await Self.id(w, .viewer)
        let adminID = try await Self.id(w, .admin)
        try await w.test { client in
            let admin = try await Browser.login(client, role: .admin)
            let page = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: admin.headers).body)
            #expect(page.contains("action=\"/settings/users/\(viewerID)/disable\""))
            let viewer = try await Browser.login(client, role: .viewer)
            let r = try await client.execute(
                uri: "/settings/users/\(viewerID)/disable", method: .post, headers: admin.form(admin.csrf))
            #expect(r.status == .seeOther)
            #expect(
                try await client.execute(uri: "/accounts", method: .get, headers: viewer.headers).status == .seeOther)
            // Without the CSRF token: refused.
            let forged = try await client.execute(
                uri: "/settings/users/\(viewerID)/enable", method: .post, headers: admin.form())
            #expect(forged.status == .forbidden)
            for (lang, text) in [("en", "last active admin"), ("ja", "最後の有効な管理者です")] {
                var h = admin.form(admin.csrf)
                h[.cookie] = admin.cookie + "; kizashi_lang=\(lang)"
                let last = try await client.execute(
                    uri: "/settings/users/\(adminID)/disable", method: .post, headers: h)
                #expect(last.status == .conflict)
                #expect(String(buffer: last.body).contains(text), "\(lang)")
            }
            // A generated password is shown once on the page.
            let reset = try await client.execute(
                uri: "/settings/users/\(viewerID)/password", method: .post, headers: admin.form(admin.csrf),
                body: ByteBuffer(string: "password="))
            #expect(reset.status == .ok)
            #expect(String(buffer: reset.body).firstMatch(of: /<pre>[A-Za-z0-9]{16}<\/pre>/) != nil)
            // Deleting needs the confirmation box.
            let unconfirmed = try await client.execute(
                uri: "/settings/users/\(viewerID)/delete", method: .post, headers: admin.form(admin.csrf))
            #expect(unconfirmed.status == .badRequest)
            let deleted = try await client.execute(
                uri: "/settings/users/\(viewerID)/delete", method: .post, headers: admin.form(admin.csrf),
                body: ByteBuffer(string: "confirm=1"))
            #expect(deleted.status == .seeOther)
        }
        #expect(try await w.store.user(id: viewerID) == nil)
    }
}
