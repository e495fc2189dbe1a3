import Foundation
import KizashiCore
import KizashiStore
import Testing

@Suite("SQLite: lookups kept between transactions")
struct SQLiteLookupCacheTests {
    @Test("a contact added by another process is seen by the next transaction (no stale cache)")
    func otherProcessWrites() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        let server = try await SQLiteWorkspaceStore.open(path: path)
        let cli = try await SQLiteWorkspaceStore.open(path: path)
        defer {
            Task {
                try? await server.close()
                try? await cli.close()
            }
        }
        try await server.transaction { tx in try await tx.upsert(companies: [Build.company("A")]) }
        // The server's next transaction loads and keeps the lookups …
        try await server.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "a1", occurredAt: Build.jst("2026-09-01", 10), type: .webVisit, companyId: "A")
            ])
        }
        // … then another connection adds a company and a contact of it.
        try await cli.transaction { tx in
            try await tx.upsert(companies: [Build.company("B")])
            try await tx.upsert(contacts: [Contact(id: "P", companyId: "B")])
        }
        // An activity of that contact, without company_id, must count for B.
        try await server.transaction { tx in
            try await tx.upsert(activities: [
                Activity(id: "a2", occurredAt: Build.jst("2026-09-02", 10), type: .formSubmit, contactId: "P")
            ])
        }
        let p = ScoringParameters()
        let data = try await server.kpiDataset(
            KPIDataRequirements(periods: [KPIPeriod(label: "2026-09")!], parameters: p))
        let b = data.activities.accountIds.firstIndex(of: "B").map(Int32.init)
        #expect(b != nil)
        #expect(data.activities.entries.contains { $0.account == b && $0.type == .formSubmit && $0.count == 1 })
    }
}
