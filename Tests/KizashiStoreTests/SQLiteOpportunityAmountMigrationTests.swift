import Foundation
import KizashiCore
import SQLiteNIO
import Testing

@testable import KizashiStore

/// Migration 14 rebuilds `opportunities` so an open deal's amount may be NULL (issue 29): a
/// workspace written before it keeps every deal, and the rebuilt table still refuses a closed
/// deal without amount.
@Suite("SQLite: migration 14 (open opportunities without amount)")
struct SQLiteOpportunityAmountMigrationTests {
    @Test("a schema-12 workspace keeps its deals; an open deal may then have no amount, a won one may not")
    func keepsDeals() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("w.sqlite").path
        do {
            let db = try SQLiteSchemaFixture.open(at: 12, path: path, appliedAt: "2026-12-01 00:00:00")
            defer { db.close() }
            try db.execute("INSERT INTO companies (company_id, name) VALUES ('C1', 'A')")
            try db.execute(
                """
                INSERT INTO opportunities (opportunity_id, company_id, name, created_on, amount, term_months, status,
                    closed_on, stage, source)
                VALUES ('O1', 'C1', '刷新', '2026-07-01', 1234.5, 24, 'won', '2026-08-01', 'Closed Won', 'web')
                """)
        }
        let store = try await SQLiteWorkspaceStore.open(path: path)
        defer { Task { try? await store.close() } }
        #expect(
            try await store.opportunities() == [
                Opportunity(
                    id: "O1", companyId: "C1", name: "刷新", createdOn: Build.day("2026-07-01"), amount: 1234.5,
                    termMonths: 24, status: .won, closedOn: Build.day("2026-08-01"), stage: "Closed Won", source: "web")
            ])
        let open = Opportunity(
            id: "O2", companyId: "C1", createdOn: Build.day("2026-08-01"), amount: nil, status: .open)
        try await store.transaction { tx in try await tx.upsert(opportunities: [open]) }
        #expect(try await store.opportunities().last == open)
        let closed = Opportunity(
            id: "O3", companyId: "C1", createdOn: Build.day("2026-08-01"), amount: nil, status: .lost,
            closedOn: Build.day("2026-08-02"))
        await #expect(throws: (any Error).self) {
            try await store.transaction { tx in try await tx.upsert(opportunities: [closed]) }
        }
    }
}
