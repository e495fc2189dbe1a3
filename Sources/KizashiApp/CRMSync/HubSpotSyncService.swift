import Foundation
import KizashiCore
import KizashiStore

/// Where and how the sync talks to HubSpot. `baseURL` is `https://api.hubapi.com` in production
/// (`kizashi sync hubspot --base-url`, `kizashi serve --hubspot-base-url`: the tests' fake).
public struct HubSpotConnection: Sendable {
    public static let defaultBaseURL = "https://api.hubapi.com"
    public var baseURL: String
    public var http: any CRMHTTPClient
    public var pause: any CRMSyncPause
    /// 30 s a request: HubSpot answers a batch of 100 in well under a second. A batch answer
    /// echoes 100 records' properties, a few tens of KB; 429s are HubSpot's rolling limit.
    public var limits = CRMRequestLimits(timeout: .seconds(30))

    public init(
        baseURL: String = defaultBaseURL, http: any CRMHTTPClient, pause: any CRMSyncPause = LiveCRMSyncPause()
    ) {
        self.baseURL = baseURL
        self.http = http
        self.pause = pause
    }

    /// `http(s)://host[:port]`, a trailing slash dropped; nil for anything else.
    public static func checkedBaseURL(_ raw: String) -> String? {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("/") { t.removeLast() }
        guard t.hasPrefix("https://") || t.hasPrefix("http://"), let u = URL(string: t), u.host != nil,
            u.path.isEmpty, u.query == nil, u.user == nil
        else { return nil }
        return t
    }
}

/// `kizashi sync hubspot` and `POST /api/v1/sync/hubspot` (issue 27 §1): writes each target
/// account's Kizashi values onto its HubSpot company (and, asked, its contacts) through the CRM
/// v3 batch update, sending only what changed since HubSpot last accepted it.
///
/// Nothing is marked sent unless HubSpot accepted it: a refused record (207, a 400 for its batch,
/// a network error) keeps its old values in the store, so the next run sends it again. A 429 is
/// waited out (`Retry-After`, bounded) and retried; the daily limit or a refused token stops the
/// run with what was accepted so far kept.
public struct HubSpotSyncService: Sendable {
    public struct Options: Sendable {
        public var dryRun = false
        /// Also write the account's values on its contacts imported from HubSpot.
        public var contacts = false
        /// The language of `kizashi_reasons` (a change of language changes every record once).
        public var language = Language.ja
        public var asOf: Day

        public init(asOf: Day, dryRun: Bool = false, contacts: Bool = false, language: Language = .ja) {
            self.asOf = asOf
            self.dryRun = dryRun
            self.contacts = contacts
            self.language = language
        }
    }

    public let store: any WorkspaceStore
    public let data: DashboardData
    public let credentials: HubSpotCredentials
    public let connection: HubSpotConnection
    public let now: @Sendable () -> Instant

    public init(
        store: any WorkspaceStore, data: DashboardData, credentials: HubSpotCredentials, connection: HubSpotConnection,
        now: @escaping @Sendable () -> Instant = WorkspaceClock.now
    ) {
        self.store = store
        self.data = data
        self.credentials = credentials
        self.connection = connection
        self.now = now
    }

    /// The values of every HubSpot record as of the day: object → record ID → property → value.
    func currentValues(_ options: Options) async throws -> (
        values: [HubSpotBatchUpdate.Object: [String: [String: String]]], withoutId: Int
    ) {
        // HubSpot companies 名寄せ matched to a workspace company at import (company → record IDs).
        let linked = try await CRMSyncRound.linkedRecords(
            store, provider: HubSpotCredentials.provider, objectType: HubSpotBatchUpdate.Object.companies.rawValue)
        let (all, targets) = try await CRMSignalReader(store: store, data: data).signals(
            asOf: options.asOf, language: options.language,
            keep: { HubSpotRecordID.fromWorkspaceId($0) != nil || linked[$0] != nil })
        let (companies, byCompany) = CRMSyncRound.accountValues(
            all, recordId: HubSpotRecordID.fromWorkspaceId, linked: linked)
        let withoutId = targets - all.count
        var out: [HubSpotBatchUpdate.Object: [String: [String: String]]] = [.companies: companies]
        if options.contacts {
            out[.contacts] = try await CRMSyncRound.contactValues(
                store, byCompany: byCompany, recordId: HubSpotRecordID.fromWorkspaceId)
        }
        return (out, withoutId)
    }

    public func run(_ options: Options) async throws -> HubSpotSyncReport {
        let started = now()
        let (current, withoutId) = try await currentValues(options)
        return try await CRMSyncRound.run(
            current, withoutId: withoutId, provider: HubSpotCredentials.provider, started: started,
            syncedAt: String(started.millisecondsSinceEpoch), dryRun: options.dryRun, store: store, now: now
        ) { changes, changed, run in
            guard let base = HubSpotConnection.checkedBaseURL(connection.baseURL) else {
                throw CRMSyncProblem(.badBaseURL)
            }
            // Only a run with something to send needs the token (and the key that opens it).
            let token: String? = changed == 0 ? nil : try await credentials.token()
            if changed > 0 && token == nil { throw CRMSyncProblem(.noToken) }
            var sending = HubSpotBatchSender(
                store: store, connection: connection, base: base, token: token ?? "", now: now)
            return try await CRMSyncRound.send(
                changes, changed: changed, batches: { HubSpotBatchUpdate.batches($0) }, with: &sending, into: &run)
        }
    }
}

/// One run's requests: each batch sent, its answer read, accepted values recorded at once.
struct HubSpotBatchSender: CRMBatchSender {
    static let provider = HubSpotCredentials.provider
    static let crmName = "HubSpot"
    let store: any WorkspaceStore
    let connection: HubSpotConnection
    let base: String
    let token: String
    let now: @Sendable () -> Instant
    var accepted = 0
    var failures: [CRMSyncFailure] = []
    var requests = 0

    /// Sends one batch (retrying 429s); returns why the run must stop, or nil.
    mutating func send(_ batch: [CRMRecordUpdate], object: HubSpotBatchUpdate.Object) async throws -> String? {
        let body = Array(HubSpotBatchUpdate.body(batch).utf8)
        return try await sendUntilAnswered(
            batch, object: object,
            busy: { "HubSpot's rate limit did not lift after \($0) waits; run the sync again later" }
        ) { sender, ids in
            guard
                let response = await sender.exchange(
                    "POST", url: sender.base + HubSpotBatchUpdate.path(object), token: sender.token, body: body,
                    object: object, ids: ids)
            else { return nil }
            switch HubSpotBatchUpdate.outcome(
                status: response.status, retryAfter: response.header("Retry-After"), body: response.body, sent: ids)
            {
            case .done(let ok, let refused): return .done(accepted: ok, refused: refused)
            case .rateLimited(let after): return .rateLimited(retryAfterSeconds: after)
            case .dailyLimit(let message):
                return .stop(
                    "stopped: HubSpot's daily API limit is reached (\(message)); the rest is sent on the next run")
            case .unauthorized(let message):
                return .stop(
                    "stopped: HubSpot refused the token (\(message)); check the private app's scopes, or set the token again with --set-token"
                )
            case .batchFailed(let message): return .failed(message)
            }
        }
    }
}
