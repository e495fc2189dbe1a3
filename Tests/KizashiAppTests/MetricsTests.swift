import Foundation
import KizashiApp
import Testing

/// Issue 22 §4: `/metrics` is scraped from a real server.
@Suite("Prometheus metrics", .serialized)
struct MetricsTests {
    @Test("/metrics needs its token and shows requests by route and status, events and the read model")
    func scrape() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let (_, tokenOut, _) = try CLI.run(["token", "create", "--name", "m", "--role", "editor", "--db", db])
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        let scrape = "scrape-token-0123456789"
        let server = try ServeProcess(db: db, arguments: ["--metrics-token", scrape])
        #expect(try await server.waitUntilReady())
        _ = try await server.request("GET", "/api/v1/kpis?period=2026Q3", token: token)
        let events =
            #"[{"type":"track","messageId":"m1","userId":"u1","event":"Content Viewed","context":{"groupId":"C1"}},{"type":"nope"}]"#
        _ = try await server.request(
            "POST", "/api/v1/events", token: token, headers: ["Content-Type": "application/json"],
            body: Data(events.utf8))
        let (anonymous, _) = try await server.request("GET", "/metrics")
        #expect(anonymous == 401)
        let (wrong, _) = try await server.request("GET", "/metrics", token: "not-the-scrape-token")
        #expect(wrong == 401)
        let (status, text) = try await server.request("GET", "/metrics", token: scrape)
        #expect(status == 200, "\(text)")
        #expect(text.contains("http_requests_total") || text.contains("hb_requests"), "\(text.prefix(2000))")
        #expect(text.contains("/api/v1/kpis"))
        #expect(text.contains("kizashi_events_accepted_total 1"))
        #expect(text.contains("kizashi_events_rejected_total 1"))
        #expect(text.contains("kizashi_read_model_load_seconds"))
        server.kill()
    }
}
