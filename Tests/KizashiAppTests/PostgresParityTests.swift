import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A PostgreSQL server for these tests: `KIZASHI_TEST_POSTGRES_URL` (admin URL), required in CI.
enum PostgresTestServer {
    static var url: String? {
        ProcessInfo.processInfo.environment["KIZASHI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var enabled: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A new empty database; its URL.
    static func freshDatabase() async throws -> String {
        guard let url else { throw StoreError("KIZASHI_TEST_POSTGRES_URL is not set (CI must set it)") }
        let name = "kizashi_app_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try await PostgresWorkspaceStore.createDatabase(
            name, admin: try PostgresLocation(url: url), timeout: .seconds(180)
        ).url
    }
}

/// The same data on SQLite and on PostgreSQL gives the same bytes, and `kizashi copy` moves a
/// workspace both ways without loss (issue 5). Expected values here are the SQLite side's: the
/// KPI figures themselves are checked by hand-worked fixtures elsewhere; this checks the backends agree.
@Suite(
    "PostgreSQL parity", .serialized,
    .disabled(if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL parity skipped"))
struct PostgresParityTests {
    @Test("small demo set: kpi JSON byte-identical on SQLite and PostgreSQL, for several periods and tiers")
    func kpiBytesIdentical() async throws {
        let dir = Fixture.temporaryDirectory()
        let package = dir + "/pkg"
        #expect(try CLI.run(["demo", "--scale", "small", "--as-of", "2026-11-20", "--out", package]).0 == 0)
        let sqlite = dir + "/w.sqlite"
        let postgres = try await PostgresTestServer.freshDatabase()
        for db in [sqlite, postgres] {
            let (status, _, err) = try CLI.run(["import", package, "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
            #expect(status == 0, "\(err)")
        }
        #expect(try CLI.run(["target", "set", "sql_count", "12", "--period", "2026Q3", "--db", postgres]).0 == 0)
        #expect(try CLI.run(["target", "set", "sql_count", "12", "--period", "2026Q3", "--db", sqlite]).0 == 0)
        let runs: [[String]] = [
            ["--period", "2026Q3"], ["--period", "2026Q3", "--tier", "1"], ["--period", "2026-09", "--tier", "2"],
            ["--start", "2026-01-15", "--end", "2026-06-01", "--tier", "3"], ["--period", "2025Q4"],
            ["--monthly", "--from", "2026-01", "--to", "2026-10"],
        ]
        for args in runs {
            let (s1, a, e1) = try CLI.run(["kpi", "--format", "json", "--db", sqlite] + args)
            let (s2, b, e2) = try CLI.run(["kpi", "--format", "json", "--db", postgres] + args)
            #expect(s1 == 0 && s2 == 0, "\(e1) \(e2)")
            #expect(a.count > 1000, "a real report for \(args)")
            #expect(a == b, "kpi \(args.joined(separator: " ")) differs between SQLite and PostgreSQL")
        }
    }

    @Test(
        "kizashi copy: SQLite → PostgreSQL → SQLite loses nothing (exports byte-identical), refuses a non-empty target")
    func copyRoundTrip() async throws {
        let dir = Fixture.temporaryDirectory()
        let original = dir + "/a.sqlite"
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", original, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        #expect(try CLI.run(["settings", "set", "gross_margin", "0.6", "--db", original]).0 == 0)
        #expect(
            try CLI.run(["target", "set", "meetings", "3", "--period", "2026Q3", "--tier", "1", "--db", original]).0
                == 0)
        let (u, _, ue) = try CLI.run(
            ["user", "create", "copy@example.jp", "--role", "editor", "--db", original],
            environment: ["KIZASHI_PASSWORD": "correct horse battery"])
        #expect(u == 0, "\(ue)")
        // Everything else a workspace holds: a disabled user, a token, a revoked site key,
        // events and identities, an alert with its delivery, an IP range, audit entries.
        #expect(try CLI.run(["user", "disable", "copy@example.jp", "--db", original]).0 == 0)
        #expect(try CLI.run(["token", "create", "--name", "bi", "--role", "viewer", "--db", original]).0 == 0)
        do {
            let store = try await WorkspaceLocation.open(original)
            let t = Instant(millisecondsSinceEpoch: 1_790_737_200_000)
            try await store.createSiteKey(name: "old site", key: "pk_revoked", now: t)
            _ = try await store.setSiteKey("pk_revoked", active: false)
            try await store.replaceIPRanges([(IPAddressRange(cidr: "203.0.113.0/24")!, "203.0.113.0/24", "C5")])
            _ = try await store.addWebhook(
                url: "https://hooks.example.com/x", kind: .slack, secret: "s3cret-s3cret-s3", now: t)
            _ = try await store.enqueue(
                AlertCandidate(
                    companyId: "C1", companyName: "Alpha", rule: .highIntent, reasonKey: "r", en: "e", ja: "j",
                    score: 61.5),
                now: t, cooldownSince: Instant(millisecondsSinceEpoch: 0))
            let events = """
                [{"type":"identify","messageId":"c1","userId":"u1","traits":{"email":"taro@alpha.co.jp"}},
                 {"type":"page","messageId":"c2","userId":"u1","properties":{"path":"/pricing"}}]
                """
            let summary = try await EventIngestor(store: store).ingest(
                try JSONSerialization.jsonObject(with: Data(events.utf8)) as! [Any], receivedAt: t)
            #expect(summary.accepted == 2)
            try await store.close()
        }
        let postgres = try await PostgresTestServer.freshDatabase()
        let back = dir + "/b.sqlite"
        let (c1, out1, err1) = try CLI.run(["copy", "--from", original, "--to", postgres, "--quiet"])
        #expect(c1 == 0, "\(err1)")
        #expect(out1.contains("settings: 1, KPI targets: 1"))
        for line in [
            "users: 1 rows", "api_tokens: 1 rows", "site_keys: 1 rows", "events: 2 rows", "event_identities: 1 rows",
            "webhooks: 1 rows", "alerts: 1 rows", "alert_deliveries: 1 rows", "alert_evaluations: 1 rows",
            "ip_ranges: 1 rows", "browser sessions: not copied",
        ] {
            #expect(out1.contains(line), "\(line) in \(out1)")
        }
        // The same password hash travelled, so the same password signs in on the other side.
        let from = try await WorkspaceLocation.open(original)
        let to = try await WorkspaceLocation.open(postgres)
        let a = try await from.user(email: "copy@example.jp"), b = try await to.user(email: "copy@example.jp")
        #expect(a != nil && a?.passwordHash == b?.passwordHash && b?.role == .editor)
        try await from.close()
        try await to.close()
        let (c2, _, err2) = try CLI.run(["copy", "--from", postgres, "--to", back, "--quiet"])
        #expect(c2 == 0, "\(err2)")
        // Every row of every portable table came back as it was (audit entries of the copy aside:
        // the CLI's own actions after the copy are not in `original`).
        let left = try await WorkspaceLocation.open(original)
        let right = try await WorkspaceLocation.open(back)
        for table in PortableTable.all {
            let a = try await left.portableRows(table, after: nil, limit: 100_000)
            let b = try await right.portableRows(table, after: nil, limit: 100_000)
            func dict(_ r: PortableRow) -> [String: String] {
                Dictionary(uniqueKeysWithValues: zip(r.columns, r.values.map { "\($0)" }))
            }
            #expect(a.map(dict) == b.map(dict), "\(table.name) differs after SQLite → PostgreSQL → SQLite")
        }
        #expect(try await right.user(email: "copy@example.jp")?.disabled == true)
        try await left.close()
        try await right.close()
        for db in [original, back] {
            #expect(try CLI.run(["export", dir + "/export-" + (db as NSString).lastPathComponent, "--db", db]).0 == 0)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/export-a.sqlite").sorted()
        #expect(files.contains("activities.csv") && files.contains("icp.json"))
        for f in files {
            let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/export-a.sqlite/" + f))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/export-b.sqlite/" + f))
            #expect(a == b, "\(f) changed in the round trip")
        }
        let kpi = ["kpi", "--period", "2026Q3", "--format", "json", "--tier", "1"]
        let reference = try CLI.run(kpi + ["--db", original]).1
        #expect(reference.contains("\"gross_margin\": 0.6"))
        #expect(try CLI.run(kpi + ["--db", postgres]).1 == reference)
        #expect(try CLI.run(kpi + ["--db", back]).1 == reference)
        // A second copy into the same database is refused and changes nothing.
        let (c3, _, err3) = try CLI.run(["copy", "--from", original, "--to", postgres, "--quiet"])
        #expect(c3 != 0 && err3.contains("not empty"))
    }
}
