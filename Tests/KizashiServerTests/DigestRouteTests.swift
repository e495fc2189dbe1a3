import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiCore
import KizashiServer
import Testing

/// Issue 24 §1 over HTTP: `/api/v1/digest` is the CLI's JSON byte for byte; bad parameters are a
/// 400 naming the field; a signed-out caller gets 401. The test server's today is 2026-09-30 (JST).
@Suite("Digest API")
struct DigestRouteTests {
    @Test("/api/v1/digest is byte-identical to `kizashi digest --format json`")
    func apiEqualsCLI() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        let cases: [(query: String, args: [String])] = [
            (
                "period=2026Q3&as_of=2026-09-30&lang=en",
                ["--period", "2026Q3", "--as-of", "2026-09-30", "--lang", "en"]
            ),
            // as_of defaults to the server's today, 2026-09-30: last-week = 09-23 … 09-29.
            (
                "period=last-week&tier=1&lang=ja",
                ["--period", "last-week", "--as-of", "2026-09-30", "--tier", "1", "--lang", "ja"]
            ),
            (
                "period=last-month&as_of=2026-09-15&lang=en",
                ["--period", "last-month", "--as-of", "2026-09-15", "--lang", "en"]
            ),
        ]
        try await w.test { client in
            let b = try await Browser.login(client, role: .viewer)
            for c in cases {
                // The CLI first: it trains (and stores) the day's ranking, which the server then reuses.
                let (status, cli, err) = try CLI.run(["digest", "--db", w.path, "--format", "json"] + c.args)
                #expect(status == 0, "\(err)")
                let r = try await client.execute(uri: "/api/v1/digest?\(c.query)", method: .get, headers: b.headers)
                #expect(r.status == .ok, "\(c.query)")
                #expect(String(buffer: r.body) == cli, "\(c.query)")
                #expect(cli.contains("\"previous_period\"") && cli.contains("\"approach_now\""))
            }
            for bad in [
                "period=last-year", "period=2026Q5", "tier=4", "lang=fr", "as_of=2026-13-01",
                // After today, and 367 days before it (366 is the reach).
                "as_of=2026-10-01", "as_of=2025-09-28",
            ] {
                let r = try await client.execute(uri: "/api/v1/digest?\(bad)", method: .get, headers: b.headers)
                #expect(r.status == .badRequest, "\(bad)")
            }
            let ok = try await client.execute(uri: "/api/v1/digest?as_of=2025-09-29", method: .get, headers: b.headers)
            #expect(ok.status == .ok)
        }
    }

    @Test("signed out: 401")
    func signedOut() async throws {
        let w = try await TestWorkspace.make()
        defer { Task { await w.close() } }
        try await w.test { client in
            let api = try await client.execute(uri: "/api/v1/digest", method: .get, headers: [:])
            #expect(api.status == .unauthorized)
        }
    }
}
