import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// The shell: `kizashi sync salesforce --set-credentials` needs KIZASHI_SECRET_KEY and reads the
/// secret from stdin; a dry run sends nothing; a run signs in and sends to the stored instance.
@Suite("kizashi sync salesforce")
struct SalesforceSyncCLITests {
    typealias F = SalesforceSyncFixture

    @Test("--set-credentials needs the key and reads the secret from stdin; --dry-run sends nothing; a run sends")
    func cli() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-sf-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: db)
        try await F.load(into: store)
        try await store.close()
        let key = [CRMSecretBox.environmentKey: HubSpotSyncFixture.keyText]
        @Sendable func run(_ args: [String], _ stdin: String, _ environment: [String: String]) async throws -> (
            Int32, String, String
        ) { try await HubSpotSyncCLITests.runAsync(args, stdin: stdin, environment: environment) }

        let fake = FakeSalesforce(clientId: F.clientId, clientSecret: F.clientSecret)
        try await fake.application().test(.live) { client in
            let instance = "http://127.0.0.1:\(try #require(client.port))"
            let set = ["sync", "salesforce", "--set-credentials", "--db", db, "--instance-url", instance]
            let noKey = try await run(set + ["--client-id", F.clientId], F.clientSecret, [:])
            #expect(noKey.0 != 0 && noKey.2.contains("KIZASHI_SECRET_KEY is not set"))
            let noId = try await run(set, F.clientSecret, key)
            #expect(noId.0 != 0 && noId.2.contains("--client-id"))
            let stored = try await run(set + ["--client-id", F.clientId], F.clientSecret + "\n", key)
            #expect(stored.0 == 0 && stored.1.contains("Salesforce credentials stored"))
            #expect(!stored.1.contains(F.clientSecret) && !stored.2.contains(F.clientSecret))

            let common = ["sync", "salesforce", "--db", db, "--as-of", "2026-09-30", "--lang", "en"]
            // A dry run needs no key and sends nothing; it prints each record's new values.
            let dry = try await run(common + ["--dry-run"], "", [:])
            #expect(dry.0 == 0)
            #expect(dry.1.contains(#"Account 001000000000003AAA: Kizashi_Approach_Rank__c="4""#))
            #expect(dry.1.contains("dry run: 3 record(s) would change; nothing was sent"))
            #expect(dry.1.contains("1 target account(s) have no Salesforce record ID"))
            #expect(fake.received.isEmpty && fake.tokensIssued == 0)
            // Sending without the key: the credentials cannot be opened; said, nothing sent.
            let locked = try await run(common, "", [:])
            #expect(locked.0 != 0 && locked.2.contains("KIZASHI_SECRET_KEY is not set") && fake.received.isEmpty)
            let sent = try await run(common + ["--format", "json"], "", key)
            #expect(sent.0 == 0 && sent.1.contains(#""records_sent": 3"#))
            #expect(fake.received.map(\.order) == [[F.a1, F.a2, F.a3]] && fake.tokensIssued == 1)
            #expect(!sent.1.contains(F.clientSecret) && !sent.2.contains(F.clientSecret))
            // The daily limit: exit code 1 and the reason.
            let again = try await SQLiteWorkspaceStore.open(path: db)
            try await HubSpotSyncFixture.addHS102Surge(again)
            try await again.close()
            fake.queue(.requestLimit)
            let stopped = try await run(common, "", key)
            #expect(stopped.0 == 1 && stopped.1.contains("REQUEST_LIMIT_EXCEEDED"))
            let cleared = try await run(["sync", "salesforce", "--clear-credentials", "--db", db], "", [:])
            #expect(cleared.0 == 0)
        }
        #expect(fake.problems.isEmpty)
    }
}
