import Foundation
import Testing

/// Issue 22 §4: `kizashi serve` sends traces over OTLP/HTTP only when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set; spans are named by route and carry none of the secrets a client sent.
@Suite("OpenTelemetry traces", .serialized)
struct TraceExportTests {
    /// A workspace with the hand-worked fixture and an API token of an editor.
    func workspace() throws -> (db: String, token: String) {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let (_, out, _) = try CLI.run(["token", "create", "--name", "t", "--role", "editor", "--db", db])
        return (db, out.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("A request's span reaches the collector named by its route, without its path, query, cookie or token")
    func exportsRouteSpans() async throws {
        let (db, token) = try workspace()
        let collector = FakeOTLPCollector()
        try await collector.start()
        defer { Task { await collector.stop() } }
        let service = "kizashi-trace-test-\(UUID().uuidString.prefix(8))"
        let server = try ServeProcess(
            db: db,
            environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(collector.port)",
                "OTEL_SERVICE_NAME": service,
                // Export every 100 ms instead of every 5 s, so the test does not wait.
                "OTEL_BSP_SCHEDULE_DELAY": "100",
            ])
        #expect(try await server.waitUntilReady())
        #expect(
            server.standardError.contains(
                "Exporting traces (OTLP, http/protobuf) to http://127.0.0.1:\(collector.port)"))
        let querySecret = "QUERYSECRET-\(UUID().uuidString)"
        let cookieSecret = "COOKIESECRET-\(UUID().uuidString)"
        let headerSecret = "HEADERSECRET-\(UUID().uuidString)"
        let (status, body) = try await server.request(
            "GET", "/api/v1/accounts/C1?access_token=\(querySecret)", token: token,
            headers: ["Cookie": "kizashi_session=\(cookieSecret)", "X-Api-Key": headerSecret])
        #expect(status == 200, "\(body)")
        // A failing request: the problem's text may quote the id; the span must not.
        let missing = "NOSUCHACCOUNT\(UUID().uuidString.prefix(8))"
        let (notFound, _) = try await server.request(
            "GET", "/api/v1/accounts/\(missing)?q=\(querySecret)", token: token)
        #expect(notFound == 404)

        let arrived = try await collector.waitFor { $0.contains("/api/v1/accounts/{id}") }
        #expect(arrived, "no span named /api/v1/accounts/{id} in \(collector.requests.count) export(s)")
        let exports = collector.requests
        #expect(exports.allSatisfy { $0.method == "POST" && $0.uri == "/v1/traces" })
        #expect(exports.allSatisfy { $0.contentType == "application/x-protobuf" })
        #expect(exports.contains { $0.contains(service) }, "service.name is the OTEL_SERVICE_NAME")
        for secret in [token, querySecret, cookieSecret, headerSecret, "/api/v1/accounts/C1", missing, "access_token"] {
            #expect(!exports.contains { $0.contains(secret) }, "\(secret) leaked into a trace export")
        }
        #expect(server.terminate(within: 20))
    }

    @Test("Without OTEL_EXPORTER_OTLP_ENDPOINT no exporter runs: nothing reaches the default collector port")
    func offWithoutEndpoint() async throws {
        let (db, token) = try workspace()
        // swift-otel's default OTLP/HTTP endpoint is localhost:4318; listen there if the port is free.
        let collector = FakeOTLPCollector()
        let listening = (try? await collector.start(port: 4318)) != nil
        defer { Task { await collector.stop() } }
        let server = try ServeProcess(
            db: db,
            environment: [
                // Set but empty (as unset), and the other variables alone turn nothing on.
                "OTEL_EXPORTER_OTLP_ENDPOINT": "", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "",
                "OTEL_SERVICE_NAME": "kizashi-off", "OTEL_BSP_SCHEDULE_DELAY": "100",
            ])
        #expect(try await server.waitUntilReady())
        let (status, _) = try await server.request("GET", "/api/v1/accounts/C1", token: token)
        #expect(status == 200)
        try await Task.sleep(for: .milliseconds(600))
        #expect(server.terminate(within: 20))
        #expect(!server.standardError.contains("Exporting traces"))
        if listening {
            #expect(collector.requests.isEmpty, "\(collector.requests.map(\.uri))")
        }
    }

    @Test("An unreachable collector is a warning in the log: requests are answered and SIGTERM still stops the server")
    func unreachableCollector() async throws {
        let (db, token) = try workspace()
        // A port that was just free: nothing listens there.
        let probe = FakeOTLPCollector()
        try await probe.start()
        let closedPort = probe.port
        await probe.stop()
        let server = try ServeProcess(
            db: db,
            environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(closedPort)", "OTEL_BSP_SCHEDULE_DELAY": "100",
            ])
        #expect(try await server.waitUntilReady())
        for _ in 0..<5 {
            let (status, _) = try await server.request("GET", "/api/v1/accounts/C1", token: token)
            #expect(status == 200)
        }
        #expect(try await server.waitFor("Failed to export batch", seconds: 30), "\(server.standardError)")
        let (after, _) = try await server.request("GET", "/healthz")
        #expect(after == 200)
        let start = Date()
        #expect(server.terminate(within: 20))
        #expect(Date().timeIntervalSince(start) < 15)
    }
}
