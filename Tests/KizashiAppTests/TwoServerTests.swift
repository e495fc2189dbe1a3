import Foundation
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
    final class Server {
        let process = Process()
        let port: Int
        /// `readDb`: the server's `--read-db` (ReadReplicaServerTests).
        init(db: String, port: Int, log: String, readDb: String? = nil) throws {
            self.port = port
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments =
                ["serve", "--db", db, "--port", String(port), "--log-level", "warning"]
                + (readDb.map { ["--read-db", $0] } ?? [])
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }
        /// SIGTERM (a clean shutdown is part of what is tested), SIGKILL after 10 s.
        func stop() -> Bool {
            guard process.isRunning else { return true }
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            guard process.isRunning else { return true }
            kill(process.processIdentifier, SIGKILL)
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
        let base = 20_000 + Int.random(in: 0..<20_000)
        let a = try Server(db: db, port: base, log: dir + "/a.log")
        let b = try Server(db: db, port: base + 1, log: dir + "/b.log")
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
