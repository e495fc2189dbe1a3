import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `kizashi serve` runs the write-back on `crm.hubspot.schedule`, once per slot however many
/// servers share the workspace (issue 27 §1).
@Suite("HubSpot sync: the schedule")
struct HubSpotSyncScheduleTests {
    @Test(
        "off: nothing; due: exactly one of two servers runs the slot, with the settings' language; the slot never runs twice"
    )
    func onePerSlot() async throws {
        let store = try await HubSpotSyncEndToEndTests.workspace()
        defer { Task { try? await store.close() } }
        let fake = FakeHubSpot(token: HubSpotSyncFixture.token)
        // 2026-09-30 09:00:30 in Tokyo = 00:00:30Z: 30 s after the slot "daily 09:00".
        let clock = TestClock(Instant(millisecondsSinceEpoch: 1_790_726_430_000))
        try await fake.application().test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            func scheduler(_ server: String) throws -> HubSpotSyncScheduler {
                HubSpotSyncScheduler(
                    service: HubSpotSyncService(
                        store: store, data: DashboardData(store: store, training: .inline()),
                        credentials: HubSpotCredentials(
                            store: store, box: try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)),
                        connection: HubSpotConnection(
                            baseURL: base, http: LiveCRMHTTPClient(), pause: RecordingPause()),
                        now: { clock.now }),
                    server: server)
            }
            #expect(try await scheduler("a").syncDue() == nil)
            #expect(fake.received.isEmpty)
            try await store.transaction { tx in
                try await tx.setSetting(CRMSyncSettings.scheduleKey, to: "daily 09:00")
                try await tx.setSetting(CRMSyncSettings.languageKey, to: "en")
            }
            let (a, b) = (try scheduler("a"), try scheduler("b"))
            async let ra = a.syncDue()
            async let rb = b.syncDue()
            let reports = [try await ra, try await rb].compactMap { $0 }
            #expect(reports.count == 1)
            // The hand-worked values (in English, as the setting says), synced at the clock's time.
            var expected = HubSpotSyncFixture.firstRun
            for id in expected.keys { expected[id]?["kizashi_synced_at"] = "1790726430000" }
            #expect(fake.received == [.init(object: "companies", inputs: expected, order: ["101", "102", "103"])])
            // Later in the same slot: already run, by either server.
            clock.advance(seconds: 600)
            #expect(try await a.syncDue() == nil)
            #expect(try await b.syncDue() == nil)
            #expect(fake.received.count == 1 && fake.problems.isEmpty)
        }
    }
}
