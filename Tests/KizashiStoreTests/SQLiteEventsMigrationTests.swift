import Foundation
import KizashiCore
import SQLiteNIO
import Testing

@testable import KizashiStore

/// Migration 9 moves `events` from a table keyed by the (random) messageId to one in arrival
/// order: a workspace written before it keeps every event, field for field, and its duplicates
/// are still refused.
@Suite("SQLite: migration 9 (events in arrival order)")
struct SQLiteEventsMigrationTests {
    @Test("a schema-8 workspace keeps its events through the migration; a repeated messageId is still a duplicate")
    func keepsEvents() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        // A workspace as Kizashi wrote it before migration 9: migrations 1…8, two events.
        do {
            let db = try SQLiteSchemaFixture.open(at: 8, path: path, appliedAt: "2026-11-30 00:00:00")
            defer { db.close() }
            for (id, received, activity) in [("b-uuid", 2000, "ev:b"), ("a-uuid", 1000, nil)]
                as [(String, Int, String?)]
            {
                try db.execute(
                    """
                    INSERT INTO events (message_id, received_at, occurred_at, type, event, user_id, anonymous_id,
                        activity_type, path, topic, company_id, contact_id, activity_id, payload)
                    VALUES (?, ?, ?, 'page', NULL, NULL, ?, 'web_visit', '/pricing', NULL, ?, NULL, ?, '{"type":"page"}')
                    """,
                    [
                        .text(id), .integer(received), .integer(received - 10), .text("anon-" + id),
                        activity == nil ? .null : .text("C1"), activity.map { .text($0) } ?? .null,
                    ])
            }
        }

        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }
        let raw = try RawSQLiteConnection(path: path)
        defer { raw.close() }
        #expect(
            try raw.query("SELECT max(version) AS v FROM schema_migrations").first?.int("v")
                == SQLiteMigrations.all.last?.version)
        let table = try raw.query("SELECT sql FROM sqlite_master WHERE name = 'events'").first?.text("sql") ?? ""
        #expect(!table.contains("WITHOUT ROWID"))
        // Every field kept; rows now in arrival order (rowid follows received_at).
        let rows = try raw.query(
            "SELECT message_id, received_at, occurred_at, anonymous_id, activity_type, path, company_id, activity_id, payload FROM events ORDER BY rowid"
        )
        #expect(rows.map { $0.text("message_id") } == ["a-uuid", "b-uuid"])
        #expect(rows.map { $0.int("received_at") } == [1000, 2000])
        #expect(rows.map { $0.int("occurred_at") } == [990, 1990])
        #expect(rows.map { $0.text("anonymous_id") } == ["anon-a-uuid", "anon-b-uuid"])
        #expect(rows.map { $0.text("company_id") } == [nil, "C1"])
        #expect(rows.map { $0.text("activity_id") } == [nil, "ev:b"])
        #expect(rows.allSatisfy { $0.text("payload") == #"{"type":"page"}"# && $0.text("path") == "/pricing" })
        // The partial indexes of unresolved events came back.
        let indexes = try raw.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
            .compactMap { $0.text("name") }
        #expect(Set(indexes).isSuperset(of: ["events_user", "events_anonymous"]))

        let known = try await store.transaction { tx in
            try await tx.storedMessageIds(["a-uuid", "b-uuid", "c-uuid"])
        }
        #expect(known == ["a-uuid", "b-uuid"])
    }
}
