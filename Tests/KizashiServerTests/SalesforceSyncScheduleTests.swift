import Foundation
import Hummingbird
import HummingbirdTesting
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `kizashi serve` runs the Salesforce write-back on `crm.salesforce.schedule`, once per slot
/// however many servers share the workspace, apart from HubSpot's schedule (issue 27 §1).
@Suite("Salesforce sync: the schedule")
struct SalesforceSyncScheduleTests {
    @Test(
        "HubSpot's schedule does not run it; due: exactly one of two servers runs the slot, with the settings' language and contacts; never twice"
    )
    func onePerSlot() async throws {
        let store = try await SalesforceSyncEndToEndTests.workspace()
        defer { Task { try? await store.close() } }
        let fake = SalesforceSyncEndToEndTests.fake()
        // 2026-09-30 09:00:30 in Tokyo = 00:00:30Z: 30 s after the slot "daily 09:00".
        let clock = TestClock(Instant(millisecondsSinceEpoch: 1_790_726_430_000))
        try await fake.application().test(.live) { client in
            try await SalesforceSyncFixture.setCredentials(
                store, instance: "http://127.0.0.1:\(try #require(client.port))")
            func scheduler(_ server: String) throws -> CRMSyncScheduler {
                CRMSyncScheduler(
                    service: SalesforceSyncService(
                        store: store, data: DashboardData(store: store, training: .inline()),
                        credentials: SalesforceCredentials(
                            store: store, box: try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)),
                        connection: SalesforceConnection(http: LiveCRMHTTPClient(), pause: RecordingPause()),
                        now: { clock.now }),
                    server: server)
            }
            // Only HubSpot's schedule is set: the Salesforce scheduler has nothing due.
            try await store.transaction { tx in try await tx.setSetting("crm.hubspot.schedule", to: "daily 09:00") }
            #expect(try await scheduler("a").syncDue() == nil)
            #expect(fake.received.isEmpty)
            try await store.transaction { tx in
                try await tx.setSetting("crm.salesforce.schedule", to: "daily 09:00")
                try await tx.setSetting("crm.salesforce.lang", to: "en")
                try await tx.setSetting("crm.salesforce.contacts", to: "true")
            }
            let (a, b) = (try scheduler("a"), try scheduler("b"))
            async let ra = a.syncDue()
            async let rb = b.syncDue()
            let reports = [try await ra, try await rb].compactMap { $0 }
            #expect(reports.count == 1 && reports.first?.run.provider == "salesforce")
            // The hand-worked values in English (the setting), synced at the clock's time
            // (1_790_726_430_000 ms = 2026-09-30 00:00:30 UTC); the linked Contact too (the setting).
            var expected = SalesforceSyncFixture.firstRun
            for id in expected.keys { expected[id]?["Kizashi_Synced_At__c"] = .text("2026-09-30T00:00:30.000Z") }
            #expect(
                fake.received.first
                    == .init(
                        object: "Account", records: expected,
                        order: [SalesforceSyncFixture.a1, SalesforceSyncFixture.a2, SalesforceSyncFixture.a3]))
            #expect(fake.received.last?.records == [SalesforceSyncFixture.k1: expected[SalesforceSyncFixture.a1]!])
            clock.advance(seconds: 600)
            #expect(try await a.syncDue() == nil)
            #expect(try await b.syncDue() == nil)
            #expect(fake.received.count == 2 && fake.problems.isEmpty)
        }
    }
}
