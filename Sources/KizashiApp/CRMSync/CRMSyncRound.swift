import KizashiCore
import KizashiStore

/// A CRM's sender of one batch of record updates (`HubSpotBatchSender`,
/// `SalesforceCollectionSender`): accepted values recorded as they are accepted, refusals kept.
protocol CRMBatchSender {
    associatedtype Object: RawRepresentable<String>
    var accepted: Int { get }
    var failures: [CRMSyncFailure] { get }
    var requests: Int { get }
    /// Sends one batch; returns why the run must stop (a daily limit, a refused token), or nil.
    mutating func send(_ batch: [CRMRecordUpdate], object: Object) async throws -> String?
}

/// What every CRM write-back's run shares (issue 27 §1), written once: the values that changed
/// since the CRM last accepted them, and the sending of them batch by batch with its stop and
/// tally rules. Each CRM keeps only its records, its batches and its requests.
enum CRMSyncRound {
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
