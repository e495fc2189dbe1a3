import KizashiCore
import KizashiStore

/// What one `kizashi sync hubspot` did (or, dry, would do).
public typealias HubSpotSyncReport = CRMSyncReport

/// What one `kizashi sync hubspot|salesforce` did (or, dry, would do).
public struct CRMSyncReport: Sendable {
    /// The run as logged (its number set once stored; its `provider` names the CRM).
    public var run: CRMSyncRun
    /// The changed values, per object (`companies`, `Account`, …): what was sent or, dry, would be.
    public var changes: [(object: String, updates: [CRMRecordUpdate])]
    /// Target accounts without a record ID in this CRM (neither imported from it nor matched to one of its records).
    public var accountsWithoutRecordId: Int
    /// Requests sent (batches, retries and token requests included).
    public var requests: Int
    /// Property → the name the CRM gives it, where it differs (Salesforce's `Kizashi_Score__c`).
    public var fieldNames: [String: String] = [:]

    public init(
        run: CRMSyncRun, changes: [(object: String, updates: [CRMRecordUpdate])], accountsWithoutRecordId: Int,
        requests: Int
    ) {
        self.run = run
        self.changes = changes
        self.accountsWithoutRecordId = accountsWithoutRecordId
        self.requests = requests
    }

    public var accountsWithoutHubSpotId: Int { accountsWithoutRecordId }

    /// The properties under the CRM's names, in name order.
    func named(_ properties: [String: String]) -> [(key: String, value: String)] {
        properties.map { (key: fieldNames[$0.key] ?? $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }

    /// The CRM's name as people write it.
    var providerName: String { run.provider == "salesforce" ? "Salesforce" : "HubSpot" }

    public func json() -> JSONValue {
        .object([
            ("run", CRMSyncLogJSON.run(run)),
            ("requests", .int(requests)),
            ("accounts_without_\(run.provider)_id", .int(accountsWithoutRecordId)),
            (
                "changes",
                .array(
                    changes.flatMap { c in
                        c.updates.map { u in
                            .object([
                                ("object", .string(c.object)), ("id", .string(u.recordId)),
                                (
                                    "properties",
                                    .object(named(u.properties).map { ($0.key, .string($0.value)) })
                                ),
                            ])
                        }
                    })
            ),
        ])
    }

    /// Lines for the terminal: each changed record with its new values, then the outcome.
    public func text() -> String {
        var out = ""
        for c in changes {
            for u in c.updates {
                out += "\(c.object) \(u.recordId):"
                for (k, v) in named(u.properties) { out += " \(k)=\"\(v)\"" }
                out += "\n"
            }
        }
        let r = run
        switch r.status {
        case .dryRun:
            out += "dry run: \(r.recordsChanged) record(s) would change; nothing was sent\n"
        default:
            out +=
                "\(r.status.rawValue): \(r.recordsChanged) record(s) changed, \(r.recordsSent) accepted, \(r.recordsFailed) refused (\(requests) request(s))\n"
        }
        for f in r.failures { out += "  refused \(f.objectType) \(f.recordId): \(f.error)\n" }
        if let m = r.message { out += m + "\n" }
        if accountsWithoutRecordId > 0 {
            out +=
                "\(accountsWithoutRecordId) target account(s) have no \(providerName) record ID (not imported from \(providerName)) and are not synced\n"
        }
        return out
    }
}

/// The sync log as JSON (`GET /api/v1/sync/log`, the run inside each report).
public enum CRMSyncLogJSON {
    /// Refused records listed per run (`records_failed` counts them all): a run that failed for
    /// every one of thousands of records would otherwise make the log megabytes long.
    public static let maxFailuresListed = 100

    public static func run(_ r: CRMSyncRun) -> JSONValue {
        .object([
            ("run_id", .int(Int(r.id))), ("provider", .string(r.provider)),
            ("started_at", .int(Int(r.startedAt.millisecondsSinceEpoch))),
            ("finished_at", .int(Int(r.finishedAt.millisecondsSinceEpoch))), ("status", .string(r.status.rawValue)),
            ("records_changed", .int(r.recordsChanged)), ("records_sent", .int(r.recordsSent)),
            ("records_failed", .int(r.recordsFailed)), ("message", r.message.map { .string($0) } ?? .null),
            (
                "failures",
                .array(
                    r.failures.prefix(maxFailuresListed).map {
                        .object([
                            ("object", .string($0.objectType)), ("id", .string($0.recordId)),
                            ("error", .string($0.error)),
                        ])
                    })
            ),
        ])
    }
}
