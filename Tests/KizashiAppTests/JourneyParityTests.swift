import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 26 §5: journey stages read the KPI dataset, every opportunity and the target accounts'
/// recent activities (with their contacts' roles) from the store; the same data on SQLite and on
/// PostgreSQL must give the same bytes. The figures themselves are hand-worked in KizashiCoreTests.
@Suite(
    "Journey parity SQLite / PostgreSQL", .serialized,
    .disabled(if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL parity skipped"))
struct JourneyParityTests {
    @Test("small demo set: journey JSON and CSV byte-identical on SQLite and PostgreSQL")
    func journeyBytesIdentical() async throws {
        let dir = Fixture.temporaryDirectory()
        let package = dir + "/pkg"
        #expect(try CLI.run(["demo", "--scale", "small", "--as-of", "2026-11-20", "--out", package]).0 == 0)
        let sqlite = dir + "/w.sqlite"
        let postgres = try await PostgresTestServer.freshDatabase()
        for db in [sqlite, postgres] {
            let (status, _, err) = try CLI.run(["import", package, "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
            #expect(status == 0, "\(err)")
            // A non-default rule, so the settings path is compared too.
            #expect(try CLI.run(["settings", "set", "journey.aware_window_days", "30", "--db", db]).0 == 0)
        }
        let runs: [[String]] = [
            ["--period", "2026Q3"], ["--period", "2026Q3", "--tier", "1"], ["--period", "2026-09", "--tier", "2"],
            ["--start", "2026-01-15", "--end", "2026-06-01", "--format", "csv"],
        ]
        for args in runs {
            let json = args.contains("--format") ? [] : ["--format", "json"]
            let (s1, a, e1) = try CLI.run(["journey", "--db", sqlite] + json + args)
            let (s2, b, e2) = try CLI.run(["journey", "--db", postgres] + json + args)
            #expect(s1 == 0 && s2 == 0, "\(e1) \(e2)")
            #expect(a == b, "\(args)")
            #expect(a.contains("qualified"))
        }
        // The stages of every target on one day, through the service, agree too.
        let day = Day(iso: "2026-09-30")!
        var lists: [[AccountStage]] = []
        for db in [sqlite, postgres] {
            let store = try await WorkspaceLocation.open(db)
            lists.append(try await JourneyService(store: store).stages(on: day))
            try await store.close()
        }
        #expect(lists[0] == lists[1])
        #expect(!lists[0].isEmpty)
    }
}
