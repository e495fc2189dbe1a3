import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// `POST /api/v1/sync/salesforce`, the Settings form storing the client credentials, and the
/// shared log (issue 27 §1): admins only; the secret is never shown back.
@Suite("Salesforce sync API and Settings")
struct SalesforceSyncRouteTests {
    typealias F = SalesforceSyncFixture

    @Test(
        "admin only (403 for editors); dry_run sends nothing; no credentials → 409; the form stores them; a run writes, is logged and audited"
    )
    func syncAndSettings() async throws {
        let fake = FakeSalesforce(clientId: F.clientId, clientSecret: F.clientSecret)
        try await fake.application().test(.live) { salesforce in
            let instance = "http://127.0.0.1:\(try #require(salesforce.port))"
            let box = try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)
            let w = try await TestWorkspace.make(importFixture: false) { config in
                config.secretBox = box
                config.crmPause = RecordingPause()
            }
            defer { Task { await w.close() } }
            try await F.load(into: w.store)
            try await w.test { client in
                let editor = try await Browser.login(client, role: .editor)
                var eh = editor.headers
                eh[HTTPField.Name("X-CSRF-Token")!] = editor.csrf
                #expect(
                    try await client.execute(uri: "/api/v1/sync/salesforce?dry_run=true", method: .post, headers: eh)
                        .status == .forbidden)
                let editorForm = try await client.execute(
                    uri: "/settings/crm/salesforce/credentials", method: .post, headers: editor.form(editor.csrf),
                    body: ByteBuffer(string: "_csrf=\(editor.csrf)&instance_url=x&client_id=y&client_secret=z"))
                #expect(editorForm.status == .forbidden)

                let admin = try await Browser.login(client, role: .admin)
                var ah = admin.headers
                ah[HTTPField.Name("X-CSRF-Token")!] = admin.csrf
                #expect(
                    try await client.execute(uri: "/api/v1/sync/salesforce?contacts=yes", method: .post, headers: ah)
                        .status == .badRequest)
                let dry = try await client.execute(
                    uri: "/api/v1/sync/salesforce?dry_run=true&lang=en", method: .post, headers: ah)
                #expect(dry.status == .ok)
                let dryJSON = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: dry.body).utf8)) as? [String: Any])
                #expect((dryJSON["changes"] as? [Any])?.count == 3)
                #expect(dryJSON["accounts_without_salesforce_id"] as? Int == 1)
                #expect(fake.received.isEmpty)
                let none = try await client.execute(uri: "/api/v1/sync/salesforce", method: .post, headers: ah)
                #expect(none.status == .conflict && String(buffer: none.body).contains("--set-credentials"))

                // The Settings form: a bad instance URL is refused; then stored, sealed.
                func store(_ url: String) async throws -> TestResponse {
                    let form =
                        "_csrf=\(admin.csrf)&instance_url=\(url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&client_id=\(F.clientId)&client_secret=\(F.clientSecret)"
                    return try await client.execute(
                        uri: "/settings/crm/salesforce/credentials", method: .post, headers: admin.form(admin.csrf),
                        body: ByteBuffer(string: form))
                }
                #expect(try await store("http://evil.example.com").status == .badRequest)
                let saved = try await store(instance)
                #expect(saved.status == .seeOther && saved.headers[.location] == "/settings?saved=crm#crm-sync")
                let sealed = try #require(try await w.store.crmCredential(provider: "salesforce"))
                #expect(!sealed.contains(F.clientSecret))

                let sent = try await client.execute(uri: "/api/v1/sync/salesforce?lang=en", method: .post, headers: ah)
                #expect(sent.status == .ok && !String(buffer: sent.body).contains(F.clientSecret))
                #expect(fake.received.count == 1 && fake.received.first?.records == F.firstRun)
                let log = try await client.execute(uri: "/api/v1/sync/log", method: .get, headers: ah)
                let runs = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: log.body).utf8)) as? [[String: Any]])
                #expect(runs.map { $0["provider"] as? String } == ["salesforce", "salesforce"])
                #expect(runs.first?["records_sent"] as? Int == 3)
                let audit = try await w.services.audit.entries(limit: 5)
                #expect(audit.contains { $0.action == "crm.sync" && $0.target == "salesforce" })

                // The page: the instance and consumer key shown, the secret never; both providers' runs.
                let page = try await client.execute(
                    uri: "/settings", method: .get, headers: [.cookie: admin.cookie + "; kizashi_lang=en"])
                let html = String(buffer: page.body)
                #expect(html.contains("Salesforce write-back") && html.contains(instance))
                #expect(html.contains("consumer key \(F.clientId)") && !html.contains(F.clientSecret))
                #expect(
                    html.contains("action=\"/settings/crm/salesforce/sync\"") && html.contains("<td>Salesforce</td>"))
                let editorPage = try await client.execute(uri: "/settings", method: .get, headers: editor.headers)
                #expect(!String(buffer: editorPage.body).contains("crm/salesforce"))
            }
        }
        #expect(fake.problems.isEmpty)
    }
}
