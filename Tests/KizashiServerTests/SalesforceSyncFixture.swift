import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// The Salesforce sync tests' workspace: `HubSpotSyncFixture`'s hand-worked accounts (its comment
/// has the arithmetic), whose companies the Salesforce import 名寄せ matched to three Accounts —
/// A1 = 001000000000001AAA → HS101, A2 → HS102, A3 → HS103 — and one Contact, K1 =
/// 003000000000001AAA → HS101. (An 18-character ID is the 15-character one plus a case-check
/// suffix: these have no capital letter, so every block's bits are 0 → "AAA".) C9 has no
/// Salesforce Account: it is never sent.
enum SalesforceSyncFixture {
    static let a1 = "001000000000001AAA"
    static let a2 = "001000000000002AAA"
    static let a3 = "001000000000003AAA"
    static let k1 = "003000000000001AAA"
    /// `HubSpotSyncFixture.now` = 1_790_737_200_000 ms = 2026-09-30 03:00 UTC (12:00 in Tokyo).
    static let syncedAt = "2026-09-30T03:00:00.000Z"
    static let clientId = "3MVG9FAKE.consumer.key"
    static let clientSecret = "F4K3S3CR3T0123456789"

    static func load(into store: any WorkspaceStore) async throws {
        try await HubSpotSyncFixture.load(into: store)
        try await store.linkCRMRecords(
            provider: "salesforce", objectType: "Account", links: [a1: "HS101", a2: "HS102", a3: "HS103"],
            at: HubSpotSyncFixture.now)
        try await store.linkCRMRecords(
            provider: "salesforce", objectType: "Contact", links: [k1: "HS101"], at: HubSpotSyncFixture.now)
    }

    static func setCredentials(_ store: any WorkspaceStore, instance: String, secret: String = clientSecret)
        async throws
    {
        try await SalesforceCredentials(store: store, box: try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)).set(
            instanceURL: instance, clientId: clientId, clientSecret: secret, at: HubSpotSyncFixture.now)
    }

    typealias V = FakeSalesforce.Value

    /// What the first run must send (HubSpotSyncFixture.firstRun, as Salesforce fields: numbers as
    /// numbers, empty text as null).
    static let firstRun: [String: [String: V]] = [
        a1: [
            "Kizashi_Score__c": .number(35.2), "Kizashi_Score_Change_7d__c": .number(35.2),
            "Kizashi_Stage__c": .text("qualified"), "Kizashi_Approach_Rank__c": .number(1),
            "Kizashi_Reasons__c": .text(
                "intent on SFA surged from 0 to 80; 1 form submitted this week; attended 1 event this week"),
            "Kizashi_Intent_Topics__c": .text("SFA"), "Kizashi_Synced_At__c": .text(syncedAt),
        ],
        a2: [
            "Kizashi_Score__c": .number(1.6), "Kizashi_Score_Change_7d__c": .number(-0.3),
            "Kizashi_Stage__c": .text("aware"), "Kizashi_Approach_Rank__c": .number(2), "Kizashi_Reasons__c": .null,
            "Kizashi_Intent_Topics__c": .null, "Kizashi_Synced_At__c": .text(syncedAt),
        ],
        a3: [
            "Kizashi_Score__c": .number(0), "Kizashi_Score_Change_7d__c": .number(0),
            "Kizashi_Stage__c": .text("target"), "Kizashi_Approach_Rank__c": .number(4), "Kizashi_Reasons__c": .null,
            "Kizashi_Intent_Topics__c": .null, "Kizashi_Synced_At__c": .text(syncedAt),
        ],
    ]

    /// The first run's request body, byte for byte: `allOrNone` false, then per record
    /// `attributes`, `id` and the fields in name order ("Score_Change" < "Score__": 'C' < '_').
    static let firstBody =
        #"{"allOrNone":false,"records":["#
        + #"{"attributes":{"type":"Account"},"id":"001000000000001AAA","Kizashi_Approach_Rank__c":1,"Kizashi_Intent_Topics__c":"SFA","Kizashi_Reasons__c":"intent on SFA surged from 0 to 80; 1 form submitted this week; attended 1 event this week","Kizashi_Score_Change_7d__c":35.2,"Kizashi_Score__c":35.2,"Kizashi_Stage__c":"qualified","Kizashi_Synced_At__c":"2026-09-30T03:00:00.000Z"},"#
        + #"{"attributes":{"type":"Account"},"id":"001000000000002AAA","Kizashi_Approach_Rank__c":2,"Kizashi_Intent_Topics__c":null,"Kizashi_Reasons__c":null,"Kizashi_Score_Change_7d__c":-0.3,"Kizashi_Score__c":1.6,"Kizashi_Stage__c":"aware","Kizashi_Synced_At__c":"2026-09-30T03:00:00.000Z"},"#
        + #"{"attributes":{"type":"Account"},"id":"001000000000003AAA","Kizashi_Approach_Rank__c":4,"Kizashi_Intent_Topics__c":null,"Kizashi_Reasons__c":null,"Kizashi_Score_Change_7d__c":0,"Kizashi_Score__c":0,"Kizashi_Stage__c":"target","Kizashi_Synced_At__c":"2026-09-30T03:00:00.000Z"}"#
        + "]}"

    static func service(_ store: any WorkspaceStore, pause: RecordingPause = RecordingPause())
        throws -> SalesforceSyncService
    {
        SalesforceSyncService(
            store: store, data: DashboardData(store: store, training: .inline()),
            credentials: SalesforceCredentials(
                store: store, box: try CRMSecretBox(keyText: HubSpotSyncFixture.keyText)),
            connection: SalesforceConnection(http: LiveCRMHTTPClient(), pause: pause),
            now: { HubSpotSyncFixture.now })
    }
}
