import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 22 §5: backups that restore.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    @Test("a backup taken while a server takes events restores to byte-identical KPI JSON; files are never overwritten")
    func backupUnderLoad() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let (_, tokenOut, _) = try CLI.run(["token", "create", "--name", "load", "--role", "editor", "--db", db])
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServeProcess(db: db)
        #expect(try await server.waitUntilReady())
        // Load: event batches for C1's decision maker, one after another, until told to stop.
        let load = Task {
            var sent = 0
            while !Task.isCancelled {
                let batch =
                    #"[{"type":"track","messageId":"b\#(sent)","userId":"u\#(sent % 7)","event":"Content Viewed","context":{"groupId":"C1"},"properties":{"path":"/p"}}]"#
                _ = try? await server.request(
                    "POST", "/api/v1/events", token: token, headers: ["Content-Type": "application/json"],
                    body: Data(batch.utf8), timeout: 10)
                sent += 1
            }
            return sent
        }
        try await Task.sleep(for: .milliseconds(500))
        let backup = dir + "/backup.sqlite"
        let (bs, bout, berr) = try CLI.run(["backup", backup, "--db", db])
        #expect(bs == 0, "\(berr)")
        #expect(bout.contains("backed up"))
        load.cancel()
        let sent = await load.value
        #expect(sent > 0)
        server.kill()
        // Mode 600, and a second backup to the same file is refused.
        let mode = (try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try CLI.run(["backup", backup, "--db", db]).0 != 0)

        let restored = dir + "/restored.sqlite"
        let (rs, _, rerr) = try CLI.run(["restore", backup, "--db", restored])
        #expect(rs == 0, "\(rerr)")
        for args in [["--period", "2026Q3"], ["--period", "2026Q4", "--tier", "1"]] {
            let a = try CLI.run(["kpi", "--format", "json", "--db", backup] + args).1
            let b = try CLI.run(["kpi", "--format", "json", "--db", restored] + args).1
            #expect(a.count > 1000 && a == b, "kpi \(args) differs after restore")
        }
        // Into a workspace that holds data: refused, nothing changed.
        #expect(try CLI.run(["restore", backup, "--db", restored]).0 != 0)
    }
}
