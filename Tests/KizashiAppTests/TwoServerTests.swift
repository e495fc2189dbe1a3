import Foundation
import KizashiApp
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two real `kizashi serve` processes on one PostgreSQL database: a write through one is seen by
/// the other within 2 s (issue 5), through LISTEN/NOTIFY and the read-model invalidation.
@Suite(
    "Two servers on one PostgreSQL database", .serialized,
    .disabled(
        if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL two-server test skipped"))
struct TwoServerTests {
    /// `kizashi serve` started through `ChildProcess` on a port the system picks (`--port 0`):
    /// the server names it in its log ("kizashi is listening … port=N"), so two tests can never
    /// race for one port. Foundation's `Process` intermittently crashed the test process on
    /// Linux, and a guessed port could be taken by another test's server (the CI flake of
    /// ReadReplicaServerTests: /healthz answered by a server that then went away).
    final class Server: @unchecked Sendable {
        let child: ChildProcess
        let log: String
        /// The bound port (0 until `start` read it).
        private(set) var port = 0

        private init(db: String, log: String, readDb: String?) throws {
            self.log = log
            child = try ChildProcess.spawn(
                CLI.executable,
                arguments: ["serve", "--db", db, "--port", "0", "--log-level", "notice"]
                    + (readDb.map { ["--read-db", $0] } ?? []),
                environment: ProcessInfo.processInfo.environment, standardError: log)
        }

        /// Starts a server and waits (up to 120 s) for the port it bound; fails, with its log, if
        /// it ended or never said.
        static func start(db: String, log: String, readDb: String? = nil) async throws -> Server {
            let server = try Server(db: db, log: log, readDb: readDb)
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, server.isRunning {
                if let port = Self.boundPort(in: server.logText) {
                    server.port = port
                    return server
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            _ = server.stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no port: \(server.logText)"])
        }

        /// `port=N` of the "kizashi is listening" line.
        static func boundPort(in log: String) -> Int? {
            guard let line = log.split(separator: "\n").first(where: { $0.contains("kizashi is listening") }),
                let range = line.range(of: "port=")
            else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }

        var logText: String {
            String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        }

        var isRunning: Bool { child.status() == nil }

        /// SIGTERM (a clean shutdown is part of what is tested), SIGKILL after 10 s.
        func stop() -> Bool {
            guard isRunning else { return true }
            child.signal()
            let deadline = Date().addingTimeInterval(10)
            while isRunning && Date() < deadline { usleep(50_000) }
            guard isRunning else { return true }
            child.signal(SIGKILL)
            _ = child.wait()
            return false
        }
    }

    static func request(
        _ port: Int, _ method: String, _ path: String, token: String, body: String? = nil,
        contentType: String = "application/json"
    ) async throws -> (Int, String) {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            r.httpBody = Data(body.utf8)
            r.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: r)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls `read` on the other server until `done` holds; returns the seconds it took.
    static func seen(within limit: Double, _ read: () async throws -> String, _ done: (String) -> Bool)
        async throws -> Double?
    {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            if done(try await read()) { return Date().timeIntervalSince(start) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test("a settings change, an import and an event through one server are visible on the other within 2 s")
    func writesPropagate() async throws {
        let db = try await PostgresTestServer.freshDatabase()
        let dir = Fixture.temporaryDirectory()
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        let (ts, tokenOut, te) = try CLI.run([
            "token", "create", "--name", "two-servers", "--role", "admin", "--db", db,
        ])
        #expect(ts == 0, "\(te)")
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        let a = try await Server.start(db: db, log: dir + "/a.log")
        let b = try await Server.start(db: db, log: dir + "/b.log")
        var stopped = false
        defer { if !stopped { _ = (a.stop(), b.stop()) } }
        for server in [a, b] {
            let up = try await Self.seen(
                within: 120, { (try? await Self.request(server.port, "GET", "/healthz", token: token).1) ?? "" },
                { !$0.isEmpty })
            #expect(up != nil, "server on port \(server.port) did not start")
        }
        let kpis = "/api/v1/kpis?period=2026Q3"
        let before = try await Self.request(b.port, "GET", kpis, token: token).1
        #expect(before.contains("\"gross_margin\": 0.7"))

        // 1. A setting changed through A.
        let (put, _) = try await Self.request(
            a.port, "PUT", "/api/v1/settings/gross_margin", token: token, body: #"{"value": "0.55"}"#)
        #expect(put == 200)
        let t1 = try await Self.seen(
            within: 2, { try await Self.request(b.port, "GET", kpis, token: token).1 },
            { $0.contains("\"gross_margin\": 0.55") })
        #expect(t1 != nil, "B did not see the setting within 2 s")

        // 2. An import through A: a form fill at C1 inside 2026Q3 moves the engagement KPIs.
        let afterSetting = try await Self.request(b.port, "GET", kpis, token: token).1
        let csv =
            "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
            + "TWO1,2026-09-15T10:00:00+09:00,form_submit,C1,,,/pricing,SFA\n"
        let (imp, impBody) = try await Self.request(
            a.port, "POST", "/api/v1/imports?entity=activities", token: token, body: csv, contentType: "text/csv")
        #expect(imp == 200, "\(impBody)")
        let t2 = try await Self.seen(
            within: 2, { try await Self.request(b.port, "GET", kpis, token: token).1 }, { $0 != afterSetting })
        #expect(t2 != nil, "B did not see the import within 2 s")

        // 3. An event through A: a page view at C6 today changes C6's score on B's account list.
        let accounts = try await Self.request(b.port, "GET", "/api/v1/accounts", token: token).1
        let event = """
            {"type": "page", "messageId": "two-servers-1", "anonymousId": "v9",
             "context": {"groupId": "C6", "page": {"url": "https://vendor.example/pricing"}}}
            """
        let (ev, evBody) = try await Self.request(a.port, "POST", "/api/v1/events", token: token, body: event)
        #expect(ev == 200 || ev == 207, "\(evBody)")
        let t3 = try await Self.seen(
            within: 2, { try await Self.request(b.port, "GET", "/api/v1/accounts", token: token).1 },
            { $0 != accounts })
        #expect(t3 != nil, "B did not see the event within 2 s")
        print(
            "two servers: seen on B after \(t1 ?? -1) s (setting), \(t2 ?? -1) s (import), \(t3 ?? -1) s (event)")
        stopped = true
        #expect(a.stop() && b.stop(), "a server did not stop on SIGTERM within 10 s")
    }
}
