import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Which stored activities a transaction replaced (`WorkspaceTransaction.activityReplacements`),
/// on every backend: the server's read model adds an import's rows as new only when the store
/// says every other row replaced an equal one (issue 23).
@Suite("Store contract: activity replacements")
struct ActivityReplacementsContractTests {
    static let a1 = Activity(
        id: "A1", occurredAt: Build.jst("2026-09-10", 10), type: .webVisit, companyId: "C1", contactId: "P1")
    static let a2 = Activity(id: "A2", occurredAt: Build.jst("2026-09-11", 10), type: .formSubmit, companyId: "C2")

    static func seeded(_ backend: StoreBackend) async throws -> any WorkspaceStore {
        let store = try await backend.makeStore()
        let first = try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1"), Build.company("C2")])
            try await tx.upsert(contacts: [
                Contact(id: "P1", companyId: "C1"), Contact(id: "P2", companyId: "C1"),
            ])
            try await tx.upsert(activities: [Self.a1, Self.a2])
            return await tx.activityReplacements
        }
        // The first rows of an empty table are not looked up one by one.
        #expect(first.untracked)
        return store
    }

    /// What a transaction that upserts `rows` reports.
    static func replacements(_ rows: [Activity], in store: any WorkspaceStore) async throws -> ActivityReplacements {
        try await store.transaction { tx in
            try await tx.upsert(activities: rows)
            return await tx.activityReplacements
        }
    }

    @Test("an equal row is named, a new row is not, nothing is untracked", arguments: StoreBackend.allCases)
    func equalAndNew(backend: StoreBackend) async throws {
        let store = try await Self.seeded(backend)
        defer { Task { try? await store.close() } }
        let a3 = Activity(id: "A3", occurredAt: Build.jst("2026-09-12", 9), type: .emailClick, contactId: "P2")
        // A campaign or URL is not kept by the read model: still equal.
        var a1 = Self.a1
        a1.url = "/pricing"
        let r = try await Self.replacements([a1, a3], in: store)
        #expect(!r.untracked)
        #expect(r.equalIds == ["A1"])
    }

    @Test(
        "a row whose contact, instant, type or day changed is untracked",
        arguments: StoreBackend.allCases, [0, 1, 2, 3])
    func changed(backend: StoreBackend, what: Int) async throws {
        let store = try await Self.seeded(backend)
        defer { Task { try? await store.close() } }
        var a1 = Self.a1
        switch what {
        case 0: a1.contactId = "P2"
        case 1: a1.occurredAt = Build.jst("2026-09-10", 10, 1)  // the same day, a minute later
        case 2: a1.type = .contentView
        default: a1.occurredAt = Build.jst("2026-09-13", 10)  // another day
        }
        let r = try await Self.replacements([a1], in: store)
        #expect(r.untracked)
        #expect(r.equalIds.isEmpty)
    }
}
