import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A 名寄せ merge keeps the CRM write-back pointed at the right records (issue 27): the HubSpot
/// records of the dropped companies now receive the kept company's values, and undo puts the
/// links back as they were.
@Suite("kizashi merge moves the HubSpot records to the kept company")
struct HubSpotMergeTests {
    /// The sync fixture (`HubSpotSyncFixture`), plus HubSpot record 777 matched to HS103 at import.
    ///
    /// `kizashi merge C9 HS101 HS103`: C9 (no HubSpot ID of its own) keeps HS101's contact HS201,
    /// activities A1 (form, D) and A2 (event, D − 1) and intent I1, so its score is HS101's:
    /// raw = 10 + 12·2^(−1/30) = 21.7259…, score = 100·(1 − e^(−raw/50)) = 35.24… → "35.2".
    /// The records that stood for the dropped companies — 101 (HS101's own ID), 103 (HS103's own
    /// ID) and 777 (matched to HS103) — now mean C9, so each is sent C9's values; before the merge
    /// C9 had no HubSpot record and was the one target account without an ID.
    @Test("merge: the dropped companies' records get the kept company's values; undo restores the links")
    func mergeMovesRecords() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-hs-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: db)
        try await HubSpotSyncFixture.load(into: store)
        try await store.linkCRMRecords(
            provider: "hubspot", objectType: "companies", links: ["777": "HS103"], at: HubSpotSyncFixture.now)
        try await store.close()
        let dryRun = ["sync", "hubspot", "--db", db, "--as-of", "2026-09-30", "--lang", "en", "--dry-run"]

        let before = try HubSpotSyncCLITests.run(dryRun)
        #expect(before.0 == 0)
        #expect(before.1.contains("1 target account(s) have no HubSpot record ID"))

        let merged = try HubSpotSyncCLITests.run(["merge", "C9", "HS101", "HS103", "--db", db])
        #expect(merged.0 == 0, "\(merged.2)")
        let after = try HubSpotSyncCLITests.run(dryRun)
        #expect(after.0 == 0, "\(after.2)")
        let lines = after.1.split(separator: "\n").map(String.init)
        for record in ["101", "103", "777"] {
            let line = try #require(lines.first { $0.hasPrefix("companies \(record): ") }, "\(after.1)")
            #expect(line.contains(#"kizashi_score="35.2""#), "\(line)")
        }
        #expect(!after.1.contains("have no HubSpot record ID"))

        let undone = try HubSpotSyncCLITests.run(["merge", "--undo", "1", "--db", db])
        #expect(undone.0 == 0, "\(undone.2)")
        let reopened = try await SQLiteWorkspaceStore.open(path: db)
        // 777 is HS103's again; the links the merge made for 101 and 103 are gone (those companies
        // are back under their own IDs).
        #expect(try await reopened.crmRecordLinks(provider: "hubspot", objectType: "companies") == ["777": "HS103"])
        try await reopened.close()
        let restored = try HubSpotSyncCLITests.run(dryRun)
        #expect(restored.1.contains("1 target account(s) have no HubSpot record ID"))
    }
}
