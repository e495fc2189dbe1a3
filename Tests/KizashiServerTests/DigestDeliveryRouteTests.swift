import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// The review's delivery over HTTP (issue 24 §1): sending now and the log are admin-only, a
/// destination that fails is logged with its reason, and the Settings page shows the log.
@Suite("Digest delivery API and Settings")
struct DigestDeliveryRouteTests {
    @Test("send now and the log: admins only; no relay → the address is logged as failed with the reason")
    func sendAndLog() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.store.transaction { tx in
            try await tx.setSetting("digest.email_to", to: "ops@example.co.jp")
            try await tx.setSetting("digest.webhooks", to: "none")
        }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            var eh = editor.headers
            eh[HTTPField.Name("X-CSRF-Token")!] = editor.csrf
            #expect(
                try await client.execute(uri: "/api/v1/digest/deliveries", method: .get, headers: eh).status
                    == .forbidden)
            #expect(
                try await client.execute(uri: "/api/v1/digest/send", method: .post, headers: eh).status == .forbidden)

            let admin = try await Browser.login(client, role: .admin)
            var ah = admin.headers
            ah[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
            let empty = try await client.execute(uri: "/api/v1/digest/deliveries", method: .get, headers: ah)
            #expect(empty.status == .ok)
            #expect(
                (try JSONSerialization.jsonObject(with: Data(String(buffer: empty.body).utf8)) as? [Any])?.isEmpty
                    == true)
            let sent = try await client.execute(uri: "/api/v1/digest/send", method: .post, headers: ah)
            #expect(sent.status == .ok)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(String(buffer: sent.body).utf8)) as? [[String: Any]])
            #expect(records.count == 1)
            #expect(records.first?["channel"] as? String == "email" && records.first?["status"] as? String == "failed")
            #expect(records.first?["destination"] as? String == "ops@example.co.jp")
            #expect((records.first?["error"] as? String)?.contains("--smtp") == true)
            #expect(records.first?["slot"] as? String == "manual")
            let log = try await client.execute(uri: "/api/v1/digest/deliveries", method: .get, headers: ah)
            #expect(String(buffer: log.body) == String(buffer: sent.body))
            let audit = try await w.services.audit.entries(limit: 5)
            #expect(audit.contains { $0.action == "digest.send" && $0.actor == "admin@example.com" })

            // The Settings page: the section and the log for the admin, nothing for an editor.
            let page = try await client.execute(
                uri: "/settings", method: .get, headers: [.cookie: admin.cookie + "; kizashi_lang=ja"])
            let html = String(buffer: page.body)
            #expect(html.contains("id=\"digest\"") && html.contains("週次レビューの配信"))
            #expect(html.contains("手動送信") && html.contains("ops@example.co.jp") && html.contains("失敗"))
            let editorPage = try await client.execute(uri: "/settings", method: .get, headers: editor.headers)
            #expect(!String(buffer: editorPage.body).contains("id=\"digest\""))

            // The page's button: a form post with the CSRF field, then back to the section.
            let form = try await client.execute(
                uri: "/settings/digest/send", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
            #expect(form.status == .seeOther)
            #expect(form.headers[.location] == "/settings?saved=digest#digest")
            #expect(try await w.store.digestDeliveries(limit: 10).count == 2)
        }
    }

    @Test("settings: digest.schedule is validated where it is set")
    func scheduleSetting() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let admin = try await Browser.login(client, role: .admin)
            let bad = try await client.execute(
                uri: "/settings/parameters", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&digest.schedule=someday+09%3A00"))
            #expect(bad.status != .seeOther)
            #expect(try await w.store.settings()["digest.schedule"] == nil)
            let ok = try await client.execute(
                uri: "/settings/parameters", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "_csrf=\(admin.csrf)&digest.schedule=mon+09%3A00"))
            #expect(ok.status == .seeOther)
            #expect(try await w.store.settings()["digest.schedule"] == "mon 09:00")
        }
    }
}
