import Foundation
import KizashiCore
import Logging
import Testing

@testable import KizashiStore

/// What a store does when its own bookkeeping is found wrong, and the small honest answers
/// (schema version, change feed): on every backend, the same.
@Suite("Store contract: repairs and reports")
struct StoreRepairContractTests {
    /// Opens a fresh store of `backend` with a logger that keeps what it is told, and runs
    /// `body` on it, typed: the test reaches the store's tables as only the store's code may.
    static func withStore(
        _ backend: StoreBackend,
        _ body: @escaping @Sendable (any SQLWorkspaceBackend, LogRecorder) async throws -> Void
    ) async throws {
        let log = LogRecorder()
        let logger = Logger(label: "kizashi.test") { _ in RecordingLogHandler(log) }
        let store: any SQLWorkspaceBackend
        switch backend {
        case .sqlite:
            store = try await SQLiteWorkspaceStore.open(
                path: TemporaryDirectory.make().appendingPathComponent("w.sqlite").path, logger: logger)
        case .postgres:
            store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh(), logger: logger)
        }
        do {
            try await body(store, log)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Runs `sql` in a write transaction of the store's own, bypassing the bookkeeping.
    static func tamper(_ store: some SQLWorkspaceBackend, _ sql: StoredSQL) async throws {
        try await store.withTransaction(referencesChecked: false) { tx in try await tx.run(sql) }
    }

    @Test(
        "a roll-up found wrong (missing, or unreadable) is rebuilt from the activities, and the store logs it",
        arguments: StoreBackend.allCases)
    func rebuildsAndLogs(backend: StoreBackend) async throws {
        for damage: StoredSQL in [
            "DELETE FROM activity_days",
            // 5 bytes: not a whole number of 9-byte cells.
            "UPDATE activity_days SET entries = \(StoredValue.blob([1, 2, 3, 4, 5]))",
        ] {
            try await Self.withStore(backend) { store, log in
                try await store.transaction { tx in
                    try await tx.upsert(companies: [Build.company("C1")])
                    try await tx.upsert(activities: [
                        Activity(id: "A1", occurredAt: Build.jst("2026-09-30", 10), type: .webVisit, companyId: "C1")
                    ])
                }
                #expect(try await Build.rollupCells(store) == ["2026-09-30 C1 web_visit": 1])
                try await Self.tamper(store, damage)
                // Replacing A1 takes its old count (web_visit on 09-30) out of a roll-up that no
                // longer holds it: −1, which the store must not store.
                try await store.transaction { tx in
                    try await tx.upsert(activities: [
                        Activity(id: "A1", occurredAt: Build.jst("2026-09-30", 11), type: .formSubmit, companyId: "C1")
                    ])
                }
                #expect(try await Build.rollupCells(store) == ["2026-09-30 C1 form_submit": 1])
                #expect(log.messages.contains { $0.contains("activity roll-ups are inconsistent") }, "\(log.messages)")
            }
        }
    }

    @Test("an unknown stored time zone is logged, and activities count in Asia/Tokyo", arguments: StoreBackend.allCases)
    func unknownTimeZone(backend: StoreBackend) async throws {
        try await Self.withStore(backend) { store, log in
            try await Self.tamper(store, "INSERT INTO settings (key, value) VALUES ('time_zone', 'Mars/Olympus_Mons')")
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C1")])
                // 23:30 JST on 09-30 is 14:30Z: the 30th in Tokyo.
                try await tx.upsert(activities: [
                    Activity(id: "A1", occurredAt: Build.jst("2026-09-30", 23, 30), type: .webVisit, companyId: "C1")
                ])
            }
            #expect(try await Build.rollupCells(store) == ["2026-09-30 C1 web_visit": 1])
            #expect(log.messages.contains { $0.contains("the stored time zone is unknown") }, "\(log.messages)")
        }
    }

    @Test(
        "the schema version is the newest migration; the description names the backend",
        arguments: StoreBackend.allCases)
    func schema(backend: StoreBackend) async throws {
        try await Self.withStore(backend) { store, _ in
            let version = try await store.schemaVersion()
            switch backend {
            case .sqlite:
                #expect(version == SQLiteMigrations.all.last?.version)
                #expect(store.workspaceDescription.hasPrefix("SQLite /"))
            case .postgres:
                #expect(version == PostgresWorkspaceStore.latestSchemaVersion)
                #expect(store.workspaceDescription.hasPrefix("PostgreSQL postgres://"))
            }
        }
    }

    @Test("an SQLite workspace's change feed yields nothing, even after a write, and ends when its reader stops")
    func sqliteChangeFeed() async throws {
        try await Self.withStore(.sqlite) { store, _ in
            let changes = store.workspaceChanges()
            let listener = Task { () -> Int in
                var heard = 0
                for await _ in changes { heard += 1 }
                return heard
            }
            try await store.transaction { tx in try await tx.upsert(companies: [Build.company("C1")]) }
            try await Task.sleep(for: .milliseconds(100))
            listener.cancel()
            // Bounded: a feed that did not end would hold the test, not fail it.
            let heard = try await race(.seconds(10)) { await listener.value }
            #expect(heard == 0)
        }
    }
}

/// What a `RecordingLogHandler` was told, across tasks.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var messages: [String] { lock.withLock { lines } }
    func append(_ s: String) { lock.withLock { lines.append(s) } }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning
    init(_ recorder: LogRecorder) { self.recorder = recorder }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        recorder.append("\(event.level): \(event.message) \(event.metadata ?? [:])")
    }
}
