import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiServer
import KizashiStore
import Testing

/// `POST /api/v1/imports` of activities only: the read model adds the new rows instead of
/// reloading (issue 23: the first page after an import), with the numbers a reload gives.
///
/// How the test sees which happened: a web visit of C6 (B1) is written behind the read model's
/// back after the first report. A patched read model adds only the import's rows; a reload also
/// finds B1. Hand-worked on the fixture (README, Phase 2): 5 web visits in 2026Q3, of targets
/// {C1, C3, C5} → target_traffic_share 3/5. The import's A20 (C6, 09-30) makes it 4/6 when
/// patched; a reload would count B1 too: 5/7.
@Suite("API: an import of activities patches the read model")
struct ImportPatchRouteTests {
    static let header = "activity_id,occurred_at,type,company_id,contact_id,campaign_id,url,topic\n"
    static let a20 = "A20,2026-09-30T12:00:00+09:00,web_visit,C6,,,/,\n"

    static func share(_ client: any TestClientProtocol, _ auth: HTTPFields) async throws -> Double? {
        let r = try await client.execute(uri: "/api/v1/kpis?period=2026Q3", method: .get, headers: auth)
        let body = try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any]
        return (body?["kpis"] as? [String: Any])?["target_traffic_share"] as? Double
    }

    static func behindTheBack(_ store: any WorkspaceStore) async throws {
        let b1 = Activity(
            id: "B1",
            occurredAt: WorkspaceTimeZone.tokyo.instant(localDay: Day(iso: "2026-09-29")!, secondsOfDay: 36_000),
            type: .webVisit, companyId: "C6")
        try await store.transaction { tx in try await tx.upsert(activities: [b1]) }
    }

    @Test("new activities are added to the loaded read model; a file of another entity reloads it")
    func patchedThenReloaded() async throws {
        // Without the warm-up after a change: it loads the overview's wider computation, which
        // reads the store and so finds B1 as any reload does (ReadModelWarmUpTests test it).
        let w = try await TestWorkspace.make { $0.warmReadModel = false }
        defer { Task { await w.close() } }
        let editor = try await w.bearer(.editor)
        var headers = editor
        headers[.contentType] = "text/csv"
        let csv = headers
        try await w.test { client in
            #expect(try await Self.share(client, editor) == 3.0 / 5)
            try await Self.behindTheBack(w.store)
            let r = try await client.execute(
                uri: "/api/v1/imports?entity=activities", method: .post, headers: csv,
                body: ByteBuffer(string: Self.header + Self.a20))
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            // Patched: the import's row only.
            #expect(try await Self.share(client, editor) == 4.0 / 6)

            // A company changed: the read model reloads and finds B1 too (C6 has two visits).
            let company = try await client.execute(
                uri: "/api/v1/imports?entity=companies", method: .post, headers: csv,
                body: ByteBuffer(string: "company_id,name\nC9,株式会社テスト\n"))
            #expect(company.status == .ok, "\(String(buffer: company.body))")
            #expect(try await Self.share(client, editor) == 5.0 / 7)
        }
    }
}
