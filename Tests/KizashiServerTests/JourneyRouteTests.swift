import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import Testing

/// Issue 26 over HTTP: `/api/v1/journey` is the CLI's JSON byte for byte, the journey page draws
/// its flow in both languages, and a signed-out caller gets nothing.
@Suite("Journey API and page")
struct JourneyRouteTests {
    @Test("/api/v1/journey is byte-identical to `kizashi journey --format json`")
    func apiEqualsCLI() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let cases: [(query: String, args: [String])] = [
            ("period=2026Q3", ["--period", "2026Q3"]),
            ("period=2026Q3&tier=1", ["--period", "2026Q3", "--tier", "1"]),
            ("start=2026-08-15&end=2026-10-01", ["--start", "2026-08-15", "--end", "2026-10-01"]),
        ]
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for c in cases {
                let r = try await client.execute(uri: "/api/v1/journey?\(c.query)", method: .get, headers: b.headers)
                #expect(r.status == .ok, "\(c.query)")
                let (status, cli, err) = try CLI.run(["journey", "--db", w.path, "--format", "json"] + c.args)
                #expect(status == 0, "\(err)")
                #expect(String(buffer: r.body) == cli, "\(c.query)")
                #expect(cli.contains("\"transitions\"") && cli.contains("\"median_method\""))
            }
            for bad in [
                "tier=4", "period=2026Q5", "start=2026-10-01&end=2026-09-01",
                // Longer than 366 days: one stage per account per day would grow without bound.
                "start=2016-01-01&end=2026-01-01", "start=2025-01-01&end=2026-01-03",
            ] {
                let r = try await client.execute(uri: "/api/v1/journey?\(bad)", method: .get, headers: b.headers)
                #expect(r.status == .badRequest, "\(bad)")
            }
            let (status, csv, _) = try CLI.run(["journey", "--db", w.path, "--period", "2026Q3", "--format", "csv"])
            #expect(status == 0)
            #expect(csv.hasPrefix("tier,figure,stage,to,value\n"))
        }
    }

    @Test("signed out: the API says 401, the page does not render")
    func signedOut() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let api = try await client.execute(uri: "/api/v1/journey", method: .get, headers: [:])
            #expect(api.status == .unauthorized)
            let page = try await client.execute(uri: "/journey", method: .get, headers: [:])
            #expect(page.status != .ok)
        }
    }

    @Test("the page: the flow SVG, the tables and the navigation, in Japanese and English")
    func page() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for (lang, words) in [
                ("ja", ["ジャーニー", "期初", "ステップ転換率"]), ("en", ["Journey", "At start", "Step conversion"]),
            ] {
                let r = try await client.execute(
                    uri: "/journey?period=2026Q3&tier=2", method: .get,
                    headers: [.cookie: b.cookie + "; kizashi_lang=\(lang)"])
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                #expect(html.contains("<html lang=\"\(lang)\""))
                #expect(html.contains("<svg class=\"flow\""))
                #expect(html.contains("href=\"/journey\" aria-current=\"page\""))
                for word in words { #expect(html.contains(word), "\(lang): \(word)") }
            }
        }
    }
}

extension JourneyRouteTests {
    @Test("the account page shows the stage today, its step line, the change days and the buying group")
    func accountHistory() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for (lang, words) in [
                ("ja", ["ジャーニーステージの履歴", "現在のステージ", "購買グループのカバー状況"]),
                ("en", ["Journey stage history", "Stage today", "Buying group coverage"]),
            ] {
                let r = try await client.execute(
                    uri: "/accounts/C1", method: .get, headers: [.cookie: b.cookie + "; kizashi_lang=\(lang)"])
                #expect(r.status == .ok)
                let html = String(buffer: r.body)
                #expect(html.contains("<svg class=\"history stages\""))
                for word in words { #expect(html.contains(word), "\(lang): \(word)") }
            }
        }
    }
}
