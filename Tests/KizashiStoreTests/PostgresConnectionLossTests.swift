import Foundation
import KizashiCore
import Logging
import PostgresNIO
import Testing

@testable import KizashiStore

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
        let store = try await PostgresTestDatabase.open(location)
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
        let store = try await PostgresTestDatabase.open(location)
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

/// A real restart of the database server under a running store (issue 5): `.ci/run` runs this
/// suite on its own after the main run, with `KIZASHI_TEST_PG_RESTART` set to the command that
/// restarts its throw-away cluster — on its own because a restart cuts every other test's
/// connections too.
@Suite(
    "Store survives a database server restart", .serialized,
    .disabled(
        if: ProcessInfo.processInfo.environment["KIZASHI_TEST_PG_RESTART"] == nil || !PostgresTestDatabase.enabled,
        "KIZASHI_TEST_PG_RESTART is not set (.ci/run sets it for a separate run)"))
struct PostgresRestartTests {
    /// Runs the restart command with posix_spawn and waits for it. (Foundation's Process never
    /// returned from waitUntilExit here: the restarted server, a grandchild, lives on.)
    static func restartServer() throws {
        let command = ProcessInfo.processInfo.environment["KIZASHI_TEST_PG_RESTART"] ?? "false"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        #expect(rc == 0, "posix_spawn failed: \(rc)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        #expect(status == 0, "the restart command failed (status \(status))")
    }

    /// One step of the test, given `limit` to finish (the store's own `race`): a step that hangs
    /// fails the test — stderr names the step — instead of holding CI until its own time limit.
    static func step<T: Sendable>(
        _ name: String, limit: Duration = .seconds(60), _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        let started = clock.now
        FileHandle.standardError.write(Data("restart test: \(name)…\n".utf8))
        let value = try await race(limit, body)
        FileHandle.standardError.write(Data("restart test: \(name) done in \(clock.now - started)\n".utf8))
        return value
    }

    @Test("reads and writes work again after a restart; a write in flight during it commits whole or not at all")
    func restart() async throws {
        let location = try await Self.step("a fresh database") { try await PostgresTestDatabase.fresh() }
        let store = try await Self.step("open") { try await PostgresTestDatabase.open(location) }
        defer { Task { try? await store.close() } }
        try await Self.step("first write") {
            try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        }
        try await Self.step("restart (idle)") { try Self.restartServer() }
        let read = try await Self.step("read after restart") {
            try await store.companies(after: nil, limit: 10).map(\.id)
        }
        #expect(read == ["C1"])
        try await Self.step("write after restart") {
            try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C2")]) }
        }
        #expect(try await Self.step("count") { try await store.counts()[.companies] } == 2)

        // A large write racing a restart: afterwards its 5,000 rows are all there or none is.
        let writer = Task {
            try await store.transaction { tx in
                for k in 0..<50 {
                    try await tx.upsert(companies: (0..<100).map { Build.company("W\(k)-\($0)") })
                }
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        try await Self.step("restart (under a write)") { try Self.restartServer() }
        let committed = try await Self.step("the racing write ends") { (try? await writer.value) != nil }
        let n = try await Self.step("count after the race") { try await store.counts()[.companies] ?? 0 }
        #expect(n == (committed ? 5002 : 2), "committed \(committed), \(n) companies")
        try await Self.step("write after the race") {
            try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C3")]) }
        }
        let firstThree = try await Self.step("read after the race") {
            try await store.companies(after: nil, limit: 3).map(\.id)
        }
        #expect(firstThree == ["C1", "C2", "C3"])
    }
}
