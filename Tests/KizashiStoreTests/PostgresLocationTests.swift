import Foundation
import KizashiStore
import Testing

@Suite("PostgreSQL location")
struct PostgresLocationTests {
    /// Locally this shows as skipped, with the reason; in CI (CI=true) a missing URL fails it.
    @Test(
        "the PostgreSQL store tests have a server",
        .disabled(
            if: !PostgresTestDatabase.enabled,
            "KIZASHI_TEST_POSTGRES_URL is not set: the PostgreSQL cases of the store contract are skipped (run scripts/pg-cluster.sh start and export the URL it prints)"
        ))
    func serverConfigured() {
        #expect(PostgresTestDatabase.url != nil, "CI must set KIZASHI_TEST_POSTGRES_URL (.ci/run starts a cluster)")
    }

    @Test("a libpq-style URL: user, percent-encoded password, host, port, database, sslmode")
    func parsesURL() throws {
        let l = try PostgresLocation(url: "postgres://abm:p%40ss%2Fword@db.example.jp:6543/kizashi?sslmode=require")
        #expect(l.username == "abm")
        #expect(l.password == "p@ss/word")
        #expect(l.host == "db.example.jp")
        #expect(l.port == 6543)
        #expect(l.database == "kizashi")
        #expect(l.sslMode == .require)
        #expect(l.redacted == "postgres://abm:***@db.example.jp:6543/kizashi?sslmode=require")
        #expect(!l.redacted.contains("p@ss"))
    }

    @Test("defaults: port 5432, sslmode prefer, database named after the user")
    func defaults() throws {
        let l = try PostgresLocation(url: "postgresql://abm@localhost")
        #expect(l.port == 5432)
        #expect(l.sslMode == .prefer)
        #expect(l.database == "abm")
        #expect(l.password == nil)
        #expect(l.maximumConnections == 10)
    }

    @Test("bad URLs are refused with the reason")
    func refusals() {
        #expect(throws: StoreError.self) { try PostgresLocation(url: "mysql://x@y/z") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres:///db") }
        do {
            _ = try PostgresLocation(url: "postgres://u@h/d?sslmode=maybe")
            Issue.record("accepted sslmode=maybe")
        } catch {
            #expect("\(error)".contains("sslmode=maybe"))
        }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres://u@h/d?pool_max=0") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres://u@h/d?colour=blue") }
    }

    @Test("an unreachable server fails with a clear message, not a hang")
    func unreachable() async throws {
        // Port 1 on loopback: nothing listens there.
        let location = try PostgresLocation(url: "postgres://u@127.0.0.1:1/d?sslmode=disable")
        do {
            let store = try await PostgresWorkspaceStore.open(location, timeout: .seconds(5))
            try await store.close()
            Issue.record("opened a store on a closed port")
        } catch let e as StoreError {
            #expect(e.message.contains("127.0.0.1:1"))
        }
    }
}

/// Against the test server (scripts/pg-cluster.sh gives it a self-signed certificate).
@Suite(
    "PostgreSQL: TLS and migrations", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: skipped"))
struct PostgresServerTests {
    @Test("sslmode=require connects over TLS; verify-full refuses a self-signed certificate with the reason")
    func tls() async throws {
        var location = try await PostgresTestDatabase.fresh()
        location.sslMode = .require
        let store = try await PostgresTestDatabase.open(location)
        try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
        #expect(try await store.counts()[.companies] == 1)
        try await store.close()
        location.sslMode = .verifyFull
        do {
            let s = try await PostgresWorkspaceStore.open(location, timeout: .seconds(10))
            try await s.close()
            Issue.record("verify-full accepted a self-signed certificate")
        } catch let e as StoreError {
            #expect(e.message.contains("cannot connect"), "\(e.message)")
        }
    }

    @Test("two processes opening a new database at once: migrations applied exactly once")
    func concurrentMigrations() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let stores = try await withThrowingTaskGroup(of: PostgresWorkspaceStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresTestDatabase.open(location) } }
            var out: [PostgresWorkspaceStore] = []
            for try await s in group { out.append(s) }
            return out
        }
        #expect(stores.count == 4)
        #expect(try await stores[0].schemaVersion() == PostgresWorkspaceStore.latestSchemaVersion)
        for s in stores { try await s.close() }
    }
}
