import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 23: `events` partitioned by the UTC month of `received_at` on PostgreSQL (migration
/// 17), its messageIds kept apart in `event_ids` so a resend stays a duplicate in any month, and
/// old months archived and restored with the activities' (`kizashi archive`).
///
/// Instants used (milliseconds since 1970-01-01 UTC; a day is 86,400,000 ms):
/// - 2026-09-01T00:00Z = day 20697 → 1,788,220,800,000
/// - 2026-10-01T00:00Z = day 20727 (20697 + 30) → 1,790,812,800,000
/// - 2026-11-01T00:00Z = day 20758 (20727 + 31) → 1,793,491,200,000
extension StoreContractTests {
    @Test(
        "a messageId is a duplicate whatever the month it comes back in; a resolution finds its event",
        arguments: StoreBackend.allCases)
    func eventIdsAcrossMonths(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        typealias T = EventPartitionTests
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.insert(events: [
                T.page("m1", user: "u1", at: T.september1 + 1000), T.page("m2", user: "u1", at: T.october1 + 1000),
            ])
        }
        // m1 resent in November, m3 new: only m1 is stored already.
        #expect(try await store.transaction { tx in try await tx.storedMessageIds(["m1", "m3"]) } == ["m1"])
        let open = try await store.transaction { tx in try await tx.unresolvedEvents(userIds: ["u1"], anonymousIds: [])
        }
        #expect(open.map(\.event.messageId) == ["m1", "m2"])
        try await store.transaction { tx in
            try await tx.markResolved(open[1], companyId: "C1", contactId: nil, activityId: "evt-m2")
        }
        let left = try await store.transaction { tx in
            try await tx.unresolvedEvents(userIds: ["u1"], anonymousIds: [])
        }
        #expect(left.map(\.event.messageId) == ["m1"])
    }
}

@Suite(
    "PostgreSQL: events partitioned by month (issue 23)", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set"))
struct EventPartitionTests {
    static let september1: Int64 = 1_788_220_800_000
    static let october1: Int64 = 1_790_812_800_000
    static let november1: Int64 = 1_793_491_200_000

    static func partitions(_ store: PostgresWorkspaceStore) async throws -> [String] {
        try await store.read(
            """
            SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'events'::regclass ORDER BY 1
            """
        ).map { try $0.requiredText("name") }
    }

    /// A page view of `user` received (and sent) at `ms`, not yet resolved to an account.
    static func page(_ id: String, user: String, at ms: Int64) -> StoredEvent {
        let at = Instant(millisecondsSinceEpoch: ms)
        return StoredEvent(
            event: TrackedEvent(
                messageId: id, kind: .page, name: nil, userId: user, anonymousId: nil, occurredAt: at,
                path: "/pricing", topic: nil, email: nil, groupId: nil, activityType: .webVisit, payload: "{}"),
            receivedAt: at, companyId: nil, contactId: nil, activityId: nil)
    }

    static func ids(_ store: PostgresWorkspaceStore, _ table: String) async throws -> [String] {
        try await store.read("SELECT message_id FROM \(raw: table) ORDER BY message_id").map {
            try $0.requiredText("message_id")
        }
    }

    @Test("migration 17 moves an existing workspace's events into month partitions and keeps their ids")
    func migrationKeepsEvents() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let old = try await PostgresWorkspaceStore.connected(
            location, logger: PostgresWorkspaceStore.defaultLogger, named: "test")
        try await old.migrate(through: 16)
        // The last millisecond of September and the first of October (UTC): two months.
        _ = try await old.write(
            """
            INSERT INTO events (message_id, received_at, occurred_at, type, user_id, activity_type, payload)
            VALUES ('m1', 1790812799999, 1790812799999, 'page', 'u1', 'web_visit', '{}'),
                   ('m2', 1790812800000, 1790812800000, 'page', 'u1', 'web_visit', '{}')
            """)
        try await old.close()

        let store = try await PostgresTestDatabase.open(location)
        defer { Task { try? await store.close() } }
        #expect(try await store.schemaVersion() == 17)
        #expect(try await Self.partitions(store) == ["events_m2026_09", "events_m2026_10"])
        #expect(try await Self.ids(store, "events_m2026_09") == ["m1"])
        #expect(try await Self.ids(store, "events_m2026_10") == ["m2"])
        #expect(try await Self.ids(store, "event_ids") == ["m1", "m2"])
        // Both still unresolved events of u1.
        let unresolved = try await store.transaction { tx in
            try await tx.unresolvedEvents(userIds: ["u1"], anonymousIds: [])
        }
        #expect(unresolved.map(\.event.messageId) == ["m1", "m2"])
    }

    @Test("a messageId stored in one month is a duplicate in the next; new months get partitions")
    func duplicateAcrossMonths() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        #expect(try await Self.partitions(store) == [])
        try await store.transaction { tx in
            try await tx.insert(events: [Self.page("m1", user: "u1", at: Self.september1 + 1000)])
        }
        #expect(try await Self.partitions(store) == ["events_m2026_09"])
        // The same id sent again in October: seen, whatever the month it would go to.
        let seen = try await store.transaction { tx in try await tx.storedMessageIds(["m1", "m2"]) }
        #expect(seen == ["m1"])
        // Written anyway (the ingestor never does), it is refused, not kept twice.
        await #expect(throws: (any Error).self) {
            try await store.transaction { tx in
                try await tx.insert(events: [Self.page("m1", user: "u1", at: Self.october1 + 1000)])
            }
        }
        #expect(try await Self.ids(store, "events") == ["m1"])
        // Two new ids in October and November: one partition each, made in the batch's transaction.
        try await store.transaction { tx in
            try await tx.insert(events: [
                Self.page("m2", user: "u1", at: Self.october1), Self.page("m3", user: "u2", at: Self.november1 - 1),
                Self.page("m4", user: "u2", at: Self.november1),
            ])
        }
        #expect(try await Self.partitions(store) == ["events_m2026_09", "events_m2026_10", "events_m2026_11"])
        #expect(try await Self.ids(store, "events_m2026_10") == ["m2", "m3"])
        #expect(try await Self.ids(store, "event_ids") == ["m1", "m2", "m3", "m4"])

        // Resolving an event finds it in its month.
        let m3 = try #require(
            try await store.transaction { tx in try await tx.unresolvedEvents(userIds: ["u2"], anonymousIds: []) }
                .first)
        #expect(m3.event.messageId == "m3")
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.markResolved(m3, companyId: "C1", contactId: nil, activityId: "evt-m3")
        }
        let left = try await store.transaction { tx in
            try await tx.unresolvedEvents(userIds: ["u2"], anonymousIds: [])
        }
        #expect(left.map(\.event.messageId) == ["m4"])
    }

    @Test("archive moves event months aside with the activities'; their ids stay taken; restore brings them back")
    func archiveEvents() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            // An activity on 2026-09-15 (Tokyo), events in September (2) and October (1).
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-15", 9), type: .webVisit, companyId: "C1")
            ])
            try await tx.insert(events: [
                Self.page("m1", user: "u1", at: Self.september1 + 1000),
                Self.page("m2", user: "u1", at: Self.september1 + 2000),
                Self.page("m3", user: "u1", at: Self.october1 + 1000),
            ])
        }
        let archived = try await store.archiveActivities(
            before: ActivityMonth(parsing: "2026-10")!, at: Instant(millisecondsSinceEpoch: 0))
        #expect(archived == [ArchivedActivityMonth(month: ActivityMonth(parsing: "2026-09")!, rows: 1, events: 2)])
        #expect(try await store.archivedActivityMonths() == archived)
        #expect(try await Self.partitions(store) == ["events_m2026_10"])
        #expect(try await Self.ids(store, "kizashi_archive.events_m2026_09") == ["m1", "m2"])

        // A resend of an archived event is still a duplicate.
        #expect(try await store.transaction { tx in try await tx.storedMessageIds(["m1", "m9"]) } == ["m1"])
        // While archived, u1's September events are not found to resolve; October's is.
        let open = try await store.transaction { tx in
            try await tx.unresolvedEvents(userIds: ["u1"], anonymousIds: [])
        }
        #expect(open.map(\.event.messageId) == ["m3"])
        // An event received in an archived month (a copy, say) is refused, naming the way back.
        do {
            try await store.transaction { tx in
                try await tx.insert(events: [Self.page("m8", user: "u1", at: Self.september1 + 5000)])
            }
            Issue.record("an event of an archived month should be refused")
        } catch let e as StoreError {
            #expect("\(e)".contains("events of 2026-09 cannot be written"), "\(e)")
            #expect("\(e)".contains("kizashi archive --restore 2026-09"), "\(e)")
        }

        let restored = try await store.restoreActivities(from: nil)
        #expect(restored == archived)
        #expect(try await store.archivedActivityMonths().isEmpty)
        #expect(try await Self.partitions(store) == ["events_m2026_09", "events_m2026_10"])
        let back = try await store.transaction { tx in
            try await tx.unresolvedEvents(userIds: ["u1"], anonymousIds: [])
        }
        #expect(back.map(\.event.messageId) == ["m1", "m2", "m3"])
    }

    @Test("a copied event replacing a stored one may change month: one row, one id")
    func portableEventsReplace() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.insert(events: [Self.page("m1", user: "u1", at: Self.september1 + 1000)])
        }
        let table = try #require(PortableTable.all.first { $0.name == "events" })
        // m1 as another workspace holds it: received in October; and m2, new, in November.
        let columns = ["message_id", "received_at", "occurred_at", "type", "user_id", "activity_type", "payload"]
        func row(_ id: String, _ ms: Int64) -> PortableRow {
            PortableRow(
                columns: columns,
                values: [
                    .text(id), .integer(ms), .integer(ms), .text("page"), .text("u1"), .text("web_visit"), .text("{}"),
                ])
        }
        let rows = [row("m1", Self.october1 + 7), row("m2", Self.november1 + 7)]
        try await store.transaction { tx in try await tx.insert(portable: table, rows: rows, replace: true) }
        let stored = try await store.read("SELECT message_id, received_at FROM events ORDER BY message_id").map {
            "\($0.text("message_id") ?? "") \($0.int64("received_at") ?? 0)"
        }
        #expect(stored == ["m1 \(Self.october1 + 7)", "m2 \(Self.november1 + 7)"])
        #expect(try await Self.ids(store, "event_ids") == ["m1", "m2"])
        #expect(try await Self.partitions(store) == ["events_m2026_09", "events_m2026_10", "events_m2026_11"])
    }

    @Test("month arithmetic of arrival times and bigint bounds")
    func utcMonths() {
        // The last millisecond of September and the first of October.
        #expect(ActivityMonth(utcMonthOf: Instant(millisecondsSinceEpoch: Self.october1 - 1))?.description == "2026-09")
        #expect(ActivityMonth(utcMonthOf: Instant(millisecondsSinceEpoch: Self.october1))?.description == "2026-10")
        // Before 1970: −1 ms is 1969-12-31, in December 1969 (floor, not truncation toward zero).
        #expect(ActivityMonth(utcMonthOf: Instant(millisecondsSinceEpoch: -1))?.description == "1969-12")
        // Past the days an Int32 names: no month, and no trap.
        #expect(ActivityMonth(utcMonthOf: Instant(millisecondsSinceEpoch: .max)) == nil)
        #expect(ActivityMonth(utcMonthOf: Instant(millisecondsSinceEpoch: .min)) == nil)
        let october = ActivityMonth(parsing: "2026-10")!
        #expect(october.partitionName(of: "events") == "events_m2026_10")
        #expect(MonthPartitionedTable.events.bounds(october) == "FOR VALUES FROM (1790812800000) TO (1793491200000)")
        #expect(MonthPartitionedTable.events.month(lowerBound: Self.october1) == october)
        // Not a day's start: not one of ours.
        #expect(MonthPartitionedTable.events.month(lowerBound: Self.october1 + 1) == nil)
        // PostgreSQL prints a bigint bound quoted.
        #expect(
            PostgresTransaction.lowerBound(of: "FOR VALUES FROM ('1790812800000') TO ('1793491200000')")
                == Self.october1)
        #expect(PostgresTransaction.lowerBound(of: "FOR VALUES FROM ('-86400000') TO ('0')") == -86_400_000)
    }
}
