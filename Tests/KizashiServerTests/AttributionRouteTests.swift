import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import Testing

/// Issue 21 over HTTP: the API's JSON is the CLI's, the "施策の効果 / Campaign impact" page, the
/// account journey, the overview's link, and a settings change reaching the next report.
@Suite("Attribution API and pages")
struct AttributionRouteTests {
    @Test("/api/v1/attribution is byte-identical to `kizashi attribution --format json`")
    func apiEqualsCLI() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let cases: [(query: String, args: [String])] = [
            ("period=2026Q3", ["--period", "2026Q3"]),
            ("period=2026Q3&tier=1", ["--period", "2026Q3", "--tier", "1"]),
            ("start=2026-08-15&end=2026-10-01", ["--start", "2026-08-15", "--end", "2026-10-01"]),
            ("period=2026Q3&model=markov&by=channel", ["--period", "2026Q3", "--model", "markov"]),
        ]
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            // The page first: the API then answers from the cached report.
            #expect(
                try await client.execute(uri: "/campaigns?period=2026Q3", method: .get, headers: b.headers).status
                    == .ok)
            for c in cases {
                let r = try await client.execute(
                    uri: "/api/v1/attribution?\(c.query)", method: .get, headers: b.headers)
                #expect(r.status == .ok, "\(c.query)")
                let (status, cli, err) = try CLI.run(["attribution", "--db", w.path, "--format", "json"] + c.args)
                #expect(status == 0, "\(err)")
                #expect(String(buffer: r.body) == cli, "\(c.query)")
                #expect(cli.contains("\"removal_effects\""))
            }
            for bad in ["model=best", "by=region", "tier=4", "period=2026Q5"] {
                let r = try await client.execute(uri: "/api/v1/attribution?\(bad)", method: .get, headers: b.headers)
                #expect(r.status == .badRequest, "\(bad)")
            }
            let yaml = String(
                buffer: try await client.execute(uri: "/api/openapi.yaml", method: .get, headers: b.headers).body)
            #expect(yaml.contains("\n  /api/v1/attribution:\n") && yaml.contains("AttributionReport:"))
        }
    }

    @Test("signed out: the API says 401, the page sends to the login")
    func signedOut() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let api = try await client.execute(uri: "/api/v1/attribution", method: .get, headers: [:])
            #expect(api.status == .unauthorized)
            let page = try await client.execute(uri: "/campaigns", method: .get, headers: [:])
            #expect(page.status != .ok)
        }
    }

    @Test("the page: model tabs, sortable tables per campaign and channel, the chart, removal effects, JA and EN")
    func page() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        // A touch of CMP1 before C1's O1 (created 07-10), so the model chart has a campaign to draw.
        try await w.store.transaction { tx in
            try await tx.upsert(activities: [
                Activity(
                    id: "ATTR1",
                    occurredAt: WorkspaceTimeZone.tokyo.instant(
                        localDay: Day(iso: "2026-07-01")!, secondsOfDay: 36_000),
                    type: .adClick, companyId: "C1", campaignId: "CMP1")
            ])
        }
        await w.services.changed()
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            let en = String(
                buffer: try await client.execute(
                    uri: "/campaigns?period=2026Q3&model=first_touch&sort=roi&order=asc", method: .get,
                    headers: b.headers
                ).body)
            #expect(en.contains("<h1>Campaign impact</h1>"))
            #expect(en.contains("href=\"/campaigns\" aria-current=\"page\""))
            #expect(en.contains("id=\"by-campaign\"") && en.contains("id=\"by-channel\""))
            #expect(en.contains("aria-sort=\"ascending\""))
            #expect(en.contains("model=first_touch&amp;sort=roi&amp;order=desc"))
            #expect(en.contains("<svg class=\"models\""))
            #expect(en.contains("removal effect"))
            #expect(en.contains("CMP1"))
            let ja = try await client.execute(
                uri: "/campaigns?period=2026Q3", method: .get, headers: [.cookie: b.cookie + "; kizashi_lang=ja"])
            let jaText = String(buffer: ja.body)
            #expect(jaText.contains("<h1>施策の効果</h1>") && jaText.contains("除去効果"))
            for bad in ["model=best", "sort=size", "order=up"] {
                let r = try await client.execute(uri: "/campaigns?\(bad)", method: .get, headers: b.headers)
                #expect(r.status == .badRequest, "\(bad)")
            }
            // The overview's ROI card links here with the same period.
            let overview = String(
                buffer: try await client.execute(uri: "/?period=2026Q3", method: .get, headers: b.headers).body)
            #expect(overview.contains("href=\"/campaigns?period=2026Q3\""))
        }
    }

    @Test("the account page shows its journey with credits under the chosen model")
    func journey() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for model in AttributionModel.allCases {
                let r = try await client.execute(
                    uri: "/accounts/C1?model=\(model.rawValue)", method: .get, headers: b.headers)
                #expect(r.status == .ok, "\(model)")
                let html = String(buffer: r.body)
                #expect(html.contains("id=\"journey\""))
                #expect(html.contains("model=\(model.rawValue)#journey\" aria-current=\"page\""))
            }
            let bad = try await client.execute(uri: "/accounts/C1?model=best", method: .get, headers: b.headers)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("a settings change from the Settings page reaches the next report (the cache is dropped)")
    func settingsReachReport() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let editor = try await Browser.login(client, role: .editor)
            let before = String(
                buffer: try await client.execute(
                    uri: "/api/v1/attribution?period=2026Q3", method: .get, headers: editor.headers
                ).body)
            #expect(before.contains("\"lookback_days\": 90"))
            let settings = String(
                buffer: try await client.execute(uri: "/settings", method: .get, headers: editor.headers).body)
            #expect(settings.contains("attribution.lookback_days") && settings.contains("attribution.touch_types"))
            let post = try await client.execute(
                uri: "/settings/parameters", method: .post, headers: editor.form(editor.csrf),
                body: ByteBuffer(string: "attribution.lookback_days=30"))
            #expect(post.status == .seeOther)
            let after = String(
                buffer: try await client.execute(
                    uri: "/api/v1/attribution?period=2026Q3", method: .get, headers: editor.headers
                ).body)
            #expect(after.contains("\"lookback_days\": 30"))
            let refused = try await client.execute(
                uri: "/settings/parameters", method: .post, headers: editor.form(editor.csrf),
                body: ByteBuffer(string: "attribution.touch_types=web_visit,phone_call"))
            #expect(refused.status == .badRequest)
        }
    }
}
