import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Issue 29 item 1 for a connector: a HubSpot deals export without associated company IDs names
/// the company in a column the mapping sends to `company`; it is resolved like 名寄せ, and an
/// unknown name is a rejected row with the reason.
@Suite("Connectors: HubSpot company references by any key")
struct HubSpotCompanyReferenceTests {
    @Test("deals naming their company by name or domain are written to that company; an unknown one is rejected")
    func dealsByCompanyName() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "C1", name: "Cancity"), Company(id: "C2", name: "Betasoloin", domain: "betasoloin.com"),
            ])
        }
        let path = (dir as NSString).appendingPathComponent("deals.csv")
        try """
        Record ID,Deal Name,Deal Stage,Amount,Create Date,Account
        1,First,closedwon,1000,2026-07-01,Cancity
        2,Second,appointmentscheduled,,2026-07-02,www.betasoloin.com
        3,Third,appointmentscheduled,,2026-07-03,Zumma

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try await ConnectorImporter(store: store).importHubSpot(
            paths: [path], mapping: ["Account": "company"], dryRun: false)
        #expect(report.rejected.count == 1, "\(report.rejected)")
        #expect(report.rejected.first?.line == 4)
        #expect(report.rejected.first?.reason.contains("\"Zumma\" no company has this ID") == true)
        let deals = Dictionary(uniqueKeysWithValues: try await store.opportunities().map { ($0.id, $0) })
        #expect(deals["HS1"]?.companyId == "C1")
        #expect(deals["HS2"]?.companyId == "C2")
        #expect(deals["HS2"]?.amount == nil)  // open, no Amount: unknown, adds 0
        #expect(deals["HS3"] == nil)
    }
}
