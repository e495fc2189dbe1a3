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
        let collectorKey = "COLLECTORKEY-\(UUID().uuidString)"
        let server = try ServeProcess(
            db: db, arguments: ["--log-level", "info"],
            environment: [
                // The collector's credentials: sent to it, never written to the log.
                "OTEL_EXPORTER_OTLP_HEADERS": "x-collector-key=\(collectorKey)",
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
            headers: [
                "Cookie": "kizashi_session=\(cookieSecret)", "X-Api-Key": headerSecret,
                // An outside parent: not believed, the span stays a root of its own trace.
                "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ])
        #expect(status == 200, "\(body)")
        // A failing request: the problem's text may quote the id; the span must not.
        let missing = "NOSUCHACCOUNT\(UUID().uuidString.prefix(8))"
        let (notFound, _) = try await server.request(
            "GET", "/api/v1/accounts/\(missing)?q=\(querySecret)", token: token)
        #expect(notFound == 404)

        // Child spans of the use cases: an event batch, an import and (the KPI report) a read-model load.
        let events =
            #"[{"type":"track","messageId":"m1","userId":"u1","event":"Content Viewed","context":{"groupId":"C1"}}]"#
        let (accepted, _) = try await server.request(
            "POST", "/api/v1/events", token: token, headers: ["Content-Type": "application/json"],
            body: Data(events.utf8))
        #expect(accepted == 200)
        let csv =
            "company_id,name,corporate_number,domain,industry,employees,annual_revenue,country,region,updated_on,verified_on\n"
            + "C900,株式会社トレース,,trace.example,IT,10,1000000,JP,東京都,2026-06-01,\n"
        let (imported, importBody) = try await server.request(
            "POST", "/api/v1/imports?entity=companies", token: token, headers: ["Content-Type": "text/csv"],
            body: Data(csv.utf8))
        #expect(imported == 200, "\(importBody)")
        let (kpis, _) = try await server.request("GET", "/api/v1/kpis?period=2026Q3", token: token)
        #expect(kpis == 200)

        for name in [
            "/api/v1/accounts/{id}", "/api/v1/events", "/api/v1/imports", "kizashi.events.ingest", "kizashi.import",
            "kizashi.read_model.load",
        ] {
            let arrived = try await collector.waitFor { $0.containsSpan(named: name) }
            #expect(arrived, "no span named \(name) in \(collector.requests.count) export(s)")
        }
        let exports = collector.requests
        // The request spans are roots (no outside traceparent is believed); the use cases' are their children.
        let spans = { (name: String) in exports.flatMap { $0.spans(named: name) } }
        #expect(!spans("/api/v1/imports").isEmpty && spans("/api/v1/imports").allSatisfy { $0.parent == nil })
        #expect(spans("/api/v1/accounts/{id}").allSatisfy { $0.parent == nil })
        let outsideTraceID: [UInt8] = [0x0a, 0xf7, 0x65, 0x19, 0x16, 0xcd, 0x43, 0xdd]
        #expect(!exports.contains { $0.contains(bytes: outsideTraceID) }, "the outside trace id was adopted")
        #expect(spans("kizashi.import").count == 1)
        #expect(spans("kizashi.import").first?.parent == spans("/api/v1/imports").first?.id)
        #expect(spans("kizashi.events.ingest").first?.parent == spans("/api/v1/events").first?.id)
        #expect(spans("kizashi.events.ingest").first?.parent != nil)
        #expect(exports.allSatisfy { $0.method == "POST" && $0.uri == "/v1/traces" })
        #expect(exports.allSatisfy { $0.contentType == "application/x-protobuf" })
        #expect(exports.contains { $0.contains(service) }, "service.name is the OTEL_SERVICE_NAME")
        #expect(exports.allSatisfy { $0.headers["x-collector-key"] == collectorKey })
        #expect(!server.standardError.contains(collectorKey), "the collector's key was logged")
        // swift-otel logs the variable it applied under its per-signal name, its value redacted.
        #expect(
            server.standardError.contains(
                "environment_key=OTEL_EXPORTER_OTLP_TRACES_HEADERS environment_value=[redacted]"))
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

    @Test(
        "A protocol this build cannot export (grpc, where swift-otel would trap) is refused at start, naming the variable"
    )
    func grpcRefused() async throws {
        let (db, _) = try workspace()
        let server = try ServeProcess(
            db: db,
            environment: [
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            ])
        let deadline = Date().addingTimeInterval(60)
        while server.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.isRunning)
        #expect(server.exitStatus == 64)  // a normal exit with status 64 (a signal would give 128 + n)
        #expect(try await server.waitFor("OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json, not grpc"))
        #expect(!server.standardError.contains("crashed"))
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
