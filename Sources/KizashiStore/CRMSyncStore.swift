import KizashiCore

/// One record a CRM refused in a sync run, and why (retried on the next run).
public struct CRMSyncFailure: Sendable, Equatable {
    /// `companies` or `contacts`.
    public var objectType: String
    /// The CRM's record ID.
    public var recordId: String
    public var error: String

    public init(objectType: String, recordId: String, error: String) {
        self.objectType = objectType
        self.recordId = recordId
        self.error = error
    }
}

/// One run of a CRM write-back (`kizashi sync hubspot`, `POST /api/v1/sync/hubspot`): the sync log.
public struct CRMSyncRun: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Every changed record was accepted (or nothing had changed).
        case ok
        /// Some records were refused; they are retried on the next run.
        case partial
        /// The run stopped before the end (daily limit, token refused, rate limit not lifting).
        case stopped
        /// A dry run: nothing was sent.
        case dryRun = "dry_run"
    }
    public var id: Int64
    /// `hubspot`.
    public var provider: String
    public var startedAt: Instant
    public var finishedAt: Instant
    public var status: Status
    /// Records with at least one changed value.
    public var recordsChanged: Int
    /// Records the CRM accepted.
    public var recordsSent: Int
    public var recordsFailed: Int
    /// Why the run stopped, or what it skipped (never a secret).
    public var message: String?
    public var failures: [CRMSyncFailure]

    public init(
        id: Int64 = 0, provider: String, startedAt: Instant, finishedAt: Instant, status: Status, recordsChanged: Int,
        recordsSent: Int, recordsFailed: Int, message: String?, failures: [CRMSyncFailure]
    ) {
        self.id = id
        self.provider = provider
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.recordsChanged = recordsChanged
        self.recordsSent = recordsSent
        self.recordsFailed = recordsFailed
        self.message = message
        self.failures = failures
    }
}

/// CRM write-back (issue 27 §1): the values each CRM record last accepted (so only changes are
/// sent), the provider's credential as sealed text (encrypted by the App; the store never sees
/// the secret), and the sync log.
public protocol CRMSyncStore: Sendable {
    /// record ID → property → the value the CRM last accepted.
    func crmSentValues(provider: String, objectType: String) async throws -> [String: [String: String]]
    /// Marks values as accepted by the CRM (replacing what was there), in one transaction.
    func recordCRMSentValues(
        provider: String, objectType: String, values: [String: [String: String]], at: Instant
    ) async throws
    /// The sealed credential of a provider, or nil.
    func crmCredential(provider: String) async throws -> String?
    /// Stores (or with nil, removes) the sealed credential.
    func setCRMCredential(provider: String, sealed: String?, at: Instant) async throws
    /// Appends a run and its failures to the log; returns it with its number.
    @discardableResult
    func recordCRMSyncRun(_ run: CRMSyncRun) async throws -> CRMSyncRun
    /// The latest runs, newest first, with their failures.
    func crmSyncRuns(limit: Int) async throws -> [CRMSyncRun]
    /// Remembers CRM records that 名寄せ matched to a workspace company at import (record ID →
    /// company ID), replacing an earlier link of the same record.
    func linkCRMRecords(provider: String, objectType: String, links: [String: String], at: Instant) async throws
    /// record ID → company ID of every remembered link.
    func crmRecordLinks(provider: String, objectType: String) async throws -> [String: String]
}

/// One CRM record (a HubSpot company, a Salesforce Account, …) by the CRM's own ID.
public struct CRMRecordLink: Sendable, Hashable {
    public var provider: String
    public var objectType: String
    public var recordId: String
    public init(provider: String, objectType: String, recordId: String) {
        self.provider = provider
        self.objectType = objectType
        self.recordId = recordId
    }
}
