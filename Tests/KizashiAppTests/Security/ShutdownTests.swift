import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 25 §3: a long import held shutdown (SIGTERM was ignored while an upload was processed).
@Suite("Shutdown during a long import", .serialized)
struct ShutdownTests {
    @Test("SIGTERM during an upload's import: cancelled after the grace period, rolled back, and the process exits")
    func sigtermCancelsImport() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        let (ts, tokenOut, te) = try CLI.run(["token", "create", "--name", "t", "--role", "editor", "--db", db])
        #expect(ts == 0, "\(te)")
        let token = tokenOut.trimmingCharacters(in: .whitespacesAndNewlines)
        // The import pauses (the debug build's fail point) inside its transaction after 5 rows.
        let server = try ServeProcess(
            db: db, arguments: ["--shutdown-grace", "2", "--upload-dir", dir + "/uploads"],
            environment: ["KIZASHI_TEST_PAUSE_IMPORT_AFTER_ROWS": "5"])
        #expect(try await server.waitUntilReady())
        let imports = URL(fileURLWithPath: dir + "/uploads")
        var csv = "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
        for i in 0..<50_000 { csv += "S\(i),2026-08-10T10:00:00+09:00,web_visit,C1,,,/p,SFA\n" }
        let upload = Task {
            try? await server.request(
                "POST", "/api/v1/imports?entity=activities", token: token, headers: ["Content-Type": "text/csv"],
                body: Data(csv.utf8), timeout: 60)
        }
        #expect(try await server.waitFor("paused inside the import transaction"), "\(server.standardError)")
        // The upload is on disk while the import runs ...
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: imports.path)) ?? []).isEmpty)
        let sent = Date()
        #expect(server.terminate(within: 15), "the server did not exit: \(server.standardError)")
        // Grace (2 s), then cancellation: well under the 15 s allowed above.
        #expect(Date().timeIntervalSince(sent) < 10)
        _ = await upload.value
        let store = try await SQLiteWorkspaceStore.open(path: db)
        #expect(try await store.counts()[.activities] == 14)  // the fixture's, nothing of the upload
        try await store.close()
        // ... and gone after it was cancelled.
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: imports.path)) ?? []
        for folder in leftovers {
            let files =
                (try? FileManager.default.subpathsOfDirectory(atPath: imports.appendingPathComponent(folder).path))
                ?? []
            #expect(!files.contains { $0.hasSuffix("upload") || $0.hasSuffix(".csv") && !$0.hasSuffix("rejected.csv") })
        }
    }
}
