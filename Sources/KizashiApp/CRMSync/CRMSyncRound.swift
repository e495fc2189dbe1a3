import KizashiCore
import KizashiStore

/// A CRM's sender of one batch of record updates (`HubSpotBatchSender`,
/// `SalesforceCollectionSender`): accepted values recorded as they are accepted, refusals kept.
protocol CRMBatchSender {
    associatedtype Object: RawRepresentable<String>
    /// The CRM's name in the store (`hubspot`, `salesforce`).
    static var provider: String { get }
    /// The CRM's name as people write it, in failures and stop messages.
    static var crmName: String { get }
    associatedtype Connection: CRMConnection
    var store: any WorkspaceStore { get }
    var now: @Sendable () -> Instant { get }
    var connection: Connection { get }
    var accepted: Int { get set }
    var failures: [CRMSyncFailure] { get set }
    var requests: Int { get set }
    /// Sends one batch; returns why the run must stop (a daily limit, a refused token), or nil.
    mutating func send(_ batch: [CRMRecordUpdate], object: Object) async throws -> String?
}

/// How a sender reaches its CRM (`HubSpotConnection`, `SalesforceConnection`): the client, the
/// pause between retries, and the limits of a request.
protocol CRMConnection {
    var http: any CRMHTTPClient { get }
    var pause: any CRMSyncPause { get }
    var limits: CRMRequestLimits { get }
}

extension HubSpotConnection: CRMConnection {}
extension SalesforceConnection: CRMConnection {}

/// What a CRM's answer to one attempt at a batch asks of `sendUntilAnswered`: each CRM reads its
/// own answers into these, and the loop that acts on them is written once.
enum CRMBatchAnswer {
    /// The CRM answered for each record: the accepted ones are recorded, the refused ones fail.
    case done(accepted: [String], refused: [String: String])
    /// Waited out (`Retry-After`, bounded) and sent again, or the run stops.
    case rateLimited(retryAfterSeconds: Int?)
    /// Sent again at once (Salesforce: after dropping an expired token).
    case again
    /// The run stops, with this message.
    case stop(String)
    /// The whole batch failed with this message (sent again on the next run); the run goes on.
    case failed(String)
}

extension CRMBatchSender {
    var http: any CRMHTTPClient { connection.http }
    var pause: any CRMSyncPause { connection.pause }
    var limits: CRMRequestLimits { connection.limits }

    /// Sends one batch until it is answered: `attempt` makes one request and reads its answer
    /// (nil: no answer, the batch's records already failed in `exchange`, and the run goes on).
    /// Returns why the run must stop, or nil; `busy` is the stop message after `retries` waits.
    mutating func sendUntilAnswered(
        _ batch: [CRMRecordUpdate], object: Object, busy: (_ retries: Int) -> String,
        attempt: (inout Self, _ ids: [String]) async -> CRMBatchAnswer?
    ) async throws -> String? {
        let ids = batch.map(\.recordId)
        var retries = 0
        while true {
            guard let answer = await attempt(&self, ids) else { return nil }
            switch answer {
            case .done(let ok, let refused):
                try await record(batch, object: object, accepted: ok, refused: refused)
                return nil
            case .rateLimited(let after):
                guard try await waitOut(retryAfter: after, retries: &retries) else { return busy(retries) }
            case .again:
                continue
            case .stop(let message):
                return message
            case .failed(let message):
                fail(ids, object: object, message)
                return nil
            }
        }
    }

    /// One batch's JSON request with the run's bearer token, counted. With no answer (a timeout,
    /// a refused connection, a body too large) whether the CRM applied it is unknown: the batch's
    /// records fail — not marked sent, so the next run sends them again — and nil is returned. The
    /// failure names the error, never the request's headers.
    mutating func exchange(
        _ method: String, url: String, token: String, body: [UInt8], object: Object, ids: [String]
    ) async -> CRMHTTPResponse? {
        requests += 1
        do {
            return try await http.send(
                method: method, url: url,
                headers: [
                    ("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
                    ("Accept", "application/json"),
                ], body: body, timeout: limits.timeout, maxResponseBytes: limits.maxResponseBytes)
        } catch {
            fail(
                ids, object: object, "no answer from \(Self.crmName): " + String(String(describing: error).prefix(200)))
            return nil
        }
    }

    /// Waits out a rate limit (`Retry-After`, bounded), counting the waits in `retries`; false
    /// when the limits' retries are used up and the run must stop.
    func waitOut(retryAfter: Int?, retries: inout Int) async throws -> Bool {
        guard retries < limits.maxRateLimitRetries else { return false }
        retries += 1
        try await pause.wait(seconds: limits.waitSeconds(retryAfter: retryAfter))
        return true
    }

    /// A batch's answer: the values of the records the CRM accepted recorded at once (the next
    /// run compares against them), each refused record kept as a failure with its reason.
    mutating func record(
        _ batch: [CRMRecordUpdate], object: Object, accepted ok: [String], refused: [String: String]
    ) async throws {
        let okSet = Set(ok)
        var values: [String: [String: String]] = [:]
        for u in batch where okSet.contains(u.recordId) { values[u.recordId] = u.properties }
        try await store.recordCRMSentValues(
            provider: Self.provider, objectType: object.rawValue, values: values, at: now())
        accepted += ok.count
        for u in batch { if let reason = refused[u.recordId] { fail([u.recordId], object: object, reason) } }
    }

    /// Records that were not accepted, and why (sent again on the next run).
    mutating func fail(_ ids: [String], object: Object, _ message: String) {
        failures += ids.map { CRMSyncFailure(objectType: object.rawValue, recordId: $0, error: message) }
    }
}

/// What every CRM write-back's run shares (issue 27 §1), written once: the values that changed
/// since the CRM last accepted them, and the sending of them batch by batch with its stop and
/// tally rules. Each CRM keeps only its records, its batches and its requests.
enum CRMSyncRound {
    /// Company → the CRM's records of `objectType` that an import matched to it (名寄せ), those
    /// `accept` takes.
    static func linkedRecords(
        _ store: any WorkspaceStore, provider: String, objectType: String, accept: (String) -> Bool = { _ in true }
    ) async throws -> [String: [String]] {
        var linked: [String: [String]] = [:]
        for (record, company) in try await store.crmRecordLinks(provider: provider, objectType: objectType)
        where accept(record) {
            linked[company, default: []].append(record)
        }
        return linked
    }

    /// Each account's values under its record IDs — its own (`recordId` of its company ID, when it
    /// came from the CRM) and those `linked` to it — and the values by company ID.
    static func accountValues(
        _ signals: [CRMAccountSignals], recordId: (String) -> String?, linked: [String: [String]]
    ) -> (records: [String: [String: String]], byCompany: [String: [String: String]]) {
        var records: [String: [String: String]] = [:]
        var byCompany: [String: [String: String]] = [:]
        for s in signals {
            for id in (recordId(s.companyId).map { [$0] } ?? []) + (linked[s.companyId] ?? []) {
                records[id] = s.properties
            }
            byCompany[s.companyId] = s.properties
        }
        return (records, byCompany)
    }

    /// The company's values on each contact imported from the CRM (`recordId` of its contact ID),
    /// the contacts read 5,000 at a time.
    static func contactValues(
        _ store: any WorkspaceStore, byCompany: [String: [String: String]], recordId: (String) -> String?
    ) async throws -> [String: [String: String]] {
        var contacts: [String: [String: String]] = [:]
        var after: String?
        while true {
            let page = try await store.contacts(after: after, limit: 5_000)
            for c in page {
                if let id = recordId(c.id), let values = byCompany[c.companyId] { contacts[id] = values }
            }
            guard page.count == 5_000, let last = page.last?.id else { break }
            after = last
        }
        return contacts
    }

    /// One run from its start to its log: the values that changed since the CRM last accepted
    /// them and, unless dry, `send` (which sets the run's outcome and returns the requests made),
    /// then the run logged with its finish time.
    static func run<Object: RawRepresentable<String> & CaseIterable & Hashable>(
        _ current: [Object: [String: [String: String]]], withoutId: Int, provider: String, started: Instant,
        syncedAt: String, dryRun: Bool, store: any WorkspaceStore, now: @Sendable () -> Instant,
        send: (_ changes: [(object: String, updates: [CRMRecordUpdate])], _ changed: Int, _ run: inout CRMSyncRun)
            async throws -> Int
    ) async throws -> CRMSyncReport {
        let changes = try await Self.changes(current, provider: provider, syncedAt: syncedAt, store: store)
        let changed = changes.reduce(0) { $0 + $1.updates.count }
        var run = CRMSyncRun(
            provider: provider, startedAt: started, finishedAt: started, status: .dryRun, recordsChanged: changed,
            recordsSent: 0, recordsFailed: 0, message: nil, failures: [])
        var requests = 0
        if !dryRun { requests = try await send(changes, changed, &run) }
        run.finishedAt = now()
        run = try await store.recordCRMSyncRun(run)
        return CRMSyncReport(run: run, changes: changes, accountsWithoutRecordId: withoutId, requests: requests)
    }

    /// The changed values per object, in the objects' order, against the values last accepted.
    static func changes<Object: RawRepresentable<String> & CaseIterable & Hashable>(
        _ current: [Object: [String: [String: String]]], provider: String, syncedAt: String,
        store: any WorkspaceStore
    ) async throws -> [(object: String, updates: [CRMRecordUpdate])] {
        var changes: [(object: String, updates: [CRMRecordUpdate])] = []
        for object in Object.allCases {
            guard let values = current[object] else { continue }
            let sent = try await store.crmSentValues(provider: provider, objectType: object.rawValue)
            let updates = CRMPropertyDiff.changes(current: values, lastSent: sent, syncedAt: syncedAt)
            if !updates.isEmpty { changes.append((object.rawValue, updates)) }
        }
        return changes
    }

    /// Sends `changes` in `batches`, recording the outcome in `run` (ok, partial, or stopped with
    /// how many changed records were not sent); returns the requests made.
    static func send<Sender: CRMBatchSender>(
        _ changes: [(object: String, updates: [CRMRecordUpdate])], changed: Int,
        batches: ([CRMRecordUpdate]) -> [[CRMRecordUpdate]], with sender: inout Sender, into run: inout CRMSyncRun
    ) async throws -> Int {
        run.status = .ok
        outer: for (objectName, updates) in changes {
            // The names came from `Object.rawValue` in `changes`.
            guard let object = Sender.Object(rawValue: objectName) else { continue }
            for batch in batches(updates) {
                if let stop = try await sender.send(batch, object: object) {
                    run.status = .stopped
                    let notSent = changed - sender.accepted - sender.failures.count
                    run.message = stop + (notSent > 0 ? " (\(notSent) changed record(s) not sent this run)" : "")
                    break outer
                }
            }
        }
        run.recordsSent = sender.accepted
        run.failures = sender.failures
        run.recordsFailed = sender.failures.count
        if run.status == .ok && !run.failures.isEmpty { run.status = .partial }
        return sender.requests
    }
}
