import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// `POST /api/v1/sync/hubspot` and `GET /api/v1/sync/log` (issue 27 §1): admins only, a dry run
/// sends nothing, without a stored token a real run is refused (409), with one it writes to the fake.
@Suite("CRM sync API")
struct CRMSyncRouteTests {
    /// While the schedule's HubSpot run sends (held open here through the server's gate), a run
    /// from the API or Settings is refused with who started it (409) and sends nothing; a dry run
    /// (it sends nothing) and the other CRM are not held; once the run ends, the API runs again.
    @Test("one run per CRM: the API and Settings are refused while the schedule's run sends")
    func busy() async throws {
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { hubspot in
            let box = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
            let w = try await TestWorkspace.make(importFixture: false) { config in
                config.hubSpotBaseURL = "http://127.0.0.1:\(hubspot.port ?? 0)"
                config.secretBox = box
                config.crmPause = RecordingPause()
            }
            defer { Task { await w.close() } }
            try await HubSpotSyncFixture.load(into: w.store)
            try await HubSpotCredentials(store: w.store, box: box).set(
                HubSpotSyncFixture.token, at: HubSpotSyncFixture.now)
            let (release, releaser) = AsyncStream<Void>.makeStream()
            let gate = w.services.crmSyncGate
            let held = Task {
                try await gate.exclusive("hubspot", by: "the schedule (server-a)", at: TestWorkspace.now, wait: false) {
                    for await _ in release { break }
                }
            }
            while await gate.current("hubspot") == nil { try await Task.sleep(for: .milliseconds(5)) }
            try await w.test { client in
                let admin = try await Browser.login(client, role: .admin)
                var ah = admin.headers
                ah[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
                let refused = try await client.execute(uri: "/api/v1/sync/hubspot", method: .post, headers: ah)
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("already running (started by the schedule (server-a)"))
                let page = try await client.execute(
                    uri: "/settings/crm/hubspot/sync", method: .post, headers: admin.form(admin.csrf),
                    body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
                #expect(page.status == .conflict)
                #expect(String(buffer: page.body).contains("already running"))
                #expect(fake.received.isEmpty)
                let dry = try await client.execute(uri: "/api/v1/sync/hubspot?dry_run=true", method: .post, headers: ah)
                #expect(dry.status == .ok)
                let other = try await client.execute(uri: "/api/v1/sync/salesforce", method: .post, headers: ah)
                #expect(!String(buffer: other.body).contains("already running"))

                releaser.yield()
                try await held.value
                let sent = try await client.execute(uri: "/api/v1/sync/hubspot", method: .post, headers: ah)
                #expect(sent.status == .ok)
                #expect(fake.received.count == 1)
            }
        }
    }

    @Test("admin only; dry_run sends nothing; no token → 409; a run writes and is logged and audited")
    func syncAndLog() async throws {
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        try await fake.application().test(.live) { hubspot in
            let base = "http://127.0.0.1:\(try #require(hubspot.port))"
            let box = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
            let w = try await TestWorkspace.make(importFixture: false) { config in
                config.hubSpotBaseURL = base
                config.secretBox = box
                config.crmPause = RecordingPause()
            }
            defer { Task { await w.close() } }
            try await HubSpotSyncFixture.load(into: w.store)
            try await w.test { client in
                let editor = try await Browser.login(client, role: .editor)
                var eh = editor.headers
                eh[HTTPField.Name("X-CSRF-Token")!] = editor.csrf
                #expect(
                    try await client.execute(uri: "/api/v1/sync/hubspot?dry_run=true", method: .post, headers: eh)
                        .status == .forbidden)
                #expect(
                    try await client.execute(uri: "/api/v1/sync/log", method: .get, headers: eh).status == .forbidden)

                let admin = try await Browser.login(client, role: .admin)
                var ah = admin.headers
                ah[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
                #expect(
                    try await client.execute(uri: "/api/v1/sync/hubspot?dry_run=maybe", method: .post, headers: ah)
                        .status == .badRequest)
                let dry = try await client.execute(
                    uri: "/api/v1/sync/hubspot?dry_run=true&lang=en", method: .post, headers: ah)
                #expect(dry.status == .ok)
                let dryJSON = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: dry.body).utf8)) as? [String: Any])
                #expect((dryJSON["changes"] as? [Any])?.count == 3)
                #expect((dryJSON["run"] as? [String: Any])?["status"] as? String == "dry_run")
                #expect(fake.received.isEmpty)
                // No token stored yet: refused, nothing sent.
                let noToken = try await client.execute(uri: "/api/v1/sync/hubspot", method: .post, headers: ah)
                #expect(noToken.status == .conflict)
                #expect(String(buffer: noToken.body).contains("--set-token"))
                try await HubSpotCredentials(store: w.store, box: box).set(
                    HubSpotSyncFixture.token, at: HubSpotSyncFixture.now)
                let sent = try await client.execute(uri: "/api/v1/sync/hubspot?lang=en", method: .post, headers: ah)
                #expect(sent.status == .ok)
                #expect(!String(buffer: sent.body).contains(HubSpotSyncFixture.token))
                #expect(fake.received.count == 1 && fake.received.first?.inputs == HubSpotSyncFixture.firstRun)
                let log = try await client.execute(uri: "/api/v1/sync/log", method: .get, headers: ah)
                let runs = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: log.body).utf8)) as? [[String: Any]])
                #expect(runs.map { $0["status"] as? String } == ["ok", "dry_run"])
                #expect(runs.first?["records_sent"] as? Int == 3)
                let audit = try await w.services.audit.entries(limit: 5)
                #expect(audit.contains { $0.action == "crm.sync" && $0.actor == "admin@example.com" })

                // A run HubSpot partly refuses, then the Settings section: the runs and the refused
                // record for the admin, never the token; nothing for an editor.
                try await HubSpotSyncFixture.addHS102Surge(w.store)
                await w.services.changed()  // as an import through the server does
                fake.queue(.multiStatus(failing: ["102"]))
                #expect(
                    try await client.execute(uri: "/api/v1/sync/hubspot?lang=en", method: .post, headers: ah).status
                        == .ok)
                let page = try await client.execute(
                    uri: "/settings", method: .get, headers: [.cookie: admin.cookie + "; kizashi_lang=en"])
                let html = String(buffer: page.body)
                #expect(html.contains("id=\"crm-sync\"") && html.contains("HubSpot write-back"))
                #expect(html.contains("Private-app token: stored (encrypted)"))
                #expect(html.contains("some refused (retried next run)") && html.contains("1 / 0 / 1"))
                #expect(html.contains("refused companies 102: OBJECT_NOT_FOUND"))
                #expect(html.contains("3 / 3 / 0") && html.contains("dry run"))
                #expect(!html.contains(HubSpotSyncFixture.token))
                let editorPage = try await client.execute(uri: "/settings", method: .get, headers: editor.headers)
                #expect(!String(buffer: editorPage.body).contains("crm-sync"))

                // The section's buttons: admins only; a dry run is logged and sends nothing.
                #expect(html.contains("action=\"/settings/crm/hubspot/dry-run\"") && html.contains("Sync now"))
                let sentBefore = fake.received.count
                let editorTry = try await client.execute(
                    uri: "/settings/crm/hubspot/sync", method: .post, headers: editor.form(editor.csrf),
                    body: ByteBuffer(string: "_csrf=\(editor.csrf)"))
                #expect(editorTry.status == .forbidden)
                let button = try await client.execute(
                    uri: "/settings/crm/hubspot/dry-run", method: .post, headers: admin.form(admin.csrf),
                    body: ByteBuffer(string: "_csrf=\(admin.csrf)"))
                #expect(button.status == .seeOther)
                #expect(button.headers[.location] == "/settings?saved=crm#crm-sync")
                #expect(fake.received.count == sentBefore)
                #expect(try await w.store.crmSyncRuns(limit: 1).first?.status == .dryRun)
            }
        }
        #expect(fake.problems.isEmpty)
    }
}
