import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `kizashi archive` end to end (issue 23): old months detached on PostgreSQL, a report that
/// reaches them stops and names the way back, and after a restore the report is byte-identical.
@Suite(
    "kizashi archive on PostgreSQL", .serialized,
    .disabled(if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: kizashi archive skipped"))
struct ArchiveCommandTests {
    @Test("archive --before, a report reaching it stops, restore, the report byte-identical")
    func archiveRoundTrip() async throws {
        let dir = Fixture.temporaryDirectory()
        let package = dir + "/pkg"
        #expect(try CLI.run(["demo", "--scale", "small", "--as-of", "2026-11-20", "--out", package]).0 == 0)
        let db = try await PostgresTestServer.freshDatabase()
        let (s, _, e) = try CLI.run(["import", package, "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
        #expect(s == 0, "\(e)")
        let old = try CLI.run(["kpi", "--period", "2025Q4", "--format", "json", "--db", db])
        let recent = try CLI.run(["kpi", "--period", "2026Q3", "--format", "json", "--db", db])
        #expect(old.0 == 0 && recent.0 == 0, "\(old.2) \(recent.2)")

        // A month after the current one would archive the month events arrive in: refused.
        let (f, _, fe) = try CLI.run(["archive", "--before", "2999-01", "--db", db])
        #expect(f == 64 && fe.contains("would archive the current month"), "\(fe)")
        let (a, archived, ae) = try CLI.run(["archive", "--before", "2026-01", "--db", db])
        #expect(a == 0, "\(ae)")
        // The demo's activities reach back before 2025-10 (2025Q4's window starts 90 days before it).
        #expect(archived.contains("archived 2025-12: "), "\(archived)")
        #expect(archived.contains("reports reaching before 2026-01 now stop"), "\(archived)")
        let (l, listed, _) = try CLI.run(["archive", "--db", db])
        #expect(l == 0 && listed.contains("archived 2025-12: "), "\(listed)")

        // 2025Q4 reads activities from 2025: refused, naming the boundary and the restore.
        let (k, _, ke) = try CLI.run(["kpi", "--period", "2025Q4", "--format", "json", "--db", db])
        #expect(k != 0)
        #expect(ke.contains("activities before 2026-01 are archived"), "\(ke)")
        #expect(ke.contains("kizashi archive --restore"), "\(ke)")
        // 2026Q3 (and its previous quarter, 90-day windows) starts in April 2026: unaffected, same bytes.
        #expect(try CLI.run(["kpi", "--period", "2026Q3", "--format", "json", "--db", db]).1 == recent.1)
        // A copy would lose the archived rows: refused.
        let (c, _, ce) = try CLI.run(["copy", "--from", db, "--to", dir + "/copy.sqlite", "--quiet"])
        #expect(c != 0 && ce.contains("archive --restore-all"), "\(ce)")

        let (r, restored, re) = try CLI.run(["archive", "--restore-all", "--db", db])
        #expect(r == 0, "\(re)")
        #expect(restored.contains("restored 2025-12: "), "\(restored)")
        #expect(try CLI.run(["kpi", "--period", "2025Q4", "--format", "json", "--db", db]).1 == old.1)
        #expect(try CLI.run(["archive", "--db", db]).1.contains("no months are archived"))
    }

    @Test("the server answers a report reaching archived months with 409 and the way back")
    func serverRefusesArchivedWindow() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = try await PostgresTestServer.freshDatabase()
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        let (ts, tokenOut, te) = try CLI.run(["token", "create", "--name", "t", "--role", "admin", "--db", db])
        #expect(ts == 0, "\(te)")
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        // The fixture's activities: one on a local day of June 2026 (Tokyo), the rest July–September.
        let (a, out, ae) = try CLI.run(["archive", "--before", "2026-07", "--db", db])
        #expect(a == 0 && out.contains("archived 2026-06: 1 activity, 0 events\n"), "\(out) \(ae)")

        let server = try await TwoServerTests.Server.start(db: db, log: dir + "/serve.log")
        let port = server.port
        defer { _ = server.stop() }
        let up = try await TwoServerTests.seen(
            within: 120, { (try? await TwoServerTests.request(port, "GET", "/healthz", token: token).1) ?? "" },
            { !$0.isEmpty })
        #expect(
            up != nil,
            "the server did not start: \((try? String(contentsOfFile: dir + "/serve.log", encoding: .utf8)) ?? "")")
        // 2026Q3's windows reach back to April: June is archived.
        let (status, body) = try await TwoServerTests.request(port, "GET", "/api/v1/kpis?period=2026Q3", token: token)
        #expect(status == 409, "\(body)")
        #expect(body.contains("kizashi archive --restore"), "\(body)")
        #expect(body.contains("\"archived_before\": \"2026-07\""), "\(body)")

        #expect(try CLI.run(["archive", "--restore-all", "--db", db]).0 == 0)
        let back = try await TwoServerTests.seen(
            within: 30,
            {
                let r = try? await TwoServerTests.request(port, "GET", "/api/v1/kpis?period=2026Q3", token: token)
                return "\(r?.0 ?? 0)"
            }, { $0 == "200" })
        #expect(back != nil, "the report did not come back after the restore")
    }

    @Test("an event in a month with no activities yet creates that month's partition")
    func eventCreatesMonth() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = try await PostgresTestServer.freshDatabase()
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        let store = try await WorkspaceLocation.open(db)
        let events = """
            [{"type":"identify","messageId":"m1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
             {"type":"page","messageId":"m2","userId":"u1","timestamp":"2027-01-15T10:00:00+09:00",
              "properties":{"path":"/pricing"}}]
            """
        // Received 2027-01-15T01:00Z (10:00 in Tokyo, the page's own time).
        let summary = try await EventIngestor(store: store).ingest(
            try JSONSerialization.jsonObject(with: Data(events.utf8)) as! [Any],
            receivedAt: Instant(millisecondsSinceEpoch: 1_799_974_800_000))
        #expect(summary.accepted == 2)
        // The same batch resent on 2027-02-01T00:00Z (day 20850: 2027-01-01 = 20819, + 31), a
        // month whose events partition is another: both are duplicates (event_ids, migration 17).
        let resent = try await EventIngestor(store: store).ingest(
            try JSONSerialization.jsonObject(with: Data(events.utf8)) as! [Any],
            receivedAt: Instant(millisecondsSinceEpoch: 1_801_440_000_000))
        #expect(resent.accepted == 0 && resent.duplicates == 2)
        // The page view is January 2027's only activity: archiving finds that month, with 1 row
        // and the batch's 2 events.
        let archive = try #require(store as? any ActivityArchiving)
        let months = try await archive.archiveActivities(
            before: ActivityMonth(parsing: "2027-02")!, at: Instant(millisecondsSinceEpoch: 0))
        #expect(months.last.map { "\($0.month) \($0.rows) \($0.events)" } == "2027-01 1 2")
        _ = try await archive.restoreActivities(from: nil)
        try await store.close()
    }
}

@Suite("kizashi archive: refusals")
struct ArchiveRefusalTests {
    @Test("a bad month, two actions, or a SQLite workspace: a usage error (exit 64) saying why")
    func refusals() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let cases: [([String], String)] = [
            (["--before", "2024-1"], "--before must be a month as YYYY-MM (got 2024-1)"),
            (["--restore", "2024-13"], "--restore must be a month as YYYY-MM"),
            (["--before", "2024-01", "--restore-all"], "give one of --before, --restore and --restore-all"),
            (["--before", "2024-01"], "archiving activities needs a PostgreSQL workspace"),
        ]
        for (args, message) in cases {
            let (status, _, err) = try CLI.run(["archive", "--db", db] + args)
            #expect(status == 64, "\(args): \(err)")
            #expect(err.contains(message), "\(args): \(err)")
        }
    }
}
