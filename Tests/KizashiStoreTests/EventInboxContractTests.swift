import Foundation
import KizashiCore
import KizashiStore
import Testing

@Suite("The event inbox")
struct EventInboxContractTests {
    func inbox(_ backend: StoreBackend) async throws -> any WorkspaceStore & EventInbox {
        switch backend {
        case .sqlite:
            return try await SQLiteWorkspaceStore.open(
                path: TemporaryDirectory.make().appendingPathComponent("w.sqlite").path)
        case .postgres:
            return try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        }
    }

    @Test(
        "batches come back first in first out, with their receive time, until removed", arguments: StoreBackend.allCases
    )
    func fifo(backend: StoreBackend) async throws {
        let store = try await inbox(backend)
        #expect(try await store.inboxBatches(limit: 10).isEmpty)
        let t1 = Instant(millisecondsSinceEpoch: 1_000), t2 = Instant(millisecondsSinceEpoch: 2_000)
        try await store.appendToInbox(events: [#"{"type":"page","messageId":"a"}"#, "{}"], receivedAt: t1)
        try await store.appendToInbox(events: [#"{"type":"page","messageId":"b"}"#], receivedAt: t2)
        let waiting = try await store.inboxBatches(limit: 10)
        #expect(waiting.map(\.receivedAt) == [t1, t2])
        #expect(waiting[0].events == [#"{"type":"page","messageId":"a"}"#, "{}"])
        #expect(try await store.inboxBatches(limit: 1).map(\.id) == [waiting[0].id])
        try await store.removeFromInbox(ids: [waiting[0].id])
        #expect(try await store.inboxBatches(limit: 10).map(\.id) == [waiting[1].id])
        try await store.close()
    }
}
