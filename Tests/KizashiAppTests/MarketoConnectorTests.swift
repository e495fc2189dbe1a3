import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Marketo activity export (Fixtures/connectors/marketo-activities.csv, see SOURCE.md) over the
/// hand-worked workspace, whose contact P1 is taro@alpha.co.jp. Expectations worked out by hand.
@Suite("Connectors: Marketo activities")
struct MarketoConnectorTests {
    static func instant(_ iso: String) -> Instant {
        Instant(millisecondsSinceEpoch: Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970 * 1000))
    }

    @Test(
        "types mapped by ID, leads resolved by e-mail (any case), score changes and custom types skipped, bad date rejected"
    )
    func export() async throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        #expect(
            try CLI.run(["import", Fixture.path("q3-handworked"), "--db", db, "--quiet", "--rejected", dir + "/r.csv"])
                .0 == 0)
        let store = try await SQLiteWorkspaceStore.open(path: db)
        defer { Task { try? await store.close() } }
        let before = try await store.counts()[.activities] ?? 0
        let r = try await ConnectorImporter(store: store).importMarketo(
            paths: [Fixture.path("connectors/marketo-activities.csv")], dryRun: false)
        // 7 rows: 1001 visit and 1002 open → P1 (by e-mail); 1003 and 1006 leads unknown (1006 has no
        // e-mail); 1004 Change Score and 1007 a custom type skipped; 1005 rejected (line 6).
        #expect(r.rowsRead == 7)
        #expect(r.mapped == 2)
        #expect(r.skipped["lead not a known contact"] == 2)
        #expect(r.skipped["activity type 22 not mapped"] == 1)
        #expect(r.skipped["activity type 100001 not mapped"] == 1)
        #expect(r.rejected.map(\.line) == [6])
        #expect(try await store.counts()[.activities] == before + 2)
        let mine = try await store.activities(after: "MK", limit: 10).filter { $0.id.hasPrefix("MK") }
        #expect(
            mine == [
                Activity(
                    id: "MK1001", occurredAt: Self.instant("2024-01-31T09:15:00Z"), type: .webVisit, contactId: "P1",
                    url: "/pricing"),
                Activity(
                    id: "MK1002", occurredAt: Self.instant("2024-01-31T09:20:00Z"), type: .emailOpen, contactId: "P1",
                    topic: "Q1 Newsletter"),
            ])
    }
}
