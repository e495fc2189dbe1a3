import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// The change feed tells a server about the other servers' commits only: its own were already
/// applied to its read model as it wrote (an event batch patches it), and heard back they made
/// every batch drop the whole read model (`bench/events.py` on PostgreSQL at large: 470 events/s
/// with a reload per batch, 1,500 without).
@Suite(
    "PostgreSQL change feed", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL skipped"))
struct PostgresChangeFeedTests {
    @Test("a store's change feed passes over its own commits and yields another store's, with its version")
    func ownCommitsAreNotHeard() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let (mine, other) = (
            try await PostgresTestDatabase.open(location), try await PostgresTestDatabase.open(location)
        )
        let heard = HeardVersions()
        let changes = mine.workspaceChanges()
        let listener = Task { for await v in changes { heard.append(v) } }
        // LISTEN is issued on a pooled connection as the feed starts: give it time to be in place.
        try await Task.sleep(for: .milliseconds(500))
        // Three commits of this store (versions 1, 2, 3 of the fresh workspace), then one of the other
        // (version 4): only the other's is heard.
        for id in ["C1", "C2", "C3"] {
            try await mine.transaction { tx in try await tx.upsert(companies: [Build.company(id)]) }
        }
        try await other.transaction { tx in try await tx.upsert(companies: [Build.company("C4")]) }
        let deadline = ContinuousClock.now + .seconds(10)
        while heard.versions.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        // Time for a wrongly heard own commit to arrive too.
        try await Task.sleep(for: .milliseconds(300))
        #expect(heard.versions == [4])
        listener.cancel()
        try await mine.close()
        try await other.close()
    }

    @Test("the own versions kept are bounded: one never heard back is forgotten far behind")
    func ownVersionsBounded() {
        var own = OwnVersions()
        own.insert(1)
        for v in Int64(2)...Int64(1 + OwnVersions.window) { own.insert(v) }
        // 4,097 versions inserted: 1 is now 4,096 behind the newest (4,097) and was dropped.
        let (first, second) = (own.take(1), own.take(2))
        let (newest, again) = (own.take(1 + OwnVersions.window), own.take(1 + OwnVersions.window))
        #expect(!first && second && newest)
        #expect(!again, "taken once")
    }
}

final class HeardVersions: @unchecked Sendable {
    private let lock = NSLock()
    private var heard: [Int64] = []
    var versions: [Int64] { lock.withLock { heard } }
    func append(_ v: Int64) { lock.withLock { heard.append(v) } }
}
