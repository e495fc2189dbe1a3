import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The built `kizashi` executable, beside the test bundle in .build/<config>/.
enum CLI {
    static var executable: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("kizashi").path
    }

    /// Runs the CLI to completion; returns (status, stdout, stderr). Through `ChildProcess`,
    /// not Foundation's `Process`, whose `run()` intermittently crashed the test process on Linux.
    @discardableResult
    static func run(_ args: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (out, err) = (dir.appendingPathComponent("out").path, dir.appendingPathComponent("err").path)
        let child = try ChildProcess.spawn(
            executable, arguments: args, environment: env, standardOutput: out, standardError: err)
        let status = child.wait()
        let o = FileManager.default.contents(atPath: out) ?? Data()
        let e = FileManager.default.contents(atPath: err) ?? Data()
        return (status, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// A big activities file (synthetic, valid rows for company C1 of the hand-worked fixture).
    static func bigActivities(rows: Int, at path: String) throws {
        var text = "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
        text.reserveCapacity(rows * 70)
        for i in 0..<rows {
            text += "X\(i),2026-08-\(10 + i % 20)T10:00:00+09:00,web_visit,C1,,,/p/\(i % 97),SFA\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("killing the importing process mid-way leaves the workspace exactly as before")
    func killMidImport() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = (dir as NSString).appendingPathComponent("w.sqlite")
        let (status, _, stderr) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", db, "--rejected", dir + "/r.csv",
        ])
        #expect(status == 0, "\(stderr)")
        let (_, before, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"])

        let big = (dir as NSString).appendingPathComponent("activities.csv")
        try Self.bigActivities(rows: 400_000, at: big)
        // Paused by the importer's fail point once 100,000 rows are written inside its
        // transaction, then killed without warning (SIGKILL: no cleanup runs).
        var env = ProcessInfo.processInfo.environment
        env["KIZASHI_TEST_PAUSE_IMPORT_AFTER_ROWS"] = "100000"
        let errFile = dir + "/import.err"
        let p = try ChildProcess.spawn(
            CLI.executable,
            arguments: ["import", big, "--entity", "activities", "--db", db, "--quiet", "--rejected", dir + "/r2.csv"],
            environment: env, standardError: errFile)
        var said = ""
        let deadline = Date().addingTimeInterval(300)
        while !said.contains("paused inside the import transaction"), p.status() == nil, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            said = String(decoding: FileManager.default.contents(atPath: errFile) ?? Data(), as: UTF8.self)
        }
        // Still running (`status()` nil) once it said so: it paused inside the transaction.
        #expect(said.contains("paused") && p.status() == nil, "the import did not pause: \(said)")
        p.signal(SIGKILL)
        _ = p.wait()

        let store = try await SQLiteWorkspaceStore.open(path: db)
        #expect(try await store.counts()[.activities] == 14)
        try await store.close()
        let (_, after, _) = try CLI.run(["kpi", "--db", db, "--period", "2026Q3", "--format", "json"])
        #expect(after == before)
        #expect(!before.isEmpty)
    }
}
