import Foundation
import KizashiCore
import KizashiStore
import Testing

/// An import checks every reference itself (ReferenceCheck) and runs its transaction with the
/// store's foreign-key probes off; the next ordinary transaction must have them back.
@Suite("SQLite: a references-checked transaction turns foreign keys off for itself only")
struct SQLiteReferencesCheckedTests {
    @Test("after it commits, and after it rolls back, an orphan contact is refused again")
    func restored() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }

        try await store.transaction(referencesChecked: true) { tx in
            try await tx.upsert(companies: [Build.company("A")])
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "A")])
        }
        await #expect(throws: (any Error).self) {
            try await store.transaction { tx in try await tx.upsert(contacts: [Contact(id: "P2", companyId: "NOPE")]) }
        }

        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await store.transaction(referencesChecked: true) { tx in
                try await tx.upsert(contacts: [Contact(id: "P3", companyId: "A")])
                throw Stop()
            }
        }
        await #expect(throws: (any Error).self) {
            try await store.transaction { tx in try await tx.upsert(contacts: [Contact(id: "P4", companyId: "NOPE")]) }
        }
        // Only what the first transaction wrote is there.
        #expect(try await store.contactCompanies() == ["P1": "A"])
    }
}
