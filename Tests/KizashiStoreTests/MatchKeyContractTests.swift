import Foundation
import KizashiCore
import KizashiStore
import Testing

/// Match keys: the store keeps them with the companies, so duplicates follow every update.
extension StoreContractTests {
    @Test("duplicates follow company updates (match keys kept by the store)", arguments: StoreBackend.allCases)
    func duplicatesFollowUpdates(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let req = KPIDataRequirements(periods: [KPIPeriod(label: "2026Q3")!], parameters: ScoringParameters())
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "C1", name: "株式会社アルファ", domain: "alpha.co.jp", region: "東京都"),
                Company(id: "C2", name: "Other", domain: "https://www.alpha.co.jp/about"),  // same domain as C1
                Company(id: "C3", name: "㈱アルファ", region: "大阪府"),  // same name, other prefecture: not a duplicate
                Company(id: "C4", name: "X", corporateNumber: "1000011000005"),
                Company(id: "C5", name: "Y", corporateNumber: " 1000011000005 "),  // same number, trimmed
            ])
        }
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == ["C1", "C2", "C4", "C5"])
        // C2 changes its domain and C3 moves to Tokyo: C2 is no longer a duplicate, C3 now is (name + region).
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "C2", name: "Other", domain: "other.jp"), Company(id: "C3", name: "㈱アルファ", region: "東京都"),
            ])
        }
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == ["C1", "C3", "C4", "C5"])
    }

    /// Match keys are written many rows per statement (64 in SQLite): 72 companies, one key
    /// each, so two statements, with a duplicate inside each and one across them.
    @Test("match keys over many companies find every duplicate pair", arguments: StoreBackend.allCases)
    func matchKeysManyCompanies(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        // C00/C01 share d0.example, C02/C03 d1.example, … C68/C69 d34.example; C70 is alone;
        // C71 (the second statement) shares d0.example with C00 and C01 (the first).
        var companies = (0..<70).map { n in
            Company(id: String(format: "C%02d", n), name: "Company \(n)", domain: "d\(n / 2).example")
        }
        companies.append(Company(id: "C70", name: "Alone", domain: "alone.example"))
        companies.append(Company(id: "C71", name: "Late", domain: "https://d0.example/"))
        let given = companies
        try await store.transaction { tx in try await tx.upsert(companies: given) }
        let req = KPIDataRequirements(periods: [KPIPeriod(label: "2026Q3")!], parameters: ScoringParameters())
        let expected = Set((0..<70).map { String(format: "C%02d", $0) } + ["C71"])
        #expect(try await store.kpiDataset(req).duplicateCompanyIds == expected)
    }
}
