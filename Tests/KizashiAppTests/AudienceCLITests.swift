import Foundation
import KizashiCore
import Testing

/// `kizashi audience preview|export` end to end on Fixtures/audience-tiny (AudienceServiceTests
/// works the values).
@Suite("Audiences from the command line")
struct AudienceCLITests {
    static func workspace() throws -> (db: String, dir: String) {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let (status, _, err) = try CLI.run([
            "import", Fixture.path("audience-tiny"), "--db", db, "--rejected", dir + "/r.csv", "--quiet",
        ])
        #expect(status == 0, "\(err)")
        return (db, dir)
    }

    @Test("export writes the file (owner-only) and prints the counts to stderr; preview prints the API's JSON")
    func export() throws {
        let (db, dir) = try Self.workspace()
        let out = dir + "/google.csv"
        let (status, stdout, stderr) = try CLI.run([
            "audience", "export", "--from", "target-list", "--format", "google-ads", "--out", out, "--on",
            "2026-10-01", "--db", db,
        ])
        #expect(status == 0, "\(stderr)")
        #expect(stdout.isEmpty)
        #expect(
            stderr.contains(
                "target-list on 2026-10-01: accounts 3 (with domain 2), contacts 6 (e-mail 4, phone 4, usable 5)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == AudienceServiceTests.googleAds)
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        #expect(try CLI.run(["segment", "create", "海外", "--db", db, "--rule", "country:US"]).0 == 0)
        let (_, json, _) = try CLI.run([
            "audience", "preview", "--from", "segment:海外", "--tier", "3", "--on", "2026-10-01", "--db", db,
        ])
        let counts = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(counts?["from"] as? String == "segment:海外" && counts?["tier"] as? Int == 3)
        #expect((counts?["counts"] as? [String: Int])?["contacts_with_key"] == 2)

        let csvOut = dir + "/accounts.csv"
        let (csvStatus, _, csvErr) = try CLI.run([
            "audience", "export", "--from", "segment:海外", "--format", "csv", "--out", csvOut, "--on", "2026-10-01",
            "--db", db,
        ])
        #expect(csvStatus == 0 && csvErr.contains("segment:海外 on 2026-10-01: accounts 1"))
        #expect(
            try String(contentsOfFile: csvOut, encoding: .utf8).hasSuffix(
                "A2,\"Delta, Inc.\",delta.com,IT,US,CA,3,0,2,1,2\n"))
    }

    @Test("bad values are refused naming the option, and nothing is written")
    func refusals() throws {
        let (db, dir) = try Self.workspace()
        let out = dir + "/x.csv"
        for (args, why) in [
            (
                ["--from", "target-list", "--format", "tiktok"],
                "Please provide one of 'linkedin', 'google-ads', 'meta' or 'csv'"
            ),
            (["--from", "everyone", "--format", "csv"], "--from must be target-list or segment:NAME"),
            (["--from", "segment:a/b", "--format", "csv"], "--from a segment name has only letters"),
            (["--from", "segment:nope", "--format", "csv"], "no segment is named \"nope\""),
            (["--from", "target-list", "--tier", "9", "--format", "csv"], "--tier must be 1, 2 or 3"),
            (["--from", "target-list", "--on", "2026-13-01", "--format", "csv"], "--on must be a date"),
        ] {
            let (status, _, err) = try CLI.run(["audience", "export", "--out", out, "--db", db] + args)
            #expect(status != 0 && err.contains(why), "\(args): \(err)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
