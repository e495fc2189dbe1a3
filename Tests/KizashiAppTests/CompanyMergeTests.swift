import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// 名寄せ merge and undo on the hand-worked fixture (its README lists the duplicate pairs:
/// C1/C4 by name + region, C2/C6 by domain). Runs on every backend available.
@Suite("Company merge (名寄せ)", .serialized)
struct CompanyMergeTests {
    static var backends: [String] { PostgresTestServer.enabled ? ["sqlite", "postgres"] : ["sqlite"] }

    static func workspace(_ backend: String) async throws -> any WorkspaceStore {
        let location =
            backend == "sqlite"
            ? Fixture.temporaryDirectory() + "/w.sqlite" : try await PostgresTestServer.freshDatabase()
        let (s, _, e) = try CLI.run([
            "import", Fixture.path("q3-handworked"), "--db", location, "--quiet", "--rejected",
            Fixture.temporaryDirectory() + "/r.csv",
        ])
        #expect(s == 0, "\(e)")
        return try await WorkspaceLocation.open(location)
    }

    struct Snapshot: Equatable {
        var companies: [Company], targets: [TargetMembership], contacts: [Contact], activities: [Activity]
        var intent: [IntentSignal], meetings: [Meeting], opportunities: [Opportunity], contracts: [Contract]
        init(_ s: any WorkspaceStore) async throws {
            companies = try await s.companies(after: nil, limit: 1000)
            targets = try await s.targets()
            contacts = try await s.contacts(after: nil, limit: 1000)
            activities = try await s.activities(after: nil, limit: 1000)
            intent = try await s.intent(after: nil, limit: 1000)
            meetings = try await s.meetings()
            opportunities = try await s.opportunities()
            contracts = try await s.contracts()
        }
    }

    static let now = Instant(millisecondsSinceEpoch: 1_790_000_000_000)

    @Test("C6 into C2: every row moves, C6 is deleted, and undo restores the workspace exactly", arguments: backends)
    func mergeAndUndo(backend: String) async throws {
        let store = try await Self.workspace(backend)
        defer { Task { try? await store.close() } }
        // A CRM record matched to C6 at import follows it to C2 (the write-back keeps updating it).
        try await store.linkCRMRecords(
            provider: "salesforce", objectType: "Account", links: ["001A": "C6"], at: Self.now)
        let before = try await Snapshot(store)
        let merger = CompanyMerger(store: store)
        let r = try await merger.merge(keep: "C2", drop: ["C6"], now: Self.now)
        #expect(try await store.crmRecordLinks(provider: "salesforce", objectType: "Account") == ["001A": "C2"])
        // C6 holds: activity A09, intent I09, opportunities O8 and O9, contract K6, membership of 2026-09-30.
        #expect(
            r.moved == [
                "contacts": 0, "activities": 1, "intent": 1, "meetings": 0, "opportunities": 2, "contracts": 1,
                "targets": 1,
            ])
        let after = try await Snapshot(store)
        #expect(!after.companies.contains { $0.id == "C6" })
        #expect(after.companies.count == before.companies.count - 1)
        #expect(after.activities.first { $0.id == "A09" }?.companyId == "C2")
        #expect(after.intent.first { $0.id == "I09" }?.companyId == "C2")
        #expect(after.opportunities.filter { $0.companyId == "C2" }.map(\.id) == ["O5", "O8", "O9"])
        #expect(after.contracts.first { $0.id == "K6" }?.companyId == "C2")
        // C2 had no membership added on 2026-09-30, so C6's moves to it (tier 3, owner 高橋).
        #expect(
            after.targets.filter { $0.companyId == "C2" }.map(\.addedOn.description) == ["2026-01-01", "2026-09-30"])
        #expect(after.activities.count == before.activities.count && after.intent.count == before.intent.count)
        let log = try await store.merges()
        #expect(log.map(\.id) == [r.mergeId])
        #expect(log[0].record.contains("\"kept\":\"C2\"") && log[0].record.contains("株式会社イプシロン"))

        // A company still referred to cannot be deleted: the transaction fails and changes nothing.
        await #expect(throws: StoreError.self) {
            try await store.transaction { tx in try await tx.deleteCompany(id: "C2") }
        }
        #expect(try await store.company(id: "C2") != nil)

        let restored = try await merger.undo(mergeId: r.mergeId)
        #expect(restored == ["C6"])
        #expect(try await store.crmRecordLinks(provider: "salesforce", objectType: "Account") == ["001A": "C6"])
        #expect(try await Snapshot(store) == before)
        #expect(try await store.merges().isEmpty)
    }

    @Test("refusals: unknown companies, merging into itself, undoing an unknown merge")
    func refusals() async throws {
        let store = try await Self.workspace("sqlite")
        defer { Task { try? await store.close() } }
        let merger = CompanyMerger(store: store)
        await #expect(throws: StoreError.self) { try await merger.merge(keep: "NOPE", drop: ["C1"], now: Self.now) }
        await #expect(throws: StoreError.self) { try await merger.merge(keep: "C1", drop: ["NOPE"], now: Self.now) }
        await #expect(throws: StoreError.self) { try await merger.merge(keep: "C1", drop: ["C1"], now: Self.now) }
        await #expect(throws: StoreError.self) { try await merger.undo(mergeId: 42) }
        #expect(try await store.counts()[.companies] == 8)  // companies.csv: C1…C8
    }

    @Test("kizashi merge through the CLI: merge, list, undo")
    func cli() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let (s, out, err) = try CLI.run(["merge", "C1", "C4", "--db", db])
        #expect(s == 0, "\(err)")
        #expect(out.contains("C4 → C1") && out.contains("opportunities 1"))
        #expect(try CLI.run(["merge", "--list", "--db", db]).1.contains("kept C1\tdropped C4"))
        let (u, undone, uerr) = try CLI.run(["merge", "--undo", "1", "--db", db])
        #expect(u == 0 && undone.contains("C4 restored"), "\(uerr)")
    }
}
