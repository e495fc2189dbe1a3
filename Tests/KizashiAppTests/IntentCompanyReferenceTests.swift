import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// A generic intent file that names its companies by any key (issue 29 item 1, intent): the
/// mapping sends 会社名 to `company`, resolved like 名寄せ; what names none or several is a
/// rejected row with the reason, never a guess. Hand-worked on these four companies:
/// A 株式会社アルファ (法人番号 1000011000005, alpha.co.jp), B ㈱アルファ (same name once
/// normalised), C (株)ベータ (beta.co.jp), D Delta, Inc. (delta.com).
@Suite("Intent: company references by any key")
struct IntentCompanyReferenceTests {
    @Test("by name, by 法人番号 and by domain resolve; an ambiguous name and an unknown one are rejected")
    func references() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "A", name: "株式会社アルファ", corporateNumber: "1000011000005", domain: "alpha.co.jp"),
                Company(id: "B", name: "㈱アルファ"),
                Company(id: "C", name: "(株)ベータ", domain: "beta.co.jp"),
                Company(id: "D", name: "Delta, Inc.", domain: "delta.com"),
            ])
        }
        let path = dir + "/intent.csv"
        try """
        会社名,topic,score,date
        ベータ株式会社,CRM,70,2026-09-01
        株式会社アルファ,SFA,80,2026-09-02
        Unknown KK,MA,50,2026-09-03
        1000011000005,ABM,60,2026-09-04
        https://www.delta.com/about,CDP,65,2026-09-05

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try await ConnectorImporter(store: store).importGenericIntent(
            path: path, mapping: ["会社名": "company"], dryRun: false)
        // Rows 2 (C by name), 5 (A by 法人番号) and 6 (D by the URL's domain) are kept.
        #expect(r.rowsRead == 5 && r.mapped == 3)
        #expect(r.rejected.map(\.line) == [3, 4])
        #expect(r.rejected[0].reason.contains("A") && r.rejected[0].reason.contains("B"))
        #expect(r.rejected.allSatisfy { $0.column == "company" })
        let stored = try await store.intent(after: nil, limit: 10)
        #expect(Set(stored.map(\.companyId)) == ["A", "C", "D"])
        #expect(Set(stored.map(\.topic)) == ["CRM", "ABM", "CDP"])

        // Without the mapping the file has no domain column: refused with the reason.
        await #expect(throws: (any Error).self) {
            _ = try await ConnectorImporter(store: store).importGenericIntent(path: path, dryRun: true)
        }
        // Intent rows name companies, not contacts.
        await #expect(throws: (any Error).self) {
            _ = try await ConnectorImporter(store: store).importGenericIntent(
                path: path, mapping: ["会社名": "contact"], dryRun: true)
        }
    }
}
