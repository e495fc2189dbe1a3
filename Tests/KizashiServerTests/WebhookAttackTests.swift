import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// Issue 25 §5: an admin pointing webhooks at internal hosts (SSRF), and viewers reading them.
@Suite("Webhooks under attack")
struct WebhookAttackTests {
    @Test("loopback, metadata and private destinations are refused at registration (422), public ones stored")
    func registration() async throws {
        let w = try await TestWorkspace.make { $0.allowPrivateWebhooks = false }
        defer { Task { await w.close() } }
        let (token, _) = try await w.services.access.createToken(name: "a", role: .admin, now: TestWorkspace.now)
        let admin: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        try await w.test { client in
            for url in [
                "http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                "http://10.1.2.3/", "http://localhost:8080/", "http://0.0.0.0/", "ftp://example.com/",
                "https://user:pass@example.com/",
            ] {
                let r = try await client.execute(
                    uri: "/api/v1/webhooks", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"url":"\#(url)","kind":"generic"}"#))
                #expect(r.status == .unprocessableContent, "\(url)")
            }
            // A public literal needs no DNS: stored.
            let ok = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"url":"https://93.184.216.34/hook","kind":"slack"}"#))
            #expect(ok.status == .created)
        }
        #expect(try await w.store.webhooks().map(\.url) == ["https://93.184.216.34/hook"])
    }

    @Test("a webhook stored before (or by another server) is refused again at send time, with no request made")
    func refusedAtSend() async throws {
        let w = try await TestWorkspace.make { $0.allowPrivateWebhooks = false }
        defer { Task { await w.close() } }
        _ = try await w.store.addWebhook(
            url: "http://127.0.0.1:1/hook", kind: .generic, secret: "0123456789abcdef", now: TestWorkspace.now)
        _ = try await w.store.enqueue(
            AlertCandidate(
                companyId: "C1", companyName: "Alpha", rule: .highIntent, reasonKey: "r", en: "e", ja: "j", score: 1),
            now: TestWorkspace.now, cooldownSince: Instant(millisecondsSinceEpoch: 0))
        #expect(try await w.services.alerts.deliverDue() == 0)
        let d = try #require(try await w.store.deliveryLog(limit: 1).first)
        #expect(d.lastError?.hasPrefix("refused: 127.0.0.1 is a loopback address") == true)
    }

    @Test("delivery results and webhook URLs are for admins only, on the API and the Settings page")
    func adminsOnly() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        _ = try await w.store.addWebhook(
            url: "https://hooks.slack.example/services/SECRET", kind: .slack, secret: "0123456789abcdef",
            now: TestWorkspace.now)
        try await w.store.createSiteKey(name: "www", key: "pk_listed", now: TestWorkspace.now)
        let (viewerToken, _) = try await w.services.access.createToken(name: "v", role: .viewer, now: TestWorkspace.now)
        try await w.test { client in
            let r = try await client.execute(
                uri: "/api/v1/alerts/deliveries", method: .get, headers: [.authorization: "Bearer \(viewerToken)"])
            #expect(r.status == .forbidden)
            let viewer = try await Browser.login(client, role: .viewer)
            let viewerPage = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: viewer.headers).body)
            #expect(!viewerPage.contains("SECRET") && !viewerPage.contains("pk_listed"))
            let admin = try await Browser.login(client, role: .admin)
            let adminPage = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: admin.headers).body)
            #expect(adminPage.contains("https://hooks.slack.example/services/SECRET"))
            #expect(adminPage.contains("data-key=&quot;pk_listed&quot;"))
            #expect(adminPage.contains("/settings/site-keys/pk_listed/revoke"))
            // Revoked from the page.
            let revoke = try await client.execute(
                uri: "/settings/site-keys/pk_listed/revoke", method: .post, headers: admin.form(admin.csrf))
            #expect(revoke.status == .seeOther)
        }
        #expect(try await w.store.isActiveSiteKey("pk_listed") == false)
    }
}
