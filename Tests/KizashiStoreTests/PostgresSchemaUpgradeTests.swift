import Foundation
import KizashiCore
import Logging
import Testing

@testable import KizashiStore

/// Opening a workspace a migration behind: only the connection is timed, and the migration is
/// announced. Why: migration 15 rewrites `activities` (about 2 min for 10.1 M rows), and the open
/// used to give up after 20 s while the migration ran on.
@Suite(
    "PostgreSQL schema upgrade on open", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set: PostgreSQL skipped"))
struct PostgresSchemaUpgradeTests {
    @Test("a database a migration behind is announced with both versions and migrated to the newest")
    func announcedAndMigrated() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let old = try await PostgresWorkspaceStore.connected(
            location, logger: PostgresWorkspaceStore.defaultLogger, named: "test")
        #expect(try await old.storedSchemaVersion() == 0, "a fresh database has no schema yet")
        try await old.migrate(through: 14)
        #expect(try await old.storedSchemaVersion() == 14)
        try await old.close()

        let log = LogRecorder()
        let logger = Logger(label: "kizashi.test") { _ in RecordingLogHandler(log) }
        let store = try await PostgresWorkspaceStore.open(location, logger: logger, timeout: .seconds(20))
        let newest = PostgresMigrations.all.last?.version ?? 0
        #expect(newest >= 15)
        #expect(try await store.storedSchemaVersion() == newest)
        #expect(log.messages.contains { $0.contains("from schema 14 to \(newest)") }, "\(log.messages)")
        try await store.close()

        // Opened again, up to date: nothing to announce.
        let quiet = LogRecorder()
        let again = try await PostgresWorkspaceStore.open(
            location, logger: Logger(label: "kizashi.test") { _ in RecordingLogHandler(quiet) }, timeout: .seconds(20))
        #expect(!quiet.messages.contains { $0.contains("migrating") })
        try await again.close()
    }
}
