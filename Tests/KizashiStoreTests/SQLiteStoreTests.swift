import Foundation
import KizashiCore
import KizashiStore
import Testing

@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("reopening a workspace keeps its data and applies no migration twice")
    func reopen() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let a = try await SQLiteWorkspaceStore.open(path: path)
        try await a.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        try await a.close()
        let b = try await SQLiteWorkspaceStore.open(path: path)
        #expect(try await b.counts()[.companies] == 1)
        try await b.close()
    }

    @Test("a path that cannot be opened gives a clear error")
    func badPath() async throws {
        await #expect(throws: StoreError.self) {
            _ = try await SQLiteWorkspaceStore.open(path: "/nonexistent-dir/x/w.sqlite")
        }
    }

    @Test("activity roll-up blobs encode and decode")
    func blobRoundTrip() throws {
        let r = ActivityDayRollup(
            day: Day(iso: "2026-01-01")!, counts: [.init(account: 5, type: 2): 7, .init(account: -1, type: 0): 1])
        let decoded = try ActivityDayRollup(day: r.day, encoded: r.encoded())
        #expect(decoded == r)
        #expect(r.encoded().count == 18)
    }
}
