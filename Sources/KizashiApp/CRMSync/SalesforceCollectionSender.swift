import Foundation
import KizashiCore
import KizashiStore

/// One Salesforce run's requests: an access token (client credentials flow), then each
/// collection sent, its answer read, saved values recorded at once.
struct SalesforceCollectionSender: CRMBatchSender {
    static let provider = SalesforceCredentials.provider
    static let crmName = "Salesforce"
    let store: any WorkspaceStore
    let connection: SalesforceConnection
    let instance: String
    let credentials: SalesforceCredentials.Stored
    let now: @Sendable () -> Instant
    var accepted = 0
    var failures: [CRMSyncFailure] = []
    var requests = 0
    /// The access token of this run (never stored, never logged).
    var token: String?
    /// A run gets one new token after an expired session; a second expiry stops it.
    var refreshed = false

    init(
        store: any WorkspaceStore, connection: SalesforceConnection, instance: String,
        credentials: SalesforceCredentials.Stored, now: @escaping @Sendable () -> Instant
    ) {
        self.store = store
        self.connection = connection
        self.instance = instance
        self.credentials = credentials
        self.now = now
    }

    /// A new access token, or why the run must stop.
    mutating func requestToken() async -> Result<String, SalesforceRunStop> {
        requests += 1
        let body = SalesforceOAuth.tokenRequestBody(
            clientId: credentials.clientId, clientSecret: credentials.clientSecret)
        do {
            let response = try await connection.http.post(
                url: instance + SalesforceOAuth.path,
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                body: Array(body.utf8), timeout: connection.limits.timeout, maxResponseBytes: 64 << 10)
            switch SalesforceOAuth.accessToken(status: response.status, body: response.body) {
            case .success(let t): return .success(t)
            case .failure(let p): return .failure(.init(text: "stopped: " + p.description))
            }
        } catch {
            // The error names the failure (timeout, refused connection), never the form's secret.
            return .failure(
                .init(
                    text: "stopped: no access token from Salesforce: " + String(String(describing: error).prefix(200))))
        }
    }

    /// Sends one collection (retrying 429/503, renewing an expired token once); returns why the
    /// run must stop, or nil.
    mutating func send(_ batch: [CRMRecordUpdate], object: SalesforceCollectionsUpdate.Object) async throws
        -> String?
    {
        let body = Array(SalesforceCollectionsUpdate.body(batch, object: object).utf8)
        return try await sendUntilAnswered(
            batch, object: object,
            busy: { "stopped: Salesforce stayed busy (429/503) after \($0) waits; run the sync again later" }
        ) { sender, ids in
            if sender.token == nil {
                switch await sender.requestToken() {
                case .success(let t): sender.token = t
                case .failure(let stop): return .stop(stop.text)
                }
            }
            guard
                let response = await sender.exchange(
                    "PATCH", url: sender.instance + SalesforceCollectionsUpdate.path, token: sender.token ?? "",
                    body: body, object: object, ids: ids)
            else { return nil }
            switch SalesforceCollectionsUpdate.outcome(
                status: response.status, retryAfter: response.header("Retry-After"), body: response.body, sent: ids)
            {
            case .done(let ok, let refused): return .done(accepted: ok, refused: refused)
            case .rateLimited(let after): return .rateLimited(retryAfterSeconds: after)
            case .sessionExpired(let message):
                guard !sender.refreshed else {
                    return .stop("stopped: Salesforce refused a fresh access token (\(message))")
                }
                sender.refreshed = true
                sender.token = nil
                return .again
            case .dailyLimit(let message):
                return .stop(
                    "stopped: Salesforce's daily API request limit is reached (\(message)); the rest is sent on the next run"
                )
            case .unauthorized(let message):
                return .stop(
                    "stopped: Salesforce refused the update (\(message)); check the Run As user's access to the Kizashi fields"
                )
            case .requestFailed(let message): return .failed(message)
            }
        }
    }
}

/// Why a run stops, as its log message.
struct SalesforceRunStop: Error {
    var text: String
}
