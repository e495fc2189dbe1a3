import Foundation
import KizashiCore
import KizashiStore
import Testing

@Suite("SQLite store closing under late callers")
struct SQLiteClosingTests {
    /// A server's background work (a token's last use, a training) may still read or write when
    /// the store closes. Each call must either finish or fail with a `StoreError`; before the
    /// gate, SQLiteNIO could free the connection under a query on another thread (signal 11).
    @Test("reads and writes racing close either finish or fail with a StoreError")
    func closeWhileBusy() async throws {
        for round in 0..<20 {
            let path = TemporaryDirectory.make().appendingPathComponent("w\(round).sqlite").path
            let store = try await SQLiteWorkspaceStore.open(path: path)
            try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<16 {
                    group.addTask {
                        do {
                            if i.isMultiple(of: 2) {
                                return try await store.companyIds() == ["C1"]
                            }
                            // A one-statement write on the writer connection (a user's language).
                            try await store.setLanguage(userId: 1, language: "en")
                            return true
                        } catch is StoreError {
                            return true
                        }
                    }
                }
                group.addTask {
                    try await store.close()
                    return true
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // 16 callers and the close, each either done right or refused with a StoreError.
            #expect(outcomes.count == 17)
            #expect(outcomes.allSatisfy { $0 })
        }
    }

    @Test("a read after close is refused with a StoreError")
    func readAfterClose() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path)
        try await store.close()
        await #expect(throws: StoreError.self) { _ = try await store.companyIds() }
        await #expect(throws: StoreError.self) { _ = try await store.counts() }
    }
}
