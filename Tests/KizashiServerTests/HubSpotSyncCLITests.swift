import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The shell: `kizashi sync hubspot` reads the token from stdin, needs KIZASHI_SECRET_KEY, prints
/// a dry run without sending, and sends to `--base-url`.
@Suite("kizashi sync hubspot")
struct HubSpotSyncCLITests {
    static func run(_ args: [String], stdin: String = "", environment: [String: String] = [:]) throws -> (
        Int32, String, String
    ) {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: CRMSecretBox.environmentKey)
        for (k, v) in environment { env[k] = v }
        return try CLI.run(args, stdin: stdin, environment: env)
    }

    /// `run` on a thread of its own: waiting for the process on one of the (two, on two cores)
    /// cooperative threads starves the fake CRM's handlers in this process while the CLI waits
    /// for them — two CLI tests at once deadlocked until the CLI's 30 s timeout.
    static func runAsync(_ args: [String], stdin: String = "", environment: [String: String] = [:]) async throws
        -> (Int32, String, String)
    {
        try await withCheckedThrowingContinuation { c in
            Thread.detachNewThread { c.resume(with: Result { try run(args, stdin: stdin, environment: environment) }) }
        }
    }

    @Test("--set-token needs the key and reads stdin; --dry-run sends nothing; a run sends to --base-url")
    func cli() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-hs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: db)
        try await HubSpotSyncFixture.load(into: store)
        try await store.close()
        let key = [CRMSecretBox.environmentKey: HubSpotSyncFixture.keyText]
        let token = HubSpotSyncFixture.token

        let noKey = try await Self.runAsync(["sync", "hubspot", "--set-token", "--db", db], stdin: token)
        #expect(noKey.0 != 0 && noKey.2.contains("KIZASHI_SECRET_KEY is not set"))
        let set = try await Self.runAsync(
            ["sync", "hubspot", "--set-token", "--db", db], stdin: token + "\n", environment: key)
        #expect(set.0 == 0 && !set.1.contains(token) && !set.2.contains(token))

        let fake = FakeHubSpot(token: token)
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let common = ["sync", "hubspot", "--db", db, "--as-of", "2026-09-30", "--lang", "en", "--base-url", base]
            // A dry run needs no key and sends nothing; it prints each record's new values.
            let dry = try await Self.runAsync(common + ["--dry-run"])
            #expect(dry.0 == 0)
            #expect(dry.1.contains(#"companies 102: kizashi_approach_rank="2" kizashi_intent_topics="""#))
            #expect(dry.1.contains("dry run: 3 record(s) would change; nothing was sent"))
            #expect(dry.1.contains("1 target account(s) have no HubSpot record ID"))
            #expect(fake.received.isEmpty)
            // Sending without the key: the token cannot be opened; said, nothing sent.
            let locked = try await Self.runAsync(common)
            #expect(locked.0 != 0 && locked.2.contains("KIZASHI_SECRET_KEY is not set") && fake.received.isEmpty)
            let sent = try await Self.runAsync(common, environment: key)
            #expect(sent.0 == 0 && sent.1.contains("ok: 3 record(s) changed, 3 accepted, 0 refused (1 request(s))"))
            #expect(fake.received.map(\.order) == [["101", "102", "103"]])
            #expect(!sent.1.contains(token) && !sent.2.contains(token))
            // A 207: exit code 1, the refused record named.
            let again = try await SQLiteWorkspaceStore.open(path: db)
            try await HubSpotSyncFixture.addHS102Surge(again)
            try await again.close()
            fake.queue(.multiStatus(failing: ["102"]))
            let partial = try await Self.runAsync(common, environment: key)
            #expect(partial.0 == 1 && partial.1.contains("refused companies 102: OBJECT_NOT_FOUND"))
        }
        #expect(fake.problems.isEmpty)
    }
}
