import Foundation
import KizashiCore
import KizashiStore
import Logging
import PostgresNIO
import Testing

/// The server's connections dropped under it (what a PostgreSQL restart or failover does to a
/// client): the store recovers without being reopened, and a transaction cut off mid-way leaves
/// nothing behind.
@Suite(
    "PostgreSQL: lost connections", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: skipped"))
struct PostgresConnectionLossTests {
    /// Terminates every other backend connected to `database` (needs the admin URL's rights).
    static func dropConnections(to database: String) async throws {
        let admin = try PostgresLocation(url: PostgresTestDatabase.url ?? "")
        var config = PostgresConnection.Configuration(
            host: admin.host, port: admin.port, username: admin.username, password: admin.password,
            database: admin.database, tls: .disable)
        config.options.connectTimeout = .seconds(5)
        let conn = try await PostgresConnection.connect(configuration: config, id: 99, logger: Logger(label: "test"))
        try await conn.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(database) AND pid <> pg_backend_pid()",
            logger: Logger(label: "test"))
        try await conn.close()
    }

    @Test("after every connection is killed, the next reads and writes succeed on the same store")
    func recovers() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let store = try await PostgresWorkspaceStore.open(location)
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        try await Self.dropConnections(to: location.database)
        #expect(try await store.companies(after: nil, limit: 10).map(\.id) == ["C1"])
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C2")]) }
        #expect(try await store.counts()[.companies] == 2)
    }

    @Test("a transaction whose connection dies before COMMIT fails with a message and writes nothing")
    func inFlight() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let store = try await PostgresWorkspaceStore.open(location)
        defer { Task { try? await store.close() } }
        do {
            try await store.transaction { tx in
                try await tx.upsert(companies: (1...2000).map { Build.company("X\($0)") })
                try await Self.dropConnections(to: location.database)
                // Let the client receive the close the server sent (see PostgresConnection.ensureOpen).
                try await Task.sleep(for: .milliseconds(300))
                try await tx.upsert(companies: [Build.company("Y")])
            }
            Issue.record("the transaction committed over a dead connection")
        } catch let e as StoreError {
            #expect(e.message.contains("nothing was written"), "\(e.message)")
        }
        #expect(try await store.counts()[.companies] == 0)
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("Z")]) }
        #expect(try await store.companies(after: nil, limit: 10).map(\.id) == ["Z"])
    }
}
