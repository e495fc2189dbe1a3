/// One CRM record's properties to write.
public struct CRMRecordUpdate: Sendable, Equatable {
    /// The CRM's own record ID (HubSpot: the number, without Kizashi's `HS` prefix).
    public var recordId: String
    public var properties: [String: String]

    public init(recordId: String, properties: [String: String]) {
        self.recordId = recordId
        self.properties = properties
    }
}

/// Only changed values are sent (issue 27 §1): the values computed now against the last values
/// the CRM accepted for each record.
public enum CRMPropertyDiff {
    /// Per record, the properties whose value differs from the one last accepted (a property
    /// never sent counts as changed); each record with a change also gets `kizashi_synced_at` =
    /// `syncedAt`. Records are ordered by ID so batches and dry runs always read the same.
    /// `kizashi_synced_at` alone never makes a change: a run with nothing new sends nothing. A
    /// record in `lastSent` but not in `current` gets its non-empty properties cleared (once).
    public static func changes(
        current: [String: [String: String]], lastSent: [String: [String: String]], syncedAt: String
    ) -> [CRMRecordUpdate] {
        var out: [CRMRecordUpdate] = []
        for (record, values) in current {
            let before = lastSent[record] ?? [:]
            var changed: [String: String] = [:]
            for (property, value) in values where property != CRMProperty.syncedAt.rawValue {
                if before[property] != value { changed[property] = value }
            }
            guard !changed.isEmpty else { continue }
            changed[CRMProperty.syncedAt.rawValue] = syncedAt
            out.append(CRMRecordUpdate(recordId: record, properties: changed))
        }
        // A record sent before that has no values now (its account left the target list): its
        // properties are cleared once, so the CRM does not keep showing a stale score and rank.
        for (record, before) in lastSent where current[record] == nil {
            var cleared: [String: String] = [:]
            for (property, value) in before where property != CRMProperty.syncedAt.rawValue && !value.isEmpty {
                cleared[property] = ""
            }
            guard !cleared.isEmpty else { continue }
            cleared[CRMProperty.syncedAt.rawValue] = syncedAt
            out.append(CRMRecordUpdate(recordId: record, properties: cleared))
        }
        return out.sorted { $0.recordId.utf8.lexicographicallyPrecedes($1.recordId.utf8) }
    }
}
