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
        #expect(try CLI.run(["archive", "--db", db]).1.contains("no activities are archived"))
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
        // The page view is January 2027's only activity: archiving finds that month, with 1 row.
        let archive = try #require(store as? any ActivityArchiving)
        let months = try await archive.archiveActivities(
            before: ActivityMonth(parsing: "2027-02")!, at: Instant(millisecondsSinceEpoch: 0))
        #expect(months.last.map { "\($0.month) \($0.rows)" } == "2027-01 1")
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
