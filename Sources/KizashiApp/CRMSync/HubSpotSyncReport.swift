import KizashiCore
import KizashiStore

/// What one `kizashi sync hubspot` did (or, dry, would do).
public struct HubSpotSyncReport: Sendable {
    /// The run as logged (its number set once stored).
    public var run: CRMSyncRun
    /// The changed values, per object (what was sent or, dry, would be).
    public var changes: [(object: HubSpotBatchUpdate.Object, updates: [CRMRecordUpdate])]
    /// Target accounts without a HubSpot record ID (neither imported from HubSpot nor matched to a HubSpot company).
    public var accountsWithoutHubSpotId: Int
    /// Requests sent (batches, retries included).
    public var requests: Int

    public func json() -> JSONValue {
        .object([
            ("run", CRMSyncLogJSON.run(run)),
            ("requests", .int(requests)),
            ("accounts_without_hubspot_id", .int(accountsWithoutHubSpotId)),
            (
                "changes",
                .array(
                    changes.flatMap { c in
                        c.updates.map { u in
                            .object([
                                ("object", .string(c.object.rawValue)), ("id", .string(u.recordId)),
                                (
                                    "properties",
                                    .object(u.properties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
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
                out += "\(c.object.rawValue) \(u.recordId):"
                for (k, v) in u.properties.sorted(by: { $0.key < $1.key }) { out += " \(k)=\"\(v)\"" }
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
        if accountsWithoutHubSpotId > 0 {
            out +=
                "\(accountsWithoutHubSpotId) target account(s) have no HubSpot record ID (not imported from HubSpot) and are not synced\n"
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
