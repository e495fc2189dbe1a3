import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Company and contact references by any key (issue 29; issue 28 item 2): a sheet that names its
/// company by 会社名, 法人番号, domain or e-mail imports without the workspace's IDs; an unresolved
/// or ambiguous reference is a rejected row naming the candidates.
@Suite("Sheets: company and contact references by any key")
struct SheetReferenceTests {
    /// C1 ㈱サクラ精機 (1000011000005, sakura-seiki.co.jp, 東京都), C2 田中商事 (東京都),
    /// C3 田中商事 (大阪府), C4 ミドリ工業株式会社 (9234567890123, midori.jp).
    static let companies = [
        Company(
            id: "C1", name: "株式会社サクラ精機", corporateNumber: "1000011000005", domain: "sakura-seiki.co.jp",
            region: "東京都"),
        Company(id: "C2", name: "田中商事", region: "東京都"),
        Company(id: "C3", name: "田中商事", region: "大阪府"),
        Company(id: "C4", name: "ミドリ工業株式会社", corporateNumber: "9234567890123", domain: "midori.jp"),
    ]

    static func write(_ text: String, _ dir: String, _ name: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a targets sheet with 会社名 and 法人番号 and no ID imports; ambiguous and unknown names are rejected")
    func targetsByNameOrNumber() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: Self.companies) }
        let sheet = try Self.write(
            """
            会社名,法人番号,ティア,追加日
            ㈱サクラ精機,,1,2026/9/1
            ,9234567890123,2,2026-09-01
            田中商事,,3,2026-09-01
            田中商事,,3,2026-09-02
            存在しない会社,,3,2026-09-01

            """, dir, "targets.csv")
        // Row 5 gives 都道府県 nowhere, so both 田中商事 match by name: ambiguous, never guessed.
        let outcome = try await SheetImporter(store: store).importSheet(
            path: sheet, entity: .targets, options: .init(rejectedPath: nil))
        #expect(
            outcome.mapping.headers.map(\.column) == ["company_name", "company_corporate_number", "tier", "added_on"])
        let r = outcome.report
        #expect(r.rowsRead == 5)
        #expect(r.imported == 2)  // rows 2 (name → C1) and 3 (法人番号 → C4)
        #expect(r.rejectedTotal == 3)  // rows 4 and 5 (ambiguous), 6 (unknown)
        #expect(Set(try await store.targets().map(\.companyId)) == ["C1", "C4"])
        let byLine = Dictionary(r.firstRejected.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[4]?.reason.contains("C2 田中商事 (東京都); C3 田中商事 (大阪府)") == true)
        #expect(byLine[4]?.value == "田中商事")
        #expect(byLine[6]?.reason.hasPrefix("no company has this ID, 法人番号, domain or name") == true)
        #expect(byLine[6]?.file.hasSuffix("targets.csv") == true)
    }

    @Test("a region column tells the two 田中商事 apart")
    func regionDisambiguates() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: Self.companies) }
        let sheet = try Self.write(
            """
            会社名,都道府県,ティア,追加日
            田中商事,大阪府,2,2026-09-01

            """, dir, "targets.csv")
        let r = try await SheetImporter(store: store).importSheet(
            path: sheet, entity: .targets, options: .init(rejectedPath: nil)
        ).report
        #expect(r.rejectedTotal == 0, "\(r.firstRejected)")
        #expect(try await store.targets().map(\.companyId) == ["C3"])
    }

    @Test("mapping a column to company: an ID, an e-mail address, a URL and a name; contact by e-mail")
    func anyKeyAndContacts() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in
            try await tx.upsert(companies: Self.companies)
            try await tx.upsert(contacts: [Contact(id: "P1", companyId: "C4", email: "Hanako@midori.jp")])
        }
        let deals = try Self.write(
            """
            deal,account,engage_date,deal_stage
            D1,C2,2026-08-01,open
            D2,taro@midori.jp,2026-08-01,open
            D3,https://www.sakura-seiki.co.jp/about,2026-08-01,open
            D4,ミドリ工業(株),2026-08-01,open
            D5,Cancity,2026-08-01,open

            """, dir, "deals.csv")
        let r = try await SheetImporter(store: store).importSheet(
            path: deals, entity: .opportunities,
            overrides: [
                "deal": "opportunity_id", "account": "company", "engage_date": "created_on", "deal_stage": "status",
            ],
            options: .init(rejectedPath: nil)
        ).report
        #expect(r.imported == 4)
        #expect(r.rejectedTotal == 1)
        #expect(r.firstRejected.first?.line == 6)
        #expect(r.firstRejected.first?.value == "Cancity")
        #expect(r.firstRejected.first?.column.hasPrefix("account") == true)
        let companyOf = Dictionary(uniqueKeysWithValues: try await store.opportunities().map { ($0.id, $0.companyId) })
        #expect(companyOf == ["D1": "C2", "D2": "C4", "D3": "C1", "D4": "C4"])

        let stages = try Self.write(
            """
            メール,stage,reached_at
            hanako@MIDORI.jp,mql,2026/8/2 10:00
            nobody@midori.jp,mql,2026/8/2 10:00

            """, dir, "stages.csv")
        let s = try await SheetImporter(store: store).importSheet(
            path: stages, entity: .leadStages, overrides: ["メール": "contact"], options: .init(rejectedPath: nil)
        ).report
        #expect(s.imported == 1, "\(s.firstRejected)")
        #expect(s.rejectedTotal == 1)
        #expect(try await store.leadStages().map(\.contactId) == ["P1"])
    }
}
