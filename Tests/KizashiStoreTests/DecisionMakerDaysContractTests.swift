import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// The journey's decision-maker days (`decisionMakerDays`), worked by hand from the rows below:
/// only target accounts, only contacts whose role is decision_maker, each (account, day) once,
/// only the days asked for.
@Suite("Store contract: decision-maker days")
struct DecisionMakerDaysContractTests {
    @Test("target accounts' decision makers, one pair per day, within the days", arguments: StoreBackend.allCases)
    func pairs(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2"), Build.company("C3")])
            try await tx.upsert(contacts: [
                Contact(id: "D1", companyId: "C1", role: .decisionMaker),
                Contact(id: "U1", companyId: "C1", role: .user),
                Contact(id: "D2", companyId: "C2", role: .decisionMaker),
                Contact(id: "D3", companyId: "C3", role: .decisionMaker),
            ])
            // C1 and C2 are targets; C3 is not.
            try await tx.upsert(targets: [
                TargetMembership(companyId: "C1", tier: .one, addedOn: Build.day("2026-01-01")),
                TargetMembership(companyId: "C2", tier: .two, addedOn: Build.day("2026-01-01")),
            ])
            try await tx.upsert(activities: [
                // C1's decision maker twice on 1 Sep (one pair), once on 3 Sep.
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 9), type: .webVisit, contactId: "D1"),
                Activity(id: "A2", occurredAt: Build.jst("2026-09-01", 15), type: .emailClick, contactId: "D1"),
                Activity(id: "A3", occurredAt: Build.jst("2026-09-03", 10), type: .webVisit, contactId: "D1"),
                // A user of C1, and C1 itself without a contact: not decision makers.
                Activity(id: "A4", occurredAt: Build.jst("2026-09-02", 10), type: .webVisit, contactId: "U1"),
                Activity(id: "A5", occurredAt: Build.jst("2026-09-02", 11), type: .webVisit, companyId: "C1"),
                // C2's decision maker at 00:30 JST on 2 Sep (1 Sep in UTC: the local day counts).
                Activity(id: "A6", occurredAt: Build.jst("2026-09-02", 0, 30), type: .webVisit, contactId: "D2"),
                // Not a target.
                Activity(id: "A7", occurredAt: Build.jst("2026-09-02", 10), type: .webVisit, contactId: "D3"),
                // After the days asked for.
                Activity(id: "A8", occurredAt: Build.jst("2026-09-05", 10), type: .webVisit, contactId: "D2"),
            ])
        }
        let pairs = try await store.decisionMakerDays(Build.day("2026-09-01")...Build.day("2026-09-04"))
        #expect(pairs.map(\.companyId) == ["C1", "C1", "C2"])
        #expect(pairs.map(\.day) == [Build.day("2026-09-01"), Build.day("2026-09-03"), Build.day("2026-09-02")])
    }

    /// Why a plan test: the stage of a day was a scan of the whole activity history until
    /// migration 22's partial index; without it the figures stay right but a stage at medium takes
    /// 0.1 s longer, which no other test would notice.
    @Test("on SQLite the window is read from the partial index alone (migration 22), also after a first load")
    func sqliteReadsTheIndex() async throws {
        let store = try await StoreBackend.sqlite.makeStore()
        defer { Task { try? await store.close() } }
        let backend = try #require(store as? SQLiteWorkspaceStore)
        // After a first load (the bulk path) too.
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(contacts: [Contact(id: "D1", companyId: "C1", role: .decisionMaker)])
            try await tx.upsert(activities: [
                Activity(id: "A1", occurredAt: Build.jst("2026-09-01", 9), type: .webVisit, contactId: "D1")
            ])
        }
        let plan = try await backend.queryPlan(
            SQLiteWorkspaceStore.decisionMakerWindowSQL, [.integer(20_600), .integer(20_700)])
        #expect(plan.contains("COVERING INDEX activities_contact_day"))
    }

    /// Why a plan test: an account's contact counts (the account page, the approach-now list's
    /// buying-group gaps) were read through its locators, row by row; the partial index answers
    /// them with one seek per day of the window, which no other test would notice if lost. A
    /// window past `maxSeekDays` reads the range instead.
    @Test("on SQLite an account's contact counts seek the partial index day by day")
    func contactCountsSeekTheIndex() async throws {
        let store = try await StoreBackend.sqlite.makeStore()
        defer { Task { try? await store.close() } }
        let backend = try #require(store as? SQLiteWorkspaceStore)
        let plan = try await backend.queryPlan(SQLiteWorkspaceStore.contactCountsSQL(20_600...20_689), [.integer(1)])
        #expect(plan.contains("COVERING INDEX activities_contact_day (day=? AND account_key=?"))
        let long = SQLiteWorkspaceStore.contactCountsSQL(20_000...20_400)
        #expect(long.contains("day BETWEEN 20000 AND 20400"))
        #expect(SQLiteWorkspaceStore.contactCountsSQL(20_600...20_602).contains("day IN (20600,20601,20602)"))
    }
}
