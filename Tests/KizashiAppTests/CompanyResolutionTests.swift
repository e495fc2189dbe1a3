import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// 名寄せ across sources: a HubSpot export of a company the workspace already has from
/// Salesforce joins it instead of creating a duplicate (Fixtures/connectors/hubspot-*.csv).
@Suite("Connectors: companies resolved across sources on import")
struct CompanyResolutionTests {
    static let salesforceAlpha = Company(
        id: "001000000000001AAA", name: "アルファ株式会社", corporateNumber: "1000011000005", domain: "alpha.co.jp")

    @Test("HubSpot company 101 (alpha.co.jp) is the Salesforce account: its contacts and deals move there")
    func hubSpotJoinsSalesforce() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: [Self.salesforceAlpha]) }
        let files = ["hubspot-companies.csv", "hubspot-contacts-ja.csv", "hubspot-deals.csv"].map {
            Fixture.path("connectors/" + $0)
        }
        let importer = ConnectorImporter(store: store)
        let r = try await importer.importHubSpot(paths: files, dryRun: false)
        #expect(r.notes.contains("companies: 1 new, 0 by the same ID, 1 matched to a workspace company (1 by domain)"))
        #expect(r.notes.contains("matched: HS101 株式会社アルファ → 001000000000001AAA アルファ株式会社 (same domain)"))
        // The Salesforce record keeps its name and domain and gains what HubSpot knew and it did not.
        let expectedCompanies = [
            Company(
                id: "001000000000001AAA", name: "アルファ株式会社", corporateNumber: "1000011000005", domain: "alpha.co.jp",
                industry: "COMPUTER_SOFTWARE", employees: "1200", annualRevenue: "8000000000", country: "Japan",
                region: "東京都"),
            Company(
                id: "HS102", name: "Beta Systems, Inc.", domain: "beta.example", employees: "250",
                country: "United States", region: "CA"),
        ]
        #expect(try await store.companies(after: nil, limit: 10) == expectedCompanies)
        let contacts = try await store.contacts(after: nil, limit: 10)
        #expect(contacts.map(\.id) == ["HS201", "HS202"])
        #expect(contacts.map(\.companyId) == ["001000000000001AAA", "HS102"])
        let deals = try await store.opportunities()
        #expect(deals.map(\.companyId) == ["001000000000001AAA", "HS102", "001000000000001AAA"])

        // Importing the same export again resolves the same way and changes nothing.
        let before = try await store.counts()
        _ = try await importer.importHubSpot(paths: files, dryRun: false)
        #expect(try await store.counts() == before)
        #expect(try await store.companies(after: nil, limit: 10) == expectedCompanies)
    }

    @Test("two workspace companies on one domain: the incoming company is imported as its own and reported")
    func ambiguousCompany() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "A", name: "Alpha Japan", domain: "alpha.co.jp"),
                Company(id: "B", name: "Alpha Holdings", domain: "www.alpha.co.jp"),
            ])
        }
        let r = try await ConnectorImporter(store: store).importHubSpot(
            paths: [Fixture.path("connectors/hubspot-companies.csv")], dryRun: false)
        #expect(
            r.notes.contains(
                "ambiguous: HS101 株式会社アルファ has the same domain as A, B; imported as its own company, not guessed (kizashi duplicates / merge)"
            ))
        #expect(try await store.companyIds() == Set(["A", "B", "HS101", "HS102"]))
    }

    @Test("an intent row for a domain two companies share is skipped as ambiguous, not given to either")
    func ambiguousIntent() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "A", name: "ABC Television", domain: "abc.com"),
                Company(id: "B", name: "ABC Radio", domain: "https://abc.com/radio"),
                Company(id: "C", name: "Lightower", domain: "0-lightower.net"),
            ])
        }
        let path = dir + "/intent.csv"
        try "domain,topic,score,date\nabc.com,SFA,72,2026-09-28\n0-lightower.net,CRM,55,2026-09-29\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let r = try await ConnectorImporter(store: store).importGenericIntent(path: path, dryRun: false)
        #expect(r.mapped == 1)
        #expect(r.skipped["domain shared by several companies (ambiguous)"] == 1)
        #expect(r.notes.contains { $0.hasPrefix("ambiguous: abc.com belongs to A, B") })
        #expect(try await store.intent(after: nil, limit: 10).map(\.companyId) == ["C"])
    }
}
