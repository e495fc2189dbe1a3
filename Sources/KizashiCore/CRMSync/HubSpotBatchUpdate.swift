import Foundation

/// HubSpot's CRM v3 batch update (`POST /crm/v3/objects/{companies|contacts}/batch/update`): the
/// request body and how each answer is read, as the public reference documents them
/// (developers.hubspot.com/docs/api-reference/legacy/crm/objects/companies/batch/update-companies,
/// …/docs/api-reference/error-handling, …/docs/api/usage-details; docs/activation-hubspot.md).
public enum HubSpotBatchUpdate {
    /// The CRM objects Kizashi writes.
    public enum Object: String, Sendable, CaseIterable {
        case companies, contacts
    }

    /// Inputs per request: the batch endpoints take at most 100.
    public static let maxInputs = 100

    public static func path(_ object: Object) -> String { "/crm/v3/objects/\(object.rawValue)/batch/update" }

    /// The updates cut into requests of at most `maxInputs` records, in order.
    public static func batches(_ updates: [CRMRecordUpdate], size: Int = maxInputs) -> [[CRMRecordUpdate]] {
        let step = max(1, min(size, maxInputs))
        return stride(from: 0, to: updates.count, by: step).map { Array(updates[$0..<min($0 + step, updates.count)]) }
    }

    /// `{"inputs":[{"id":"…","properties":{…}}]}`, properties in name order.
    public static func body(_ batch: [CRMRecordUpdate]) -> String {
        JSONValue.object([
            (
                "inputs",
                .array(
                    batch.map { u in
                        .object([
                            ("id", .string(u.recordId)),
                            (
                                "properties",
                                .object(u.properties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
                            ),
                        ])
                    })
            )
        ]).serialized()
    }

    /// What one answer means for the records of its request.
    public enum Outcome: Sendable, Equatable {
        /// 200 (all accepted) or 207 (some): `accepted` may be marked sent; `failed` = record →
        /// HubSpot's reason, retried on the next run.
        case done(accepted: [String], failed: [String: String])
        /// 429 from the rolling (per-second) limit, or 423 (locked): wait `retryAfterSeconds` (nil:
        /// not given) and retry.
        case rateLimited(retryAfterSeconds: Int?)
        /// 429 with the daily policy: nothing more can be sent today; the run stops.
        case dailyLimit(String)
        /// 401 or 403: the token is wrong, revoked or lacks a scope; the run stops.
        case unauthorized(String)
        /// Any other answer (a 400 for the whole batch, a 5xx): every record of the request failed
        /// with this reason, retried on the next run.
        case batchFailed(String)
    }

    /// Reads one answer to a request that sent `sent` (record IDs). `body` is HubSpot's JSON
    /// (already bounded by the caller); anything unreadable in it is treated as the worse case.
    public static func outcome(status: Int, retryAfter: String?, body: [UInt8], sent: [String]) -> Outcome {
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let message = (json?["message"] as? String).map(clean)
        switch status {
        case 200, 201:
            return .done(accepted: sent, failed: [:])
        case 207:
            let sentSet = Set(sent)
            var accepted = Set<String>()
            for r in json?["results"] as? [Any] ?? [] {
                if let id = ((r as? [String: Any])?["id"]).flatMap(idText), sentSet.contains(id) { accepted.insert(id) }
            }
            var reasons: [String: String] = [:]
            var general: String?
            for e in json?["errors"] as? [Any] ?? [] {
                guard let e = e as? [String: Any] else { continue }
                let text = clean(
                    [e["category"] as? String, e["message"] as? String].compactMap { $0 }.joined(separator: ": "))
                var ids: [String] = []
                if let id = e["id"].flatMap(idText) { ids.append(id) }
                if let context = e["context"] as? [String: Any], let list = context["ids"] as? [Any] {
                    ids += list.compactMap(idText)
                }
                if ids.isEmpty { general = general ?? text }
                for id in ids where sentSet.contains(id) && !accepted.contains(id) { reasons[id] = text }
            }
            // Nothing is marked sent unless HubSpot listed it as a result: a record named by
            // neither list failed (with the error that named no record, if any).
            for id in sent where !accepted.contains(id) && reasons[id] == nil {
                reasons[id] = general ?? "not among HubSpot's results (207)"
            }
            return .done(accepted: sent.filter { accepted.contains($0) }, failed: reasons)
        case 429:
            if (json?["policyName"] as? String)?.uppercased() == "DAILY" {
                return .dailyLimit(message ?? "HubSpot's daily API limit is reached")
            }
            return .rateLimited(retryAfterSeconds: retryAfter.flatMap(retryAfterSeconds))
        case 423:
            // "Locked" while HubSpot digests a burst of writes to the same records; its guide says
            // to wait at least 2 seconds.
            return .rateLimited(retryAfterSeconds: max(2, retryAfter.flatMap(retryAfterSeconds) ?? 2))
        case 401, 403:
            return .unauthorized("HTTP \(status)" + (message.map { ": \($0)" } ?? ""))
        default:
            return .batchFailed("HTTP \(status)" + (message.map { ": \($0)" } ?? ""))
        }
    }

    /// `Retry-After` in seconds (HubSpot sends whole seconds); nil when it is not a small
    /// non-negative whole number (an HTTP date is not waited for: the caller's bound applies).
    public static func retryAfterSeconds(_ raw: String) -> Int? {
        let t = raw.trimmingASCIIWhitespace()
        guard !t.isEmpty, t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(t)
    }

    /// A record ID as HubSpot writes it (a string, or a number in some answers).
    static func idText(_ v: Any) -> String? {
        if let s = v as? String { return s.isEmpty || s.utf8.count > 64 ? nil : s }
        if let n = v as? Int { return String(n) }
        return nil
    }

    /// Outside text for a log line: control characters dropped, at most 300 characters.
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(300))
    }
}
