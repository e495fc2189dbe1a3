import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Bombora and NTA connectors on real sample rows (Fixtures/connectors, SOURCE.md there).
@Suite("Connectors: Bombora Company Surge and NTA 法人番号")
struct ConnectorTests {
    static func workspace() async throws -> any WorkspaceStore {
        let (store, _) = try await Fixture.newStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [
                Company(id: "X1", name: "ABC Television", domain: "https://www.abc.com/"),
                Company(id: "X2", name: "Lightower", domain: "0-lightower.net"),
                Company(id: "N1", name: "島田商事", corporateNumber: "1280001002413", region: "島根県"),
                Company(id: "N2", name: "株式会社ｓｏｕｖｅｎｉｒ", region: "島根県"),
                Company(id: "N3", name: "Ｔ＆Ｍコンサルティング", region: "鳥取県"),
                Company(id: "N4", name: "有限会社ＨＡＰ観光", region: "島根県"),
                Company(id: "N5", name: "(有)HAP観光", region: "島根県"),
            ])
        }
        return store
    }

    @Test(
        "Master Surge and ADAT layouts: global rows by domain, metro rows and placeholders skipped, unknown domains counted"
    )
    func bombora() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let master = Fixture.path("connectors/Output_MasterSurgeFile_20150719-abc.csv")
        let adat = Fixture.path("connectors/Input_AllDomainsAllTopics_20150719-lightower.csv")
        let r = try await ConnectorImporter(store: store).importBombora(
            paths: [master, adat], date: nil, dryRun: false)
        // Master: 4 abc.com rows; the 002.ru row has no topic; 1-x.net is no company here.
        // ADAT: lines 1, 5, 6 are per-metro rows; lines 2, 3, 4, 7, 8 are global rows of 0-lightower.net.
        #expect(r.rowsRead == 14)
        #expect(r.mapped == 9)
        #expect(r.skipped["per-metro row (the global row carries the score)"] == 3)
        #expect(r.skipped["domain without a topic"] == 1)
        #expect(r.skipped["no company with this domain"] == 1)
        #expect(r.rejected.isEmpty)
        var all: [IntentSignal] = []
        var after: String?
        repeat {
            let page = try await store.intent(after: after, limit: 100)
            all += page
            after = page.last?.id
        } while after != nil && all.count % 100 == 0 && !all.isEmpty
        #expect(all.count == 9)
        let abc = all.filter { $0.companyId == "X1" }.sorted { $0.score > $1.score }
        #expect(abc.map(\.score) == [81, 79, 65, 56])
        #expect(abc.first?.topic == "recurring journal entries")
        #expect(abc.allSatisfy { $0.observedOn == Day(iso: "2015-07-19")! && $0.kind == .contentConsumption })
        let lightower = all.filter { $0.companyId == "X2" }
        #expect(
            Set(lightower.map(\.topic)) == [
                "recurring journal entries", "accounting journals entries", "intercompany accounting", "accounting",
                "activity-based costing (abc)",
            ])
        #expect(lightower.first { $0.topic == "recurring journal entries" }?.score == 53)
        // Re-importing changes nothing (deterministic IDs).
        _ = try await ConnectorImporter(store: store).importBombora(paths: [master, adat], date: nil, dryRun: false)
        #expect(try await store.counts()[.intent] == 9)
    }

    @Test(
        "NTA master: match by number (closed flagged), by normalised name + prefecture (filled), ambiguous not guessed")
    func nta() async throws {
        let store = try await Self.workspace()
        defer { Task { try? await store.close() } }
        let path = Fixture.path("connectors/nta_31_tottori_test_20240329.csv")
        let dry = try await ConnectorImporter(store: store).importNTA(path: path, dryRun: true)
        #expect(dry.mapped == 2)
        #expect(try await store.companies(after: nil, limit: 10).first { $0.id == "N2" }?.corporateNumber == nil)

        let r = try await ConnectorImporter(store: store).importNTA(path: path, dryRun: false)
        #expect(r.rowsRead == 5)
        // N1 by number (process 21: closed on 2018-01-05); N2 by 株式会社ｓｏｕｖｅｎｉｒ → "souvenir" + 島根県;
        // ＨＡＰ観光 matches N4 and N5 (ambiguous); N3 is in 鳥取県, the record in 島根県; 鳥取簡易裁判所 is not here.
        #expect(r.mapped == 2)
        #expect(r.skipped["ambiguous name + prefecture"] == 1)
        #expect(r.skipped["not in the workspace"] == 2)
        #expect(r.notes.contains { $0.hasPrefix("closed: N1 ") && $0.contains("2018-01-05") })
        let companies = try await store.companies(after: nil, limit: 10)
        let n1 = companies.first { $0.id == "N1" }, n2 = companies.first { $0.id == "N2" }
        #expect(n1?.verifiedOn == Day(iso: "2018-01-10"))
        #expect(n2?.corporateNumber == "1280001007263")
        #expect(n2?.country == "JP")
        #expect(n2?.verifiedOn == Day(iso: "2016-07-27"))
        #expect(companies.first { $0.id == "N4" }?.corporateNumber == nil)
        #expect(companies.first { $0.id == "N3" }?.corporateNumber == nil)
    }

    @Test("NTA rows: check digit, short rows and the closed flag")
    func ntaRows() {
        let good = Array(repeating: "", count: 30).enumerated().map { i, _ in
            [1: "1000011000005", 2: "21", 4: "2024-01-01", 6: "国立国会図書館", 18: "", 23: "1"][i] ?? ""
        }
        guard case .success(let rec) = NTACorporateMaster.parse(good, line: 1) else {
            Issue.record("a valid row was refused")
            return
        }
        #expect(rec.isClosed)
        var bad = good
        bad[1] = "1000011000006"
        if case .failure(let p) = NTACorporateMaster.parse(bad, line: 7) {
            #expect(p.line == 7 && p.column == "corporate_number")
        } else {
            Issue.record("a wrong check digit was accepted")
        }
        #expect((try? NTACorporateMaster.parse(Array(good.prefix(29)), line: 2).get()) == nil)
        #expect(BomboraSurge.date(fromFileName: "Output_MasterSurgeFile_20150719-sample.csv") == Day(iso: "2015-07-19"))
    }
}

@Suite("Connectors: Salesforce")
struct SalesforceConnectorTests {
    @Test("15- and 18-character IDs are the same record")
    func ids() {
        // Salesforce's documented example: 001D000000IqhSL ↔ 001D000000IqhSLIAZ.
        #expect(SalesforceMapping.id18("001D000000IqhSL") == "001D000000IqhSLIAZ")
        #expect(SalesforceMapping.id18("001D000000IqhSLIAZ") == "001D000000IqhSLIAZ")
        // 001xx / 00000 / 3DGb2: no capitals, none, D and G (bits 1 and 2 → 6 → G) → "AAG".
        #expect(SalesforceMapping.id18("001xx000003DGb2") == "001xx000003DGb2AAG")
    }

    @Test("Data Loader CSVs: any-case headers, IDs joined across 15/18 characters, stages and IsWon/IsClosed to status")
    func csv() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let files = ["Account.csv", "Contact.csv", "Opportunity.csv"].map { Fixture.path("connectors/" + $0) }
        let r = try await ConnectorImporter(store: store).importSalesforce(paths: files, dryRun: false)
        #expect(r.rowsRead == 8)
        #expect(r.mapped == 7)
        #expect(r.skipped["contact whose account is not imported"] == 1)
        let companies = try await store.companies(after: nil, limit: 10)
        let acme = companies.first { $0.id == "001xx000003DGb2AAG" }
        #expect(
            acme?.name == "株式会社アクメ" && acme?.domain == "acme.co.jp" && acme?.region == "東京都" && acme?.employees == "120"
        )
        let contacts = try await store.contacts(after: nil, limit: 10)
        #expect(contacts.first { $0.id == "003xx000004TmiQAAS" }?.companyId == "001xx000003DGb2AAG")
        #expect(contacts.first { $0.email == "hanako@beta.jp" }?.companyId == "001D000000IqhSLIAZ")
        let opps = try await store.opportunities()
        let won = opps.first { $0.name == "SFA導入" }
        #expect(
            won?.status == .won && won?.closedOn == Day(iso: "2026-09-15") && won?.createdOn == Day(iso: "2026-07-01"))
        #expect(opps.first { $0.name == "CRM" }?.status == .open)
        #expect(opps.first { $0.name == "CRM" }?.closedOn == nil)
        #expect(opps.first { $0.name == "MA" }?.status == .lost)
    }

    @Test("tree export JSON: 72 accounts by referenceId; contacts without AccountId are skipped, counted")
    func treeExport() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let files = ["sf_tree_Accounts.json", "sf_tree_Contacts.json"].map { Fixture.path("connectors/" + $0) }
        let r = try await ConnectorImporter(store: store).importSalesforce(paths: files, dryRun: false)
        #expect(r.rowsRead == 72 + 119)
        #expect(r.mapped == 72)
        #expect(r.skipped["contact without an AccountId"] == 119)
        let companies = try await store.companies(after: nil, limit: 100)
        #expect(companies.count == 72)
        let styles = companies.first { $0.id == "AccountRef2" }
        #expect(styles?.name == "Styles and Sound Inc." && styles?.region == "CA")
        #expect(companies.first { $0.id == "AccountRef5" }?.domain == "towsoninc.com")
    }
}

@Suite("Connectors: generic intent and duplicate groups")
struct GenericIntentAndDuplicatesTests {
    @Test("domain, topic, score, date with Japanese headers: resolved by domain, bad score rejected with its line")
    func genericIntent() async throws {
        let store = try await ConnectorTests.workspace()
        defer { Task { try? await store.close() } }
        let r = try await ConnectorImporter(store: store).importGenericIntent(
            path: Fixture.path("connectors/intent_generic.csv"), dryRun: false)
        #expect(r.rowsRead == 4)
        #expect(r.mapped == 2)
        #expect(r.skipped["no company with this domain"] == 1)
        #expect(r.rejected.map(\.line) == [5])
        #expect(r.rejected.first?.column == "score")
        let all = try await store.intent(after: nil, limit: 10)
        #expect(all.count == 2)
        let sfa = all.first { $0.topic == "SFA" }
        #expect(sfa?.companyId == "X1" && sfa?.kind == .competitorVisit && sfa?.score == 72)
        #expect(all.first { $0.topic == "CRM" }?.kind == .keywordSearch)
    }

    @Test("duplicate groups of the hand-worked fixture: C1/C4 by name + region, C2/C6 by domain (its README)")
    func duplicates() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"),
            options: .init(rejectedPath: (dir as NSString).appendingPathComponent("r.csv")))
        let groups = try await DuplicateReport.groups(store: store)
        #expect(
            groups.map { "\($0.kind):" + $0.companies.map(\.id).joined(separator: ",") }.sorted() == [
                "domain:C2,C6", "name_region:C1,C4",
            ])
    }
}
