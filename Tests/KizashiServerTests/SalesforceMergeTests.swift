import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A 名寄せ merge keeps the Salesforce write-back pointed at the right Accounts, as it does for
/// HubSpot (`HubSpotMergeTests`).
@Suite("kizashi merge moves the Salesforce Accounts to the kept company")
struct SalesforceMergeTests {
    /// `SalesforceSyncFixture`, plus company 001000000000010AAA imported under its own Account ID
    /// (tier 3, no activity: score 0). `kizashi merge HS101 001000000000010AAA`: the dropped
    /// company had no activity, contact or intent, so HS101 keeps its hand-worked score 35.2; the
    /// Account that stood for the dropped company now means HS101 and is sent 35.2.
    @Test("merge: the dropped company's own Account gets the kept company's values; undo forgets the link")
    func mergeMovesAccount() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-sf-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: db)
        try await SalesforceSyncFixture.load(into: store)
        let own = "001000000000010AAA"
        try await store.transaction { tx in
            try await tx.upsert(companies: [Company(id: own, name: "Epsilon")])
            try await tx.upsert(targets: [
                TargetMembership(companyId: own, tier: .three, addedOn: Day(iso: "2026-01-01")!)
            ])
        }
        try await store.close()
        let dryRun = ["sync", "salesforce", "--db", db, "--as-of", "2026-09-30", "--lang", "en", "--dry-run"]
        func line(_ out: String) -> String? {
            out.split(separator: "\n").map(String.init).first { $0.hasPrefix("Account \(own): ") }
        }

        let before = try await HubSpotSyncCLITests.runAsync(dryRun)
        #expect(before.0 == 0)
        #expect(line(before.1)?.contains(#"Kizashi_Score__c="0.0""#) == true, "\(before.1)")

        let merged = try await HubSpotSyncCLITests.runAsync(["merge", "HS101", own, "--db", db])
        #expect(merged.0 == 0, "\(merged.2)")
        let after = try await HubSpotSyncCLITests.runAsync(dryRun)
        #expect(line(after.1)?.contains(#"Kizashi_Score__c="35.2""#) == true, "\(after.1)")
        let reopened = try await SQLiteWorkspaceStore.open(path: db)
        #expect(try await reopened.crmRecordLinks(provider: "salesforce", objectType: "Account")[own] == "HS101")
        try await reopened.close()

        let undone = try await HubSpotSyncCLITests.runAsync(["merge", "--undo", "1", "--db", db])
        #expect(undone.0 == 0, "\(undone.2)")
        let restored = try await SQLiteWorkspaceStore.open(path: db)
        #expect(
            try await restored.crmRecordLinks(provider: "salesforce", objectType: "Account")
                == [
                    SalesforceSyncFixture.a1: "HS101", SalesforceSyncFixture.a2: "HS102",
                    SalesforceSyncFixture.a3: "HS103",
                ])
        try await restored.close()
    }
}
