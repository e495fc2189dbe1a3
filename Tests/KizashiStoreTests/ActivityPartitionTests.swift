import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 23: `activities` partitioned by month on PostgreSQL (migration 15), months created as
/// data brings them, and old months archived and restored (`kizashi archive`).
extension StoreContractTests {
    @Test(
        "an activity re-imported with a time in another month keeps one row, roll-ups exact",
        arguments: StoreBackend.allCases)
    func activityMovedToAnotherMonth(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let september = Activity(id: "A1", occurredAt: Build.jst("2026-09-15", 9), type: .webVisit, companyId: "C1")
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [september])
        }
        // A1 again, now on 10-03 (another month, so another partition on PostgreSQL): the row of
        // 09-15 is replaced, not kept beside it.
        let october = Activity(id: "A1", occurredAt: Build.jst("2026-10-03", 9), type: .emailOpen, companyId: "C1")
        try await store.transaction { tx in try await tx.upsert(activities: [october]) }
        #expect(try await store.activities(after: nil, limit: 10) == [october])
        #expect(try await store.counts()[.activities] == 1)
        // 09-15 web_visit 1 − 1 = 0 (no cell); 10-03 email_open 0 + 1 = 1.
        #expect(try await Build.rollupCells(store) == ["2026-10-03 C1 email_open": 1])

        // And a move within the month (10-03 → 10-20: the same partition, another key).
        let later = Activity(id: "A1", occurredAt: Build.jst("2026-10-20", 9), type: .emailOpen, companyId: "C1")
        try await store.transaction { tx in try await tx.upsert(activities: [later]) }
        #expect(try await store.activities(after: nil, limit: 10) == [later])
        #expect(try await Build.rollupCells(store) == ["2026-10-20 C1 email_open": 1])
    }
}

@Suite(
    "PostgreSQL: activities partitioned by month (issue 23)", .serialized,
    .disabled(if: !PostgresTestDatabase.enabled, "KIZASHI_TEST_POSTGRES_URL is not set"))
struct ActivityPartitionTests {
    static func partitions(_ store: PostgresWorkspaceStore) async throws -> [String] {
        try await store.read(
            """
            SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'activities'::regclass ORDER BY 1
            """
        ).map { try $0.requiredText("name") }
    }

    static func visit(_ id: String, _ day: String) -> Activity {
        Activity(id: id, occurredAt: Build.jst(day, 9), type: .webVisit, companyId: "C1")
    }

    @Test("migration 15 moves an existing workspace's rows into month partitions")
    func migrationKeepsRows() async throws {
        let location = try await PostgresTestDatabase.fresh()
        let old = try await PostgresWorkspaceStore.connected(
            location, logger: PostgresWorkspaceStore.defaultLogger, named: "test")
        try await old.migrate(through: 14)
        _ = try await old.write("INSERT INTO companies (company_id, name) VALUES ('C1', 'One')")
        // Days since 1970-01-01: 2026-09-30 = 20726, 2026-10-01 = 20727, 2026-10-31 = 20757.
        _ = try await old.write(
            """
            INSERT INTO activities (activity_id, occurred_at, type, company_id, day, account_key)
            SELECT v.id, v.at, 'web_visit', 'C1', v.day, (SELECT company_key FROM companies)
            FROM (VALUES ('A1', 1790000000000, 20726), ('A2', 1790100000000, 20727), ('A3', 1790200000000, 20757))
                AS v(id, at, day)
            """)
        try await old.close()

        let store = try await PostgresTestDatabase.open(location)
        defer { Task { try? await store.close() } }
        #expect(try await store.schemaVersion() == 17)  // the latest: 17, events by month
        #expect(try await Self.partitions(store) == ["activities_m2026_09", "activities_m2026_10"])
        let rows = try await store.read("SELECT activity_id, day FROM activities ORDER BY activity_id")
        #expect(
            rows.map { "\($0.text("activity_id") ?? "") \($0.int("day") ?? 0)" } == [
                "A1 20726", "A2 20727", "A3 20757",
            ])
        // The bounds are the months' first days: 2026-09-01 = 20697, 2026-10-01 = 20727, 2026-11-01 = 20758.
        let bounds = try await store.read(
            """
            SELECT pg_get_expr(c.relpartbound, c.oid) AS b FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'activities'::regclass ORDER BY 1
            """
        ).map { $0.text("b") ?? "" }
        #expect(bounds == ["FOR VALUES FROM (20697) TO (20727)", "FOR VALUES FROM (20727) TO (20758)"])
    }

    @Test("an import creates the months it brings; a later single activity (an event) creates its own")
    func importCreatesMonths() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        #expect(try await Self.partitions(store) == [])
        // A large first load (600 rows: the bulk path) over three months, 200 a month.
        let load = (0..<600).map { i in
            Self.visit(String(format: "A%04d", i), ["2026-08-10", "2026-09-10", "2026-10-10"][i / 200])
        }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: load)
        }
        #expect(
            try await Self.partitions(store) == ["activities_m2026_08", "activities_m2026_09", "activities_m2026_10"])
        #expect(try await store.counts()[.activities] == 600)

        // One activity, as an event batch writes it (the upsert path), in December: its month appears.
        try await store.transaction { tx in try await tx.upsert(activities: [Self.visit("E1", "2026-12-01")]) }
        #expect(
            try await Self.partitions(store) == [
                "activities_m2026_08", "activities_m2026_09", "activities_m2026_10", "activities_m2026_12",
            ])
        // Each month holds its rows: 200, 200, 200, 1.
        let perMonth = try await store.read(
            "SELECT tableoid::regclass::text AS t, count(*) AS n FROM activities GROUP BY 1 ORDER BY 1")
        #expect(
            perMonth.map { "\($0.text("t") ?? "") \($0.int("n") ?? 0)" } == [
                "activities_m2026_08 200", "activities_m2026_09 200", "activities_m2026_10 200",
                "activities_m2026_12 1",
            ])
    }

    @Test("IDs moved from other months are found by each month's ID range; a new ID inside a range stays new")
    func movedIdsAcrossRanges() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Self.visit("A5", "2026-08-10"), Self.visit("B1", "2026-09-10"), Self.visit("B9", "2026-09-10"),
            ])
        }
        // October's batch: B5 is new (inside September's range B1…B9, not there), B9 moves from
        // September, A5 from August (outside the batch's month: the second look finds both).
        try await store.transaction { tx in
            try await tx.upsert(activities: [
                Self.visit("B5", "2026-10-03"), Self.visit("B9", "2026-10-03"), Self.visit("A5", "2026-10-03"),
            ])
        }
        let rows = try await store.read("SELECT activity_id, tableoid::regclass::text AS t FROM activities ORDER BY 1")
        #expect(
            rows.map { "\($0.text("activity_id") ?? "") \($0.text("t") ?? "")" } == [
                "A5 activities_m2026_10", "B1 activities_m2026_09", "B5 activities_m2026_10", "B9 activities_m2026_10",
            ])
        // 09-10: B1 (B9 left) = 1; 10-03: B5, B9, A5 = 3; August: A5 left, 0.
        #expect(try await Build.rollupCells(store) == ["2026-09-10 C1 web_visit": 1, "2026-10-03 C1 web_visit": 3])
    }

    @Test("a month created by a write does not lock readers out of activities until it commits")
    func newMonthKeepsReadersIn() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [Self.visit("A1", "2026-09-10")])
        }
        // November is new: the write makes its partition. The locks it then holds on the parent:
        // never ACCESS EXCLUSIVE (which a report's read would wait behind until COMMIT).
        let modes = try await store.withTransaction(referencesChecked: false) { tx in
            try await tx.upsert(activities: [Self.visit("A2", "2026-11-05")])
            return try await tx.rows(
                """
                SELECT mode FROM pg_locks WHERE relation = 'activities'::regclass AND pid = pg_backend_pid()
                ORDER BY mode
                """
            ).map { $0.text("mode") ?? "" }
        }
        #expect(!modes.contains("AccessExclusiveLock"), "\(modes)")
        #expect(modes.contains("ShareUpdateExclusiveLock"), "\(modes)")
        #expect(try await Self.partitions(store) == ["activities_m2026_09", "activities_m2026_11"])
    }

    @Test("a time-zone change that moves a row into a month with no partition creates it")
    func timeZoneChangeCreatesMonth() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        // 2026-10-01 01:00 JST is 2026-09-30 16:00 UTC: in UTC it belongs to September.
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-10-01", 1), type: .webVisit, companyId: "C1")
            ])
        }
        #expect(try await Self.partitions(store) == ["activities_m2026_10"])
        try await store.transaction { tx in try await tx.setSetting("time_zone", to: "UTC") }
        #expect(try await Self.partitions(store) == ["activities_m2026_09", "activities_m2026_10"])
        #expect(try await Build.rollupCells(store) == ["2026-09-30 C1 web_visit": 1])
    }

    @Test("archive, a report reaching the archive refuses, restore, the report is as before")
    func archiveAndRestore() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Self.visit("A1", "2025-01-10"), Self.visit("A2", "2025-01-20"), Self.visit("A3", "2025-03-05"),
                Self.visit("A4", "2026-09-15"), Self.visit("A5", "2026-10-02"),
            ])
        }
        let january = KPIDataRequirements(periods: [KPIPeriod.month(year: 2025, month: 1)], parameters: .init())
        let januaryBefore = Build.rollupCells(try await store.kpiDataset(january))
        // A1, A2 in January 2025 (A3 is in March, outside its window).
        #expect(januaryBefore == ["2025-01-10 C1 web_visit": 1, "2025-01-20 C1 web_visit": 1])
        let recentBefore = try await Build.rollupCells(store)
        #expect(recentBefore == ["2026-09-15 C1 web_visit": 1, "2026-10-02 C1 web_visit": 1])

        // Months wholly before 2025-03: January 2025 only (2 rows); March stays.
        let archived = try await store.archiveActivities(
            before: ActivityMonth(parsing: "2025-03")!, at: Instant(millisecondsSinceEpoch: 0))
        #expect(archived.map { "\($0.month) \($0.rows)" } == ["2025-01 2"])
        #expect(try await store.archivedActivityMonths().map { "\($0.month) \($0.rows)" } == ["2025-01 2"])
        #expect(
            try await Self.partitions(store) == ["activities_m2025_03", "activities_m2026_09", "activities_m2026_10"])
        let kept = try await store.read(
            "SELECT count(*) AS n FROM kizashi_archive.activities_m2025_01"
        ).first?.int("n")
        #expect(kept == 2)

        // A window from September 2026 back 90 days starts in 2026: unaffected.
        #expect(try await Build.rollupCells(store) == recentBefore)
        // January 2025's report, its touches and its decision-maker days refuse, naming the boundary.
        do {
            _ = try await store.kpiDataset(january)
            Issue.record("the report should have refused")
        } catch let e as ActivitiesArchivedError {
            #expect(e.boundary.description == "2025-02")
            #expect(e.description.contains("kizashi archive --restore"))
        }
        await #expect(throws: ActivitiesArchivedError.self) {
            _ = try await store.touchActivities(
                days: [Build.day("2025-01-01")...Build.day("2025-01-31")], types: [.webVisit])
        }
        await #expect(throws: ActivitiesArchivedError.self) {
            _ = try await store.decisionMakerDays(Build.day("2024-12-01")...Build.day("2025-06-30"))
        }
        // Writing into an archived month, or rebuilding the roll-ups, is refused too.
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in try await tx.upsert(activities: [Self.visit("A9", "2025-01-05")]) }
        }
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in try await tx.setSetting("time_zone", to: "UTC") }
        }
        // A1 is stored in archived January: re-imported with a date in October 2026 it would
        // have a second row, so it is refused until restored.
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in try await tx.upsert(activities: [Self.visit("A1", "2026-10-05")]) }
        }
        // February 2025 was never a month with rows: it may be written (after the boundary).
        try await store.transaction { tx in try await tx.upsert(activities: [Self.visit("A8", "2025-02-05")]) }

        let restored = try await store.restoreActivities(from: nil)
        #expect(restored.map { "\($0.month) \($0.rows)" } == ["2025-01 2"])
        #expect(try await store.archivedActivityMonths().isEmpty)
        #expect(Build.rollupCells(try await store.kpiDataset(january)) == januaryBefore)
        #expect(try await store.counts()[.activities] == 6)
        // Restored with its key: A1 again, now on 2025-01-11, replaces its row.
        try await store.transaction { tx in try await tx.upsert(activities: [Self.visit("A1", "2025-01-11")]) }
        #expect(
            Build.rollupCells(try await store.kpiDataset(january)) == [
                "2025-01-11 C1 web_visit": 1, "2025-01-20 C1 web_visit": 1,
            ])
    }

    @Test("a restore from a month attaches that month and later ones; earlier ones stay archived")
    func restoreFromMonth() async throws {
        let store = try await PostgresTestDatabase.open(try await PostgresTestDatabase.fresh())
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(activities: [
                Self.visit("A1", "2025-01-10"), Self.visit("A2", "2025-02-10"), Self.visit("A3", "2025-02-11"),
                Self.visit("A4", "2025-04-01"),
            ])
        }
        let now = Instant(millisecondsSinceEpoch: 0)
        #expect(
            try await store.archiveActivities(before: ActivityMonth(parsing: "2025-05")!, at: now).map {
                "\($0.month) \($0.rows)"
            } == ["2025-01 1", "2025-02 2", "2025-04 1"])
        #expect(try await Self.partitions(store) == [])
        #expect(
            try await store.restoreActivities(from: ActivityMonth(parsing: "2025-02")!).map {
                "\($0.month) \($0.rows)"
            } == ["2025-02 2", "2025-04 1"])
        #expect(try await Self.partitions(store) == ["activities_m2025_02", "activities_m2025_04"])
        // Still archived: January; a read from 2025-02-01 on is allowed, one from 2025-01-31 is not.
        _ = try await store.touchActivities(
            days: [Build.day("2025-02-01")...Build.day("2025-02-28")], types: [.webVisit])
        await #expect(throws: ActivitiesArchivedError.self) {
            _ = try await store.touchActivities(
                days: [Build.day("2025-01-31")...Build.day("2025-02-28")], types: [.webVisit])
        }
    }

    @Test("month names and bounds: ActivityMonth")
    func monthArithmetic() {
        // 2024-02-01 is day 19754 (2024-01-01 = 19723, + 31); 2024 is a leap year: March starts 29 days later.
        let feb = ActivityMonth(containing: Build.day("2024-02-29"))
        #expect(feb.first.daysSinceEpoch == 19754)
        #expect(feb.next.daysSinceEpoch == 19754 + 29)
        #expect(feb.tableName == "activities_m2024_02")
        #expect(feb.description == "2024-02")
        #expect(ActivityMonth(parsing: "2024-13") == nil)
        #expect(ActivityMonth(parsing: "2024-1") == nil)
        #expect(ActivityMonth(parsing: "24-01-01") == nil)
        #expect(ActivityMonth(parsing: "2024-12") == ActivityMonth(containing: Build.day("2024-12-31")))
        // Before 1970: 1969-12 starts at day −31.
        #expect(ActivityMonth(containing: Build.day("1969-12-15")).first.daysSinceEpoch == -31)
        #expect(PostgresTransaction.lowerBound(of: "FOR VALUES FROM (-31) TO (0)") == -31)
        #expect(PostgresTransaction.lowerBound(of: "DEFAULT") == nil)
    }
}
