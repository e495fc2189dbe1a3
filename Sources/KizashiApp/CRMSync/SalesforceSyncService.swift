import Foundation
import KizashiCore
import KizashiStore

/// How the sync talks to Salesforce (the instance URL is stored with the credentials).
public struct SalesforceConnection: Sendable {
    public var http: any CRMHTTPClient
    public var pause: any CRMSyncPause
    /// 60 s a request: a collection of 200 is saved in a few seconds. An answer to 200 records is
    /// 200 SaveResults of ~60 bytes (plus error texts); 503s are retried like 429s.
    public var limits = CRMRequestLimits(timeout: .seconds(60))

    public init(http: any CRMHTTPClient, pause: any CRMSyncPause = LiveCRMSyncPause()) {
        self.http = http
        self.pause = pause
    }
}

/// `kizashi sync salesforce` and `POST /api/v1/sync/salesforce` (issue 27 §1): writes each target
/// account's Kizashi values onto its Salesforce Account (and, asked, its Contacts) through the
/// sObject Collections update, sending only what changed since Salesforce last saved it. Shares
/// the HubSpot sync's values (`CRMSignalReader`), diff (`CRMPropertyDiff`), store and log.
///
/// Nothing is marked sent unless Salesforce reported it saved: a refused record (its SaveResult,
/// a 400 for its request, a network error) keeps its old values in the store, so the next run
/// sends it again. 429/503 are waited out (`Retry-After`, bounded) and retried; an expired
/// session gets one new token; the daily request limit or refused credentials stop the run.
public struct SalesforceSyncService: Sendable {
    public typealias Options = HubSpotSyncService.Options

    public let store: any WorkspaceStore
    public let data: DashboardData
    public let credentials: SalesforceCredentials
    public let connection: SalesforceConnection
    public let now: @Sendable () -> Instant

    public init(
        store: any WorkspaceStore, data: DashboardData, credentials: SalesforceCredentials,
        connection: SalesforceConnection, now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.data = data
        self.credentials = credentials
        self.connection = connection
        self.now = now
    }

    /// The values of every Salesforce record as of the day: object → record ID → property → value,
    /// and how many target accounts have no Account ID.
    func currentValues(_ options: Options) async throws -> (
        values: [SalesforceCollectionsUpdate.Object: [String: [String: String]]], withoutId: Int
    ) {
        let provider = SalesforceCredentials.provider
        // Accounts 名寄せ matched to a workspace company at import (company → Account IDs).
        let linked = try await CRMSyncRound.linkedRecords(
            store, provider: provider, objectType: SalesforceCollectionsUpdate.Object.account.rawValue,
            accept: { SalesforceRecordID.account($0) != nil })
        let (all, targets) = try await CRMSignalReader(store: store, data: data).signals(
            asOf: options.asOf, language: options.language,
            keep: { SalesforceRecordID.account($0) != nil || linked[$0] != nil })
        let (accounts, byCompany) = CRMSyncRound.accountValues(
            all, recordId: SalesforceRecordID.account, linked: linked)
        var out: [SalesforceCollectionsUpdate.Object: [String: [String: String]]] = [.account: accounts]
        if options.contacts {
            // Contacts imported under their own Contact ID, and those the import linked.
            var contacts = try await CRMSyncRound.contactValues(
                store, byCompany: byCompany, recordId: SalesforceRecordID.contact)
            for (record, company) in try await store.crmRecordLinks(
                provider: provider, objectType: SalesforceCollectionsUpdate.Object.contact.rawValue)
            where contacts[record] == nil && SalesforceRecordID.contact(record) != nil {
                if let values = byCompany[company] { contacts[record] = values }
            }
            out[.contact] = contacts
        }
        return (out, targets - all.count)
    }

    public func run(_ options: Options) async throws -> CRMSyncReport {
        let started = now()
        let (current, withoutId) = try await currentValues(options)
        var report = try await CRMSyncRound.run(
            current, withoutId: withoutId, provider: SalesforceCredentials.provider, started: started,
            syncedAt: SalesforceCollectionsUpdate.dateTime(started), dryRun: options.dryRun, store: store, now: now
        ) { changes, changed, run in
            guard changed > 0 else {
                run.status = .ok
                return 0
            }
            // Only a run with something to send needs the credentials (and the key that opens them).
            guard let stored = try await credentials.stored() else { throw CRMSyncProblem(.noSalesforceCredentials) }
            guard let instance = SalesforceCredentials.checkedInstanceURL(stored.instanceURL) else {
                throw CRMSyncProblem(.badInstanceURL)
            }
            var sending = SalesforceCollectionSender(
                store: store, connection: connection, instance: instance, credentials: stored, now: now)
            return try await CRMSyncRound.send(
                changes, changed: changed, batches: { SalesforceCollectionsUpdate.batches($0) }, with: &sending,
                into: &run)
        }
        report.fieldNames = SalesforceCollectionsUpdate.fields
        return report
    }
}
