import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The audit log through the server (admins only), what the routes record, token expiry through
/// the API, and the export that now needs an editor.
@Suite("Audit log, token expiry and export through the API")
struct AuditRouteTests {
    static func array(_ r: TestResponse) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))) as? [[String: Any]] ?? []
    }

    @Test("logins, failed logins, webhook changes, imports and exports are recorded with actor and client address")
    func recorded() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin, name: "ops")
        let editor = try await w.bearer(.editor, name: "etl")
        try await w.test { client in
            _ = try await LoginForm.get(client).post(client, "email=viewer%40example.com&password=nope+nope+nope")
            _ = try await Browser.login(client, role: .viewer)
            let hook = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"url":"https://hooks.slack.com/services/T0/B0/SECRET","kind":"slack"}"#))
            #expect(hook.status == .created)
            let csv = "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
            let imported = try await client.execute(
                uri: "/api/v1/imports?entity=activities&dry_run=1", method: .post,
                headers: [.authorization: editor[.authorization]!, .contentType: "text/csv"],
                body: ByteBuffer(string: csv))
            #expect(imported.status == .ok)
            #expect(try await client.execute(uri: "/api/v1/export", method: .get, headers: editor).status == .ok)
            let log = try await client.execute(uri: "/api/v1/audit?limit=10", method: .get, headers: admin)
            #expect(log.status == .ok)
            let rows = Self.array(log).map {
                "\($0["actor"] as? String ?? "?") \($0["action"] as? String ?? "?") \($0["target"] as? String ?? "-")"
            }
            #expect(
                Array(rows.prefix(5)) == [
                    "token: etl data.export the whole workspace", "token: etl data.import -",
                    "token: ops webhook.add webhook 1", "viewer@example.com login viewer@example.com",
                    "viewer@example.com login.failed viewer@example.com",
                ])
            // The Slack URL is a secret: it is not in the log.
            #expect(!String(buffer: log.body).contains("hooks.slack.com"))
            let entries = Self.array(log)
            #expect(entries[1]["detail"] as? String == "entity=activities&dry_run=1")
            #expect(entries[4]["detail"] as? String == "wrong password")
        }
    }

    @Test("the audit CSV: admins only, formulas neutralised in every text cell")
    func auditCSV() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin)
        let viewer = try await w.bearer(.viewer)
        try await w.test { client in
            _ = try await LoginForm.get(client).post(client, "email=%3D1%2B1&password=whatever+it+is")
            #expect(
                try await client.execute(uri: "/api/v1/audit?format=csv", method: .get, headers: viewer).status
                    == .forbidden)
            let r = try await client.execute(uri: "/api/v1/audit?format=csv", method: .get, headers: admin)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = String(buffer: r.body).split(separator: "\n")
            #expect(lines.first == "id,at_utc,actor,action,target,client_address,detail")
            let failed = try #require(lines.first { $0.contains(",login.failed,") })
            // actor and target were "=1+1": written as '=1+1.
            #expect(failed.contains(",'=1+1,login.failed,'=1+1,"))
            #expect(
                try await client.execute(uri: "/api/v1/audit?format=xml", method: .get, headers: admin).status
                    == .badRequest)
            #expect(
                try await client.execute(uri: "/api/v1/audit?limit=0", method: .get, headers: admin).status
                    == .badRequest)
        }
    }

    @Test(
        "API tokens: expires_in sets expires_at (90 d = 7,776,000,000 ms); a bad lifetime is 422; revoking an unknown token is 404"
    )
    func tokenExpiry() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let admin = try await w.bearer(.admin)
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name":"ci","role":"viewer","expires_in":"90d"}"#))
            #expect(r.status == .created)
            let body = (try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))) as? [String: Any]
            // TestWorkspace.now 1,790,737,200,000 + 7,776,000,000.
            #expect((body?["expires_at"] as? NSNumber)?.int64Value == 1_798_513_200_000)
            let bad = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"name":"ci","role":"viewer","expires_in":"forever"}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(
                try await client.execute(uri: "/api/v1/tokens/4242", method: .delete, headers: admin).status
                    == .notFound)
            // The list shows when each token was last used (the admin token just now, written off the request path).
            var lastUsed: Any?
            for _ in 0..<40 where !(lastUsed is NSNumber) {
                let list = Self.array(try await client.execute(uri: "/api/v1/tokens", method: .get, headers: admin))
                lastUsed = list.first { $0["name"] as? String == "t-admin" }?["last_used_at"]
                if !(lastUsed is NSNumber) { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect((lastUsed as? NSNumber)?.int64Value == TestWorkspace.now.millisecondsSinceEpoch)
        }
    }

    @Test("an export of the whole workspace needs an editor: a viewer gets 403 and nothing is audited")
    func exportNeedsEditor() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer)
        try await w.test { client in
            let r = try await client.execute(uri: "/api/v1/export", method: .get, headers: viewer)
            #expect(r.status == .forbidden)
            let browser = try await Browser.login(client, role: .viewer)
            #expect(
                try await client.execute(uri: "/api/v1/export", method: .get, headers: browser.headers).status
                    == .forbidden)
        }
        #expect(try await w.store.auditEntries(before: nil, limit: 100).allSatisfy { $0.action != "data.export" })
    }

    @Test("the OpenAPI document describes the user, token and audit routes with their error statuses")
    func openAPI() async throws {
        let w = try await TestWorkspace.make(importFixture: false)
        defer { Task { await w.close() } }
        let viewer = try await w.bearer(.viewer)
        try await w.test { client in
            let yaml = String(
                buffer: try await client.execute(uri: "/api/openapi.yaml", method: .get, headers: viewer).body)
            for path in [
                "/api/v1/users/{id}:", "/api/v1/users/{id}/disable:", "/api/v1/users/{id}/enable:",
                "/api/v1/users/{id}/role:", "/api/v1/users/{id}/password:", "/api/v1/audit:",
            ] {
                #expect(yaml.contains("\n  \(path)\n"), "\(path)")
            }
            for schema in ["User:", "APIToken:", "AuditEntry:"] { #expect(yaml.contains("\n    \(schema)\n")) }
            #expect(yaml.contains("expires_in:") && yaml.contains("\"409\"") && yaml.contains("\"422\""))
        }
    }
}
