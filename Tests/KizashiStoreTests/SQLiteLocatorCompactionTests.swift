import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Event batches write one small locator chunk per account each; compaction merges the newest
/// of them and leaves a first load's big chunk alone until they have grown as large.
@Suite("SQLite: locator compaction")
struct SQLiteLocatorCompactionTests {
    // Sizes are oldest first; each case is worked through by hand with the rule "at least the
    // newest half, then each older chunk no larger than what is merged so far".
    @Test("which chunks are merged")
    func mergeStart() {
        let tens = [Int](repeating: 10, count: 32)
        // 33 chunks: the newest 16 (160), then the other 16 tens one by one (320); 1000 > 320.
        #expect(ActivityLocators.mergeStart(sizes: [1000] + tens) == 1)
        // 34 chunks: the newest 17 (170), the tens down to index 2 (320), then 320 <= 320 (640);
        // 1000 > 640.
        #expect(ActivityLocators.mergeStart(sizes: [1000, 320] + tens) == 1)
        // 35 chunks: the tens (320), 320 (640), 640 (1280), then 1000 <= 1280: everything.
        #expect(ActivityLocators.mergeStart(sizes: [1000, 640, 320] + tens) == 0)
        // 7 chunks: the newest 3 (4 + 2 + 1 = 7); 8 > 7.
        #expect(ActivityLocators.mergeStart(sizes: [64, 32, 16, 8, 4, 2, 1]) == 4)
        // Two chunks are always merged; one or none leaves nothing to merge.
        #expect(ActivityLocators.mergeStart(sizes: [1000, 1]) == 0)
        #expect(ActivityLocators.mergeStart(sizes: [5]) == 1)
        #expect(ActivityLocators.mergeStart(sizes: []) == 0)
    }

    @Test("seventy event batches leave the first load's chunk as it was, and every row is found")
    func firstLoadChunkKept() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }
        let august = Build.jst("2026-08-01", 0).millisecondsSinceEpoch
        // H001…H200 on C1, one a minute from 1 Aug 00:01 JST: one first-load chunk of 200
        // entries, each 8 + 2 + 4 bytes = 2,800 bytes.
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(
                activities: (1...200).map {
                    Activity(
                        id: String(format: "H%03d", $0),
                        occurredAt: Instant(millisecondsSinceEpoch: august + Int64($0) * 60_000), type: .webVisit,
                        companyId: "C1")
                })
        }
        let raw = try RawSQLiteConnection(path: path)
        defer { raw.close() }
        let c1 = try #require(
            try raw.query("SELECT company_key FROM companies WHERE company_id = 'C1'").first?.int("company_key"))
        func chunks() throws -> [(id: Int, entries: [UInt8])] {
            try raw.query(
                "SELECT rowid AS id, entries FROM activity_locators WHERE account_key = ? ORDER BY rowid",
                [.integer(c1)]
            ).map { ($0.int("id")!, $0.column("entries")!.bytes!) }
        }
        let base = try #require(try chunks().first)
        #expect(try chunks().count == 1)
        #expect(base.entries.count == 2_800)

        // E01…E70 on 10 Sep at 00:01…01:10 JST, one transaction each; after E40, E05 moves to C2.
        let september = Build.jst("2026-09-10", 0).millisecondsSinceEpoch
        for n in 1...70 {
            let at = Instant(millisecondsSinceEpoch: september + Int64(n) * 60_000)
            try await store.transaction { tx in
                try await tx.upsert(activities: [
                    Activity(id: String(format: "E%02d", n), occurredAt: at, type: .webVisit, companyId: "C1")
                ])
            }
            if n == 40 {
                try await store.transaction { tx in
                    try await tx.upsert(activities: [
                        Activity(id: "E05", occurredAt: Build.jst("2026-09-11", 0), type: .webVisit, companyId: "C2")
                    ])
                }
            }
        }
        // An event entry is 8 + 2 + 3 = 13 bytes. Batch 32 makes 33 chunks: E01…E32 merge into
        // 416 bytes. Batch 63 makes 33 again (base, 416, 31 × 13): E33…E63 merge into 403;
        // 416 > 403 stays. Batches 64…70 add 7 chunks.
        let after = try chunks()
        #expect(after.first?.id == base.id)
        #expect(after.first?.entries == base.entries)
        #expect(after.map(\.entries.count) == [2_800, 416, 403] + [Int](repeating: 13, count: 7))

        // E70…E01 without E05 (its stale entry in the 416-byte chunk is dropped), then H200…H001.
        let expected =
            (1...70).reversed().filter { $0 != 5 }.map { String(format: "E%02d", $0) }
            + (1...200).reversed().map { String(format: "H%03d", $0) }
        #expect(try await store.activities(accountOf: "C1", limit: 500).map(\.id) == expected)
        #expect(try await store.activities(accountOf: "C2", limit: 10).map(\.id) == ["E05"])
    }
}
