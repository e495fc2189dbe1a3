import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// HubSpot exports (Fixtures/connectors/hubspot-*.csv; SOURCE.md says how they were written).
/// Expected values worked out by hand from the three files.
@Suite("Connectors: HubSpot")
struct HubSpotConnectorTests {
    static func instant(_ iso: String) -> Instant {
        let d = ISO8601DateFormatter().date(from: iso)!
        return Instant(millisecondsSinceEpoch: Int64(d.timeIntervalSince1970 * 1000))
    }

    @Test(
        "companies, Japanese-label contacts (BOM, CRLF) and deals: mapped, skipped and rejected as worked out by hand")
    func export() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let files = ["hubspot-deals.csv", "hubspot-contacts-ja.csv", "hubspot-companies.csv"].map {
            Fixture.path("connectors/" + $0)
        }
        let r = try await ConnectorImporter(store: store).importHubSpot(paths: files, dryRun: false)
        #expect(r.rowsRead == 12)
        #expect(r.mapped == 7)  // 2 companies + 2 contacts + 3 deals
        #expect(r.skipped["contact whose company is not imported"] == 1)  // 203 → company 999
        #expect(r.skipped["contact without an associated company"] == 1)  // 204
        #expect(r.rejected.map(\.line).sorted() == [4, 5, 6])
        #expect(r.rejected.contains { $0.line == 4 && $0.reason == "no Record ID" })
        #expect(r.rejected.contains { $0.line == 5 && $0.reason == "negative Amount" })
        #expect(r.rejected.contains { $0.line == 6 && $0.reason == "no associated company" })

        #expect(
            try await store.companies(after: nil, limit: 10) == [
                Company(
                    id: "HS101", name: "株式会社アルファ", domain: "alpha.co.jp", industry: "COMPUTER_SOFTWARE",
                    employees: "1200", annualRevenue: "8000000000", country: "Japan", region: "東京都"),
                Company(
                    id: "HS102", name: "Beta Systems, Inc.", domain: "beta.example", employees: "250",
                    country: "United States", region: "CA"),
            ])
        #expect(
            try await store.contacts(after: nil, limit: 10) == [
                Contact(
                    id: "HS201", companyId: "HS101", name: "山田 太郎", email: "taro@alpha.co.jp", title: "部長"),
                Contact(id: "HS202", companyId: "HS102", name: "Doe Jane", email: "jane@beta.example", title: "CTO"),
            ])
        // Lifecycle dates are local (the workspace's Asia/Tokyo) without an offset in the export.
        #expect(
            try await store.leadStages() == [
                LeadStageTransition(
                    contactId: "HS201", stage: .mql, reachedAt: Self.instant("2026-08-03T10:15:00+09:00")),
                LeadStageTransition(
                    contactId: "HS201", stage: .sql, reachedAt: Self.instant("2026-09-01T09:00:00+09:00")),
                LeadStageTransition(
                    contactId: "HS202", stage: .mql, reachedAt: Self.instant("2026-09-30T23:59:00+09:00")),
            ])
        let deals = try await store.opportunities()
        #expect(deals.map(\.id) == ["HS301", "HS302", "HS303"])
        #expect(deals[0].status == .won && deals[0].amount == 12_000_000 && deals[0].companyId == "HS101")
        #expect(deals[0].createdOn == Day(iso: "2026-07-01") && deals[0].closedOn == Day(iso: "2026-09-20"))
        #expect(deals[1].status == .lost && deals[1].amount == 5000.5 && deals[1].closedOn == Day(iso: "2026-09-25"))
        #expect(deals[2].status == .open && deals[2].amount == nil && deals[2].closedOn == nil)
    }

    @Test("a mapping file names headers Kizashi does not know; --dry-run writes nothing")
    func mappingAndDryRun() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let path = dir + "/companies.csv"
        try "ID番号,社名,URL\n7,株式会社ガンマ,gamma.jp\n".write(toFile: path, atomically: true, encoding: .utf8)
        let importer = ConnectorImporter(store: store)
        await #expect(throws: ImportFailure.self) { try await importer.importHubSpot(paths: [path], dryRun: false) }
        let mapping = ["ID番号": "id", "社名": "name", "URL": "domain"]
        let dry = try await importer.importHubSpot(paths: [path], mapping: mapping, dryRun: true)
        #expect(dry.mapped == 1)
        #expect(try await store.counts()[.companies] == 0)
        _ = try await importer.importHubSpot(paths: [path], mapping: mapping, dryRun: false)
        #expect(
            try await store.companies(after: nil, limit: 5) == [
                Company(id: "HS7", name: "株式会社ガンマ", domain: "gamma.jp")
            ])
    }

    @Test("deal stages and amounts as exports write them")
    func stagesAndAmounts() {
        #expect(HubSpotMapping.status(ofStage: "closedwon") == .won)
        #expect(HubSpotMapping.status(ofStage: "Closed Won") == .won)
        #expect(HubSpotMapping.status(ofStage: "closedlost") == .lost)
        #expect(HubSpotMapping.status(ofStage: "contractsent") == .open)
        #expect(HubSpotMapping.amount("¥1,200,000") == 1_200_000)
        #expect(HubSpotMapping.amount("1,200,000 JPY") == 1_200_000)
        #expect(HubSpotMapping.firstAssociatedId("12;34") == "12")
        #expect(HubSpotMapping.firstAssociatedId("Company A (12)") == "12")
        #expect(HubSpotMapping.firstAssociatedId("Company A") == nil)
    }
}
