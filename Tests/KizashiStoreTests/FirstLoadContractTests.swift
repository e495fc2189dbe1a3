import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// A first load large enough for PostgreSQL's bulk path (`PostgresFirstLoad`: 500 rows or more
/// into an empty `activities`, keys and indexes dropped and built again at the end) must give
/// what the upsert path gives: the last row of an ID, exact roll-ups, the same schema after.
extension StoreContractTests {
    /// 600 web visits at C1 on 09-01 (A0000…A0599) per batch; `replaced` rows of an earlier ID.
    private static func visits(_ range: Range<Int>) -> [Activity] {
        range.map { i in
            Activity(
                id: String(format: "A%04d", i), occurredAt: Build.jst("2026-09-01", 9), type: .webVisit,
                companyId: "C1", url: "https://example.jp/\(i)\ttab")
        }
    }

    private static func replacement(_ i: Int, _ type: ActivityType, company: String? = "C2", contact: String? = nil)
        -> Activity
    {
        Activity(
            id: String(format: "A%04d", i), occurredAt: Build.jst("2026-09-02", 9), type: type, companyId: company,
            contactId: contact)
    }

    @Test(
        "a large first load keeps the last row of an ID repeated in a batch and across batches",
        arguments: StoreBackend.allCases)
    func largeFirstLoadRepeatedIds(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        // Batch 1: A0000…A0599, then A0010 again (same batch). Batch 2: A0600…A1199 with A0020
        // twice (an earlier batch's ID; the second wins) and A0650 again (same batch).
        let first = Self.visits(0..<600) + [Self.replacement(10, .emailOpen)]
        let second =
            Self.visits(600..<1200) + [
                Self.replacement(20, .formSubmit), Self.replacement(650, .emailOpen), Self.replacement(20, .emailOpen),
            ]
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(activities: first)
            try await tx.upsert(activities: second)
        }
        var expected = Self.visits(0..<1200)
        for i in [10, 20, 650] { expected[i] = Self.replacement(i, .emailOpen) }
        #expect(try await store.activities(after: nil, limit: 5000) == expected)
        #expect(try await store.counts()[.activities] == 1200)
        // 1,200 IDs, three of them replaced by an email open at C2 on 09-02: 1,197 + 3.
        let cells: [String: Int32] = ["2026-09-01 C1 web_visit": 1197, "2026-09-02 C2 email_open": 3]
        #expect(try await Build.rollupCells(store) == cells)

        // The same rows again (the upsert path, the table no longer empty) change nothing.
        try await store.transaction { tx in
            try await tx.upsert(activities: first)
            try await tx.upsert(activities: second)
        }
        #expect(try await store.activities(after: nil, limit: 5000) == expected)
        #expect(try await Build.rollupCells(store) == cells)
    }

    @Test(
        "a contact moving during a large first load moves the rows resolved through it, waiting ones too",
        arguments: StoreBackend.allCases)
    func largeFirstLoadContactMove(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C1")])
            // A0005 again, now a visit of contact P1 alone (resolved to C1 when written).
            try await tx.upsert(
                activities: Self.visits(0..<600) + [Self.replacement(5, .webVisit, company: nil, contact: "P1")])
            // P1 moves to C2: A0005 (through P1) moves with it.
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C2")])
        }
        #expect(try await store.counts()[.activities] == 600)
        // 599 visits at C1 on 09-01; A0005 on 09-02, at C2 through P1.
        #expect(try await Build.rollupCells(store) == ["2026-09-01 C1 web_visit": 599, "2026-09-02 C2 web_visit": 1])
    }

    /// Every key and index of the workspace's tables, as PostgreSQL describes them.
    private static func keysAndIndexes(_ store: PostgresWorkspaceStore) async throws -> [String] {
        let constraints = try await store.read(
            """
            SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated AS d
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND NOT t.relispartition ORDER BY 1
            """)
        // A month's partition of activities (migration 15) has the parent's keys and indexes;
        // `partitionIndexes` checks those.
        let indexes = try await store.read(
            """
            SELECT i.indexdef AS d FROM pg_indexes i JOIN pg_class t ON t.relname = i.tablename
              AND t.relnamespace = current_schema()::regnamespace
            WHERE i.schemaname = current_schema() AND NOT t.relispartition ORDER BY 1
            """)
        return try (constraints + indexes).map { try $0.requiredText("d") }
    }

    private static func signals(_ range: Range<Int>, company: String = "C1") -> [IntentSignal] {
        range.map { i in
            IntentSignal(
                id: "I\(i)", companyId: company, observedOn: Build.day("2026-09-01"), topic: "SFA",
                kind: .keywordSearch, score: 50)
        }
    }

    @Test("after large first loads on PostgreSQL every key and index is back; a failed load leaves them")
    func largeFirstLoadSchema() async throws {
        guard StoreBackend.allCases.contains(.postgres) else { return }
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        let before = try await Self.keysAndIndexes(store)
        #expect(before.contains { $0 == "activities activities_pkey PRIMARY KEY (activity_id, day) true" }, "\(before)")
        #expect(before.contains { $0.hasPrefix("activities activities_company_id_fkey FOREIGN KEY") }, "\(before)")
        #expect(before.contains { $0.hasPrefix("intent intent_company_id_fkey FOREIGN KEY") }, "\(before)")

        // Rows naming a company that is not there: the foreign keys, built again at the end,
        // refuse them, and the whole transaction rolls back.
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C1")])
                try await tx.upsert(
                    activities: Self.visits(0..<600) + [Self.replacement(600, .webVisit, company: "CX")])
            }
        }
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C1")])
                try await tx.upsert(intent: Self.signals(0..<600) + Self.signals(600..<601, company: "CX"))
            }
        }
        #expect(try await store.counts()[.activities] == 0)
        #expect(try await store.counts()[.companies] == 0)
        #expect(try await Self.keysAndIndexes(store) == before)

        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: Self.visits(0..<600))
            try await tx.upsert(intent: Self.signals(0..<600))
        }
        #expect(try await store.counts()[.activities] == 600)
        #expect(try await store.counts()[.intent] == 600)
        #expect(try await Self.keysAndIndexes(store) == before)
        // The 600 visits are all on 2026-09-01: one partition, with the parent's key and index.
        let partitionIndexes = try await store.read(
            "SELECT indexname AS d FROM pg_indexes WHERE tablename = 'activities_m2026_09' ORDER BY 1")
        #expect(
            try partitionIndexes.map { try $0.requiredText("d") } == [
                "activities_m2026_09_account_key_occurred_at_idx", "activities_m2026_09_pkey",
            ])
        // The keys work again: a company with rows referring to it cannot be deleted.
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in try await tx.deleteCompany(id: "C1") }
        }
    }
}
