import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Attribution reads the same rows on both backends, so `kizashi attribution --format json` must
/// be byte-identical on SQLite and PostgreSQL (issue 21).
@Suite(
    "Attribution: SQLite and PostgreSQL agree", .serialized,
    .disabled(if: !PostgresTestServer.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL parity skipped"))
struct AttributionPostgresTests {
    @Test("small demo and the hand-worked fixture: attribution JSON byte-identical, several periods and tiers")
    func bytesIdentical() async throws {
        let dir = Fixture.temporaryDirectory()
        let package = dir + "/pkg"
        #expect(try CLI.run(["demo", "--scale", "small", "--as-of", "2026-10-31", "--out", package]).0 == 0)
        for source in [package, Fixture.path("attribution-handworked")] {
            let sqlite = dir + "/\(UUID().uuidString).sqlite"
            let postgres = try await PostgresTestServer.freshDatabase()
            for db in [sqlite, postgres] {
                let (status, _, err) = try CLI.run([
                    "import", source, "--db", db, "--quiet", "--rejected", dir + "/r.csv",
                ])
                #expect(status == 0, "\(err)")
                #expect(try CLI.run(["settings", "set", "attribution.half_life_days", "10", "--db", db]).0 == 0)
            }
            let runs: [[String]] = [
                ["--period", "2026Q3"], ["--period", "2026Q3", "--tier", "1"], ["--period", "2026-09", "--tier", "2"],
                ["--start", "2026-05-15", "--end", "2026-09-01", "--tier", "3"], ["--period", "2026Q2"],
            ]
            for args in runs {
                let (s1, a, e1) = try CLI.run(["attribution", "--format", "json", "--db", sqlite] + args)
                let (s2, b, e2) = try CLI.run(["attribution", "--format", "json", "--db", postgres] + args)
                #expect(s1 == 0 && s2 == 0, "\(e1) \(e2)")
                #expect(a.contains("\"half_life_days\": 10"), "the setting is read on both")
                #expect(a == b, "attribution \(args.joined(separator: " ")) differs between SQLite and PostgreSQL")
            }
        }
    }
}
