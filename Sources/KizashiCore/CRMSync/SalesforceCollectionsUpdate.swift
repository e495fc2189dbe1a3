import Foundation

/// Salesforce's sObject Collections update (`PATCH /services/data/vXX.X/composite/sobjects`): the
/// request body and how each answer is read, as the public REST API guide documents them
/// (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm,
/// …/errorcodes.htm; docs/activation-salesforce.md). Synchronous, up to 200 records a request, one
/// SaveResult per record in the order sent: simpler than a Bulk API 2.0 job (create, upload, close,
/// poll, fetch results) for the few thousand target accounts a workspace has.
public enum SalesforceCollectionsUpdate {
    /// The objects Kizashi writes (their API names, also the `object_type` of the sync store).
    public enum Object: String, Sendable, CaseIterable {
        case account = "Account"
        case contact = "Contact"
    }

    /// The REST API version used (Winter '25; the client credentials flow needs v56.0 or later).
    public static let apiVersion = "v62.0"
    /// Records per request: the collections endpoints take at most 200.
    public static let maxRecords = 200
    public static let path = "/services/data/\(apiVersion)/composite/sobjects"

    /// Kizashi's property (`CRMProperty`) → the custom field created in Salesforce
    /// (docs/activation-salesforce.md lists their types).
    public static let fields: [String: String] = [
        CRMProperty.score.rawValue: "Kizashi_Score__c",
        CRMProperty.scoreChange7d.rawValue: "Kizashi_Score_Change_7d__c",
        CRMProperty.stage.rawValue: "Kizashi_Stage__c",
        CRMProperty.approachRank.rawValue: "Kizashi_Approach_Rank__c",
        CRMProperty.reasons.rawValue: "Kizashi_Reasons__c",
        CRMProperty.intentTopics.rawValue: "Kizashi_Intent_Topics__c",
        CRMProperty.syncedAt.rawValue: "Kizashi_Synced_At__c",
    ]
    /// Number fields: sent as JSON numbers (Salesforce refuses a string for a Number field).
    static let numberProperties: Set<String> = [
        CRMProperty.score.rawValue, CRMProperty.scoreChange7d.rawValue, CRMProperty.approachRank.rawValue,
    ]

    /// The updates cut into requests of at most `maxRecords`, in order.
    public static func batches(_ updates: [CRMRecordUpdate], size: Int = maxRecords) -> [[CRMRecordUpdate]] {
        let step = max(1, min(size, maxRecords))
        return stride(from: 0, to: updates.count, by: step).map { Array(updates[$0..<min($0 + step, updates.count)]) }
    }

    /// `{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"id":"…","Kizashi_…__c":…}]}`,
    /// fields in name order. An empty value is `null` (it clears the field); a number field's
    /// text is sent as a number.
    public static func body(_ batch: [CRMRecordUpdate], object: Object) -> String {
        JSONValue.object([
            ("allOrNone", .bool(false)),
            (
                "records",
                .array(
                    batch.map { u in
                        var pairs: [(String, JSONValue)] = [
                            ("attributes", .object([("type", .string(object.rawValue))])), ("id", .string(u.recordId)),
                        ]
                        for (property, value) in u.properties {
                            guard let field = fields[property] else { continue }
                            pairs.append((field, fieldValue(property: property, value)))
                        }
                        return .object(
                            Array(pairs[..<2]) + pairs[2...].sorted { $0.0 < $1.0 })
                    })
            ),
        ]).serialized()
    }

    static func fieldValue(property: String, _ value: String) -> JSONValue {
        if value.isEmpty { return .null }
        if numberProperties.contains(property) {
            guard let x = Double(value), x.isFinite else { return .null }
            return .number(x)
        }
        return .string(value)
    }

    /// `kizashi_synced_at` for a DateTime field: ISO 8601 in UTC with milliseconds.
    public static func dateTime(_ at: Instant) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: Double(at.millisecondsSinceEpoch) / 1000))
    }

    /// What one answer means for the records of its request.
    public enum Outcome: Sendable, Equatable {
        /// 200: one SaveResult per record in the order sent; `accepted` may be marked sent,
        /// `failed` (record → Salesforce's reason) is retried on the next run.
        case done(accepted: [String], failed: [String: String])
        /// 429 or 503: wait `retryAfterSeconds` (nil: not given) and retry.
        case rateLimited(retryAfterSeconds: Int?)
        /// `REQUEST_LIMIT_EXCEEDED`: the org's 24-hour API request limit is used up; the run stops.
        case dailyLimit(String)
        /// 401 `INVALID_SESSION_ID`: the access token expired; get a new one and retry (once).
        case sessionExpired(String)
        /// Any other 401 or 403: the connected app's user cannot do this; the run stops.
        case unauthorized(String)
        /// Any other answer (a 400 for the whole request, a 5xx): every record of it failed with
        /// this reason, retried on the next run.
        case requestFailed(String)
    }

    /// Reads one answer to a request that sent `sent` (record IDs, in order). `body` is
    /// Salesforce's JSON (already bounded by the caller); anything unreadable in it counts as the
    /// worse case, so nothing is marked sent that Salesforce did not report saved.
    public static func outcome(status: Int, retryAfter: String?, body: [UInt8], sent: [String]) -> Outcome {
        let json = try? JSONSerialization.jsonObject(with: Data(body))
        // Errors come as `[{"message": …, "errorCode": …}]`.
        let firstError = ((json as? [Any])?.first as? [String: Any])
        let code = (firstError?["errorCode"] as? String).map(clean)
        let message = [code, (firstError?["message"] as? String).map(clean)].compactMap { $0 }.joined(separator: ": ")
        let described = "HTTP \(status)" + (message.isEmpty ? "" : ": \(message)")
        if code == "REQUEST_LIMIT_EXCEEDED" { return .dailyLimit(message) }
        switch status {
        case 200:
            guard let results = json as? [Any] else {
                return .requestFailed("HTTP 200 without a list of results")
            }
            var accepted: [String] = []
            var failed: [String: String] = [:]
            for (i, id) in sent.enumerated() {
                guard i < results.count, let r = results[i] as? [String: Any] else {
                    failed[id] = "not among Salesforce's results"
                    continue
                }
                // A result naming another record than the one sent at its place is not trusted.
                let named = (r["id"] as? String).map { SalesforceMapping.id18($0) }
                if r["success"] as? Bool == true, named == nil || named == id {
                    accepted.append(id)
                } else {
                    // One reason per record, however many errors a hostile answer lists: 300 characters.
                    let errors = (r["errors"] as? [Any] ?? []).prefix(10).compactMap { $0 as? [String: Any] }.map { e in
                        clean(
                            [e["statusCode"] as? String, e["message"] as? String].compactMap { $0 }.joined(
                                separator: ": "))
                    }
                    failed[id] = errors.isEmpty ? "not saved by Salesforce" : clean(errors.joined(separator: "; "))
                }
            }
            return .done(accepted: accepted, failed: failed)
        case 429, 503:
            return .rateLimited(retryAfterSeconds: retryAfter.flatMap(HubSpotBatchUpdate.retryAfterSeconds))
        case 401 where code == "INVALID_SESSION_ID":
            return .sessionExpired(described)
        case 401, 403:
            return .unauthorized(described)
        default:
            return .requestFailed(described)
        }
    }

    /// Outside text for a log line: control characters dropped, at most 300 characters.
    static func clean(_ s: String) -> String { HubSpotBatchUpdate.clean(s) }
}
