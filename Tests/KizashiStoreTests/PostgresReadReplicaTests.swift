import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// `--read-db`: which reads go to the read database and which stay on the primary, shown with
/// a second, different workspace standing in for the replica (so a row's origin is visible:
/// a real replica holds the same rows). The real streaming replica is tested end to end in
/// KizashiAppTests (`ReadReplicaServerTests`).
@Suite(
    "PostgreSQL read replica routing", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL skipped"))
struct PostgresReadReplicaTests {
    static let quarter = KPIDataRequirements(periods: [KPIPeriod(label: "2026Q3")!], parameters: ScoringParameters())

    /// Two migrated workspaces: the primary with P1, P2 and gross_margin 0.6; the stand-in
    /// replica with R1 and gross_margin 0.4.
    static func twoWorkspaces() async throws -> (PostgresLocation, PostgresLocation) {
        let (primary, replica) = (try await PostgresTestDatabase.fresh(), try await PostgresTestDatabase.fresh())
        for (location, ids, margin) in [(primary, ["P1", "P2"], "0.6"), (replica, ["R1"], "0.4")] {
            let store = try await PostgresTestDatabase.open(location)
            try await store.transaction { tx in
                try await tx.upsert(companies: ids.map { Build.company($0) })
                try await tx.setSetting("gross_margin", to: margin)
            }
            try await store.close()
        }
        return (primary, replica)
    }

    @Test("reports read the read database; settings, reference look-ups and every write use the primary")
    func routing() async throws {
        let (primary, replica) = try await Self.twoWorkspaces()
        let store = try await PostgresWorkspaceStore.open(
            primary, readReplica: replica, timeout: PostgresTestDatabase.setupTimeout)
        defer { Task { try? await store.close() } }

        // The KPI dataset comes from the read database: R1 only.
        #expect(try await store.kpiDataset(Self.quarter).companies.map(\.id) == ["R1"])
        // A setting and the importer's reference look-up come from the primary.
        #expect(try await store.settings()["gross_margin"] == "0.6")
        #expect(try await store.companyIds() == ["P1", "P2"])

        // A write lands on the primary and not on the read database (a real replica refuses it).
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("P3")]) }
        let onPrimary = try await PostgresTestDatabase.open(primary)
        let onReplica = try await PostgresTestDatabase.open(replica)
        #expect(try await onPrimary.companyIds() == ["P1", "P2", "P3"])
        #expect(try await onReplica.companyIds() == ["R1"])
        try await onPrimary.close()
        try await onReplica.close()
    }

    @Test("the change feed follows the read database's change sequence")
    func changeFeedFollowsTheReplica() async throws {
        let (primary, replica) = try await Self.twoWorkspaces()
        let store = try await PostgresWorkspaceStore.open(
            primary, readReplica: replica, timeout: PostgresTestDatabase.setupTimeout)
        let other = try await PostgresTestDatabase.open(replica)
        defer { Task { _ = (try? await store.close(), try? await other.close()) } }
        let changes = store.workspaceChanges()
        // Let the feed read the starting sequence (it polls every 200 ms).
        try await Task.sleep(for: .milliseconds(600))
        try await other.transaction { tx in try await tx.upsert(companies: [Build.company("R2")]) }
        let version = try await other.workspaceVersion()
        let seen = await Self.first(of: changes, within: .seconds(2))
        #expect(seen == version, "the feed did not yield the read database's new version within 2 s")
    }

    @Test("a read database without this workspace's schema is refused, naming it")
    func emptyReplicaRefused() async throws {
        let primary = try await PostgresTestDatabase.fresh()
        _ = try await PostgresTestDatabase.open(primary).close()
        let empty = try await PostgresTestDatabase.fresh()  // created, never migrated
        await #expect {
            _ = try await PostgresWorkspaceStore.open(primary, readReplica: empty, timeout: .seconds(1))
        } throws: { error in
            let message = (error as? StoreError)?.message ?? ""
            return message.contains("read replica") && message.contains(empty.database)
                && message.contains("no Kizashi schema")
        }
    }

    /// The first value of `stream` within `limit`, or nil.
    static func first(of stream: AsyncStream<Int64>, within limit: Duration) async -> Int64? {
        await withTaskGroup(of: Int64?.self) { group in
            group.addTask {
                for await v in stream { return v }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
