import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import NIOConcurrencyHelpers
import Testing

/// Routed to the owner (issue 27 §3), through the server: the API and Settings manage the route
/// map (admins only, audited) and an alert reaches exactly the team's webhook and its owner's.
///
/// The hand-worked fixture's targets: C1 belongs to 佐藤, C3 and C5 to 鈴木, C6 to 高橋 (on
/// 2026-09-30). P1 (C1's decision maker) submitting a form makes 3 alerts about C1 (score crossing
/// 60, momentum, high intent: see AlertTests.deliveryWithRetry).
@Suite("Owner routing: API, Settings and alert delivery", .serialized)
struct OwnerRouteRouteTests {
    static func json(_ r: TestResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: r.body)) }

    @Test("an alert about 佐藤's account goes to the team webhook and 佐藤's, never to 鈴木's; the log names 佐藤")
    func alertsRouted() async throws {
        let clock = TestClock(TestWorkspace.now)
        let w = try await TestWorkspace.make(clock: clock)
        defer { Task { await w.close() } }
        let received = NIOLockedValueBox<[(path: String, body: String)]>([])
        let receiver = Router()
        for path in ["/team", "/sato", "/suzuki"] {
            receiver.post(RouterPath(path)) { request, _ -> HTTPResponse.Status in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                received.withLockedValue { $0.append((path, body)) }
                return .ok
            }
        }
        try await Application(router: receiver).test(.live) { hookClient in
            let base = "http://127.0.0.1:\(hookClient.port!)"
            _ = try await w.store.addWebhook(url: base + "/team", kind: .generic, secret: "team-secret", now: clock.now)
            let suzuki = try await w.store.addWebhook(
                url: base + "/suzuki", kind: .slack, secret: "suzuki-secret", now: clock.now)
            let (admin, _) = try await w.services.access.createToken(name: "a", role: .admin, now: clock.now)
            let (editor, _) = try await w.services.access.createToken(name: "e", role: .editor, now: clock.now)
            let h: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
            try await w.test { client in
                // 佐藤: a Slack URL, registered as a new webhook; 鈴木: the existing webhook by number.
                let sato = try await client.execute(
                    uri: "/api/v1/owner-routes", method: .put, headers: h,
                    body: ByteBuffer(
                        string: #"{"owner":" 佐藤 ","webhook":"\#(base)/sato","emails":["sato@example.co.jp"]}"#))
                #expect(sato.status == .ok)
                let satoJSON = try Self.json(sato) as? [String: Any]
                #expect(satoJSON?["owner"] as? String == "佐藤")
                #expect(satoJSON?["webhook_kind"] as? String == "slack")
                #expect(satoJSON?["accounts"] as? Int == 1)  // C1
                #expect((satoJSON?["webhook_secret"] as? String)?.isEmpty == false)
                let suzukiRoute = try await client.execute(
                    uri: "/api/v1/owner-routes", method: .put, headers: h,
                    body: ByteBuffer(string: #"{"owner":"鈴木","webhook":\#(suzuki.id)}"#))
                #expect(suzukiRoute.status == .ok)
                #expect((try Self.json(suzukiRoute) as? [String: Any])?["accounts"] as? Int == 2)  // C3, C5
                let event = try await client.execute(
                    uri: "/api/v1/events", method: .post,
                    headers: [.authorization: "Bearer \(editor)", .contentType: "application/json"],
                    body: ByteBuffer(string: AlertTests.formEvent))
                #expect(event.status == .ok)
            }
            try await w.services.alerts.processPending()
            // 3 alerts × (team + 佐藤's webhook) = 6 deliveries; 鈴木's webhook none.
            #expect(try await w.services.alerts.deliverDue() == 6)
            let got = received.withLockedValue { $0 }
            #expect(got.filter { $0.path == "/team" }.count == 3)
            #expect(got.filter { $0.path == "/sato" }.count == 3)
            #expect(got.filter { $0.path == "/suzuki" }.isEmpty)
            // 佐藤's webhook is Slack: the text names C1 (株式会社アルファ).
            for b in got where b.path == "/sato" {
                let text =
                    (try JSONSerialization.jsonObject(with: Data(b.body.utf8)) as? [String: Any])?["text"] as? String
                #expect(text?.contains("株式会社アルファ") == true)
            }
            try await w.test { client in
                let log = try await client.execute(
                    uri: "/api/v1/alerts/deliveries", method: .get, headers: [.authorization: "Bearer \(admin)"])
                let rows = try #require(try Self.json(log) as? [[String: Any]])
                #expect(rows.count == 6)
                #expect(rows.filter { $0["route_owner"] as? String == "佐藤" }.count == 3)
                #expect(rows.filter { $0["route_owner"] is NSNull }.count == 3)
            }
        }
    }

    @Test("admins only; bad input refused with 422 naming the field; list and remove; every change audited")
    func api() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let (admin, _) = try await w.services.access.createToken(name: "a", role: .admin, now: TestWorkspace.now)
        let (editor, _) = try await w.services.access.createToken(name: "e", role: .editor, now: TestWorkspace.now)
        let a: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
        let e: HTTPFields = [.authorization: "Bearer \(editor)", .contentType: "application/json"]
        try await w.test { client in
            let body = #"{"owner":"佐藤","emails":["sato@example.co.jp"]}"#
            #expect(
                try await client.execute(uri: "/api/v1/owner-routes", method: .get, headers: e).status == .forbidden)
            #expect(
                try await client.execute(
                    uri: "/api/v1/owner-routes", method: .put, headers: e, body: ByteBuffer(string: body)
                ).status == .forbidden)
            #expect(
                try await client.execute(
                    uri: "/api/v1/owner-routes?owner=%E4%BD%90%E8%97%A4", method: .delete, headers: e
                )
                .status == .forbidden)
            #expect(try await w.store.ownerRoutes().isEmpty)

            for (bad, field) in [
                (#"{"owner":"佐藤","webhook":42}"#, "webhook"),
                (#"{"owner":"佐藤","webhook":"42"}"#, "webhook"),
                (#"{"owner":"佐藤","emails":["not an address"]}"#, "emails"),
                (#"{"owner":"\#(String(repeating: "x", count: 121))","emails":["a@example.com"]}"#, "owner"),
                (#"{"owner":"佐藤","webhook":"ftp://hooks.example.com/x"}"#, "webhook"),
                (#"{"owner":"佐藤"}"#, "webhook"),
            ] {
                let r = try await client.execute(
                    uri: "/api/v1/owner-routes", method: .put, headers: a, body: ByteBuffer(string: bad))
                #expect(r.status == .unprocessableContent, "\(bad)")
                #expect((try Self.json(r) as? [String: Any])?["field"] as? String == field, "\(bad)")
            }
            for (bad, field) in [(#"{"owner":"佐藤","emails":"a@example.com"}"#, "emails"), (#"{"emails":[]}"#, "owner")]
            {
                let r = try await client.execute(
                    uri: "/api/v1/owner-routes", method: .put, headers: a, body: ByteBuffer(string: bad))
                #expect(r.status == .badRequest, "\(bad)")
                #expect((try Self.json(r) as? [String: Any])?["field"] as? String == field, "\(bad)")
            }
            #expect(try await w.store.ownerRoutes().isEmpty)
            #expect(try await w.store.webhooks().isEmpty, "the refused URL was not registered")

            let put = try await client.execute(
                uri: "/api/v1/owner-routes", method: .put, headers: a, body: ByteBuffer(string: body))
            #expect(put.status == .ok)
            let list = try await client.execute(uri: "/api/v1/owner-routes", method: .get, headers: a)
            let rows = try #require(try Self.json(list) as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["owner"] as? String == "佐藤")
            #expect(rows[0]["emails"] as? [String] == ["sato@example.co.jp"] && rows[0]["webhook_id"] is NSNull)
            #expect(
                try await client.execute(uri: "/api/v1/owner-routes?owner=nobody", method: .delete, headers: a).status
                    == .notFound)
            #expect(
                try await client.execute(
                    uri: "/api/v1/owner-routes?owner=%E4%BD%90%E8%97%A4", method: .delete, headers: a
                )
                .status == .noContent)
            #expect(try await w.store.ownerRoutes().isEmpty)
        }
        let audit = try await w.store.auditEntries(before: nil, limit: 100).map(\.action)
        #expect(audit.filter { $0 == "owner_route.set" }.count == 1)
        #expect(audit.filter { $0 == "owner_route.remove" }.count == 1)
    }

    @Test("Settings: an admin sets and removes a route with the form; a bad address comes back named; editors 403")
    func settingsForm() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let admin = try await Browser.login(client, role: .admin)
            let set = try await client.execute(
                uri: "/settings/owner-routes", method: .post, headers: admin.form(),
                body: ByteBuffer(
                    string: "owner=%E9%88%B4%E6%9C%A8&webhook=&emails=suzuki%40example.co.jp&_csrf=\(admin.csrf)"))
            #expect(set.status == .seeOther)
            #expect(
                try await w.store.ownerRoutes() == [
                    OwnerRoute(owner: "鈴木", webhookId: nil, emails: ["suzuki@example.co.jp"])
                ])
            let page = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: admin.headers).body)
            #expect(page.contains("id=\"owner-routes\"") && page.contains("suzuki@example.co.jp"))
            let bad = try await client.execute(
                uri: "/settings/owner-routes", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "owner=x&emails=nope&_csrf=\(admin.csrf)"))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("emails: nope is not a plain e-mail address"))
            let editor = try await Browser.login(client, role: .editor)
            let refused = try await client.execute(
                uri: "/settings/owner-routes/remove", method: .post, headers: editor.form(),
                body: ByteBuffer(string: "owner=%E9%88%B4%E6%9C%A8&_csrf=\(editor.csrf)"))
            #expect(refused.status == .forbidden)
            let removed = try await client.execute(
                uri: "/settings/owner-routes/remove", method: .post, headers: admin.form(),
                body: ByteBuffer(string: "owner=%E9%88%B4%E6%9C%A8&_csrf=\(admin.csrf)"))
            #expect(removed.status == .seeOther)
            #expect(try await w.store.ownerRoutes().isEmpty)
        }
    }
}
