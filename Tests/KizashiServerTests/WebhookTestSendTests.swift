import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiServer
import KizashiStore
import NIOConcurrencyHelpers
import Testing

/// Issue 22 §3, Settings' test-send: a signed test message reaches the webhook at once, from the
/// API and from the Settings page; a receiver that fails is reported with its reason; editors may
/// not; a disabled or unknown webhook is a 404; nothing enters the alert delivery log.
@Suite("Webhook test-send")
struct WebhookTestSendTests {
    @Test("API and Settings: delivered, signed and marked test; a failing receiver's status named; admin only")
    func testSend() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let received = NIOLockedValueBox<[(event: String?, signature: String?, timestamp: String?, body: String)]>([])
        let receiver = Router()
        receiver.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            received.withLockedValue {
                $0.append(
                    (
                        request.headers[HTTPField.Name("X-Kizashi-Event")!],
                        request.headers[HTTPField.Name("X-Kizashi-Signature")!],
                        request.headers[HTTPField.Name("X-Kizashi-Timestamp")!], body
                    ))
            }
            return .noContent
        }
        receiver.post("/broken") { _, _ -> HTTPResponse.Status in .serviceUnavailable }
        try await Application(router: receiver).test(.live) { hookClient in
            let port = hookClient.port!
            let good = try await w.store.addWebhook(
                url: "http://127.0.0.1:\(port)/hook", kind: .generic, secret: "a-test-secret-of-16+",
                now: TestWorkspace.now)
            let broken = try await w.store.addWebhook(
                url: "http://127.0.0.1:\(port)/broken", kind: .slack, secret: "another-secret-16+",
                now: TestWorkspace.now)
            try await w.test { client in
                let editor = try await Browser.login(client, role: .editor)
                var eh = editor.headers
                eh[HTTPField.Name("X-CSRF-Token")!] = editor.csrf
                #expect(
                    try await client.execute(uri: "/api/v1/webhooks/\(good.id)/test", method: .post, headers: eh).status
                        == .forbidden)
                let admin = try await Browser.login(client, role: .admin)
                var ah = admin.headers
                ah[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
                let ok = try await client.execute(uri: "/api/v1/webhooks/\(good.id)/test", method: .post, headers: ah)
                #expect(ok.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(String(buffer: ok.body).utf8)) as? [String: Any]
                #expect(json?["delivered"] as? Bool == true && json?["error"] is NSNull)
                let got = try #require(received.withLockedValue { $0.last })
                #expect(got.event == "test")
                let payload = try JSONSerialization.jsonObject(with: Data(got.body.utf8)) as? [String: Any]
                #expect(payload?["event"] as? String == "test" && payload?["webhook_id"] as? Int == Int(good.id))
                // The signature is HMAC-SHA256 over "timestamp.body" with the webhook's secret.
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data(((got.timestamp ?? "") + "." + got.body).utf8),
                    using: SymmetricKey(data: Data("a-test-secret-of-16+".utf8)))
                #expect(got.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())

                let failed = try await client.execute(
                    uri: "/api/v1/webhooks/\(broken.id)/test", method: .post, headers: ah)
                let f = try JSONSerialization.jsonObject(with: Data(String(buffer: failed.body).utf8)) as? [String: Any]
                #expect(f?["delivered"] as? Bool == false && f?["error"] as? String == "HTTP 503")

                // The Settings page: the button, and the outcome in the page's language.
                var form = admin.form()
                form[.cookie] = admin.cookie + "; kizashi_lang=ja"
                let page = try await client.execute(
                    uri: "/settings/webhooks/\(good.id)/test", method: .post, headers: form,
                    body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("テスト送信が届きました"))
                #expect(received.withLockedValue { $0.count } == 2)

                try await w.store.setWebhook(id: good.id, active: false)
                #expect(
                    try await client.execute(uri: "/api/v1/webhooks/\(good.id)/test", method: .post, headers: ah).status
                        == .notFound)
                #expect(try await w.store.deliveryLog(limit: 10).isEmpty)
                let audit = try await w.services.audit.entries(limit: 10)
                #expect(audit.filter { $0.action == "webhook.test" }.count == 3)
            }
        }
    }
}
