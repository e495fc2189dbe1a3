import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

@Suite("Import pipeline")
struct ImportPipelineTests {
    static let q3 = KPIPeriod(label: "2026Q3")!

    func kpiJSON(_ store: any WorkspaceStore) async throws -> String {
        try await KPIService(store: store).report(period: Self.q3).json().serialized(pretty: true)
    }

    @Test("import → export → import is lossless, and re-importing changes nothing")
    func roundTrip() async throws {
        let (a, dir) = try await Fixture.newStore()
        defer { Task { try? await a.close() } }
        _ = try await PackageImporter(store: a).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        let before = try await kpiJSON(a)
        let countsBefore = try await a.counts()
        #expect(countsBefore[.activities] == 14 && countsBefore[.companies] == 8 && countsBefore[.targets] == 7)

        // Re-import: same counts, same numbers.
        _ = try await PackageImporter(store: a).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        #expect(try await a.counts() == countsBefore)
        #expect(try await kpiJSON(a) == before)

        // Export, import into a new workspace: every entity equal, KPIs byte-identical.
        let out = (dir as NSString).appendingPathComponent("export")
        try await PackageExporter(store: a).export(to: out)
        let b = try await SQLiteWorkspaceStore.open(path: (dir as NSString).appendingPathComponent("b.sqlite"))
        defer { Task { try? await b.close() } }
        let report = try await PackageImporter(store: b).importPackage(at: out, options: .init(rejectedPath: nil))
        #expect(report.rejectedTotal == 0)
        #expect(try await b.counts() == countsBefore)
        #expect(try await b.companies(after: nil, limit: 100) == a.companies(after: nil, limit: 100))
        #expect(try await b.activities(after: nil, limit: 100) == a.activities(after: nil, limit: 100))
        #expect(try await b.opportunities() == a.opportunities())
        #expect(try await b.campaigns() == a.campaigns())
        #expect(try await b.icp() == a.icp())
        #expect(try await kpiJSON(b) == before)
    }

    /// A package with one bad row in each of two files (hand-written).
    static func badPackage() throws -> String {
        let dir = Fixture.temporaryDirectory()
        try """
        company_id,name,domain
        C1,株式会社アルファ,alpha.co.jp
        C2,ベータ,beta.co.jp
        """.write(toFile: dir + "/companies.csv", atomically: true, encoding: .utf8)
        try """
        contact_id,company_id,name,email,role
        P1,C1,山田,taro@alpha.co.jp,decision_maker
        P2,C9,佐藤,sato@x.jp,influencer
        P3,C2,鈴木,suzuki@beta.co.jp,boss
        """.write(toFile: dir + "/contacts.csv", atomically: true, encoding: .utf8)
        try """
        activity_id,occurred_at,type,company_id,contact_id,favourite_colour
        A1,2026-09-01T10:00:00+09:00,web_visit,,P1,blue
        A2,2026-09-01T10:00:00+09:00,web_visit,,P3,red
        """.write(toFile: dir + "/activities.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("bad rows are rejected with file, line, column and reason, written to rejected.csv; good rows are kept")
    func rejectedRows() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let pkg = try Self.badPackage()
        let rejectedPath = dir + "/rejected.csv"
        let report = try await PackageImporter(store: store).importPackage(
            at: pkg, options: .init(rejectedPath: rejectedPath))
        // P2: unknown company C9; P3: unknown role; A2: its contact P3 was rejected, so unknown.
        #expect(report.rejectedTotal == 3)
        #expect(
            report.firstRejected.map { "\(($0.file as NSString).lastPathComponent):\($0.line) \($0.column)" } == [
                "contacts.csv:3 company_id", "contacts.csv:4 role", "activities.csv:3 contact_id",
            ])
        #expect(
            report.files.first { $0.entity == "activities" }?.warnings == [
                "unknown column \"favourite_colour\" ignored"
            ])
        let counts = try await store.counts()
        #expect(counts[.companies] == 2 && counts[.contacts] == 1 && counts[.activities] == 1)
        let text = try String(contentsOfFile: rejectedPath, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "file,line,column,value,reason,record")
        #expect(lines[1].contains(",3,company_id,C9,unknown company_id C9: not in the workspace nor in this import,"))
        #expect(lines[2].contains(",4,role,boss,\"unknown value; allowed: decision_maker, influencer, user, other\""))
    }

    @Test("--strict: one bad row rejects the whole import and nothing changes")
    func strict() async throws {
        let store = try await Fixture.handWorkedStore()
        defer { Task { try? await store.close() } }
        let before = try await kpiJSON(store)
        let countsBefore = try await store.counts()
        await #expect(throws: StrictImportRejected.self) {
            _ = try await PackageImporter(store: store).importPackage(
                at: try Self.badPackage(), options: .init(strict: true, rejectedPath: nil))
        }
        #expect(try await store.counts() == countsBefore)
        #expect(try await kpiJSON(store) == before)
    }

    @Test("a missing required column fails the import, naming the file and the column, and writes nothing")
    func missingColumn() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let dir = Fixture.temporaryDirectory()
        try "company_id,name\nC1,A\n".write(toFile: dir + "/companies.csv", atomically: true, encoding: .utf8)
        try "activity_id,type\nA1,web_visit\n".write(toFile: dir + "/activities.csv", atomically: true, encoding: .utf8)
        do {
            _ = try await PackageImporter(store: store).importPackage(at: dir, options: .init(rejectedPath: nil))
            Issue.record("the import should have failed")
        } catch let e as ImportFailure {
            #expect(e.message == "activities.csv: required column \"occurred_at\" is missing from the header")
            #expect(e.file.hasSuffix("activities.csv"))
        }
        #expect(try await store.counts()[.companies] == 0)
    }

    @Test("a Shift_JIS file (real CP932 bytes) is detected and imported")
    func shiftJISFile() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        // "company_id,name,region\r\nC1,株式会社ソニ,東京都\r\n" in CP932, written byte by byte:
        // 株式会社 = 8A94 8EAE 89EF 8ED0, ソ = 835C (trail byte 0x5C), ニ = 836A, 東京都 = 938C 8B9E 9373.
        var bytes = Array("company_id,name,region\r\nC1,".utf8)
        bytes += [0x8A, 0x94, 0x8E, 0xAE, 0x89, 0xEF, 0x8E, 0xD0, 0x83, 0x5C, 0x83, 0x6A]
        bytes += Array(",".utf8) + [0x93, 0x8C, 0x8B, 0x9E, 0x93, 0x73] + Array("\r\n".utf8)
        let path = dir + "/会社一覧.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let report = try await PackageImporter(store: store).importFile(
            at: path, entity: .companies, options: .init(rejectedPath: nil))
        #expect(report.files.first?.encoding == "Shift_JIS")
        #expect(try await store.companies(after: nil, limit: 5) == [Company(id: "C1", name: "株式会社ソニ", region: "東京都")])
    }
}

@Suite("Import dry run")
struct ImportDryRunTests {
    @Test("--dry-run checks and reports everything but writes nothing")
    func dryRun() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let report = try await PackageImporter(store: store).importPackage(
            at: try ImportPipelineTests.badPackage(), options: .init(rejectedPath: dir + "/r.csv", dryRun: true))
        #expect(report.dryRun && !report.committed)
        #expect(report.rowsRead == 7 && report.rejectedTotal == 3 && report.imported == 4)
        #expect(try await store.counts().values.allSatisfy { $0 == 0 })
        #expect(try await store.icp() == nil)
    }
}
