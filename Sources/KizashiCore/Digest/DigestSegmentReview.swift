import Foundation

/// One scheduled review of a saved segment (issue 26 §4, "a segment scopes digests"): the
/// segment's members' review, sent with the team's on the `digest.schedule` slot to its own
/// addresses and webhooks.
///
/// Read from `digest.segments`, a JSON list such as
/// `[{"segment": "大手", "email_to": ["kimura@example.co.jp"], "webhooks": [3]}]`. Why a setting
/// and not a field of the segment: the review's other destinations are settings too, and the
/// segment stays a rule that alerts and the target list can share.
public struct DigestSegmentReview: Sendable, Equatable {
    public var segment: String
    public var emailTo: [String]
    public var webhooks: [Int64]

    public init(segment: String, emailTo: [String] = [], webhooks: [Int64] = []) {
        self.segment = segment
        self.emailTo = emailTo
        self.webhooks = webhooks
    }

    public static let settingKey = "digest.segments"
    /// Reviews one slot may send: each is a full review (KPIs, ranking, attribution), so a
    /// slot's work stays bounded.
    public static let maxReviews = 10
    static let maxBytes = 8_192

    /// The reviews `value` names (empty or `none`: no segment review), or why it cannot be read,
    /// naming the entry and the field.
    public static func parse(_ value: String) -> Result<[DigestSegmentReview], Problem> {
        let text = value.trimmingASCIIWhitespace()
        if text.isEmpty || text.lowercased() == "none" { return .success([]) }
        guard text.utf8.count <= maxBytes else { return .failure(Problem(reason: "at most 8,192 bytes")) }
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            return .failure(
                Problem(
                    reason:
                        "must be a JSON list, e.g. [{\"segment\": \"大手\", \"email_to\": [\"a@example.co.jp\"], \"webhooks\": [3]}]"
                ))
        }
        guard list.count <= maxReviews else {
            return .failure(Problem(reason: "at most \(maxReviews) segment reviews"))
        }
        var out: [DigestSegmentReview] = []
        for (i, item) in list.enumerated() {
            let at = "entry \(i + 1)"
            guard let o = item as? [String: Any] else { return .failure(Problem(reason: "\(at) must be an object")) }
            let known: Set<String> = ["segment", "email_to", "webhooks"]
            if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
                return .failure(
                    Problem(reason: "\(at): unknown field \(unknown); the fields are email_to, segment, webhooks"))
            }
            guard let name = o["segment"] as? String else {
                return .failure(Problem(reason: "\(at): segment must be a saved segment's name"))
            }
            if let why = SavedSegment.nameProblem(name) { return .failure(Problem(reason: "\(at): segment: \(why)")) }
            guard !out.contains(where: { $0.segment == name }) else {
                return .failure(Problem(reason: "\(at): segment \(name) is named twice"))
            }
            var review = DigestSegmentReview(segment: name)
            if let v = o["email_to"] {
                guard let list = v as? [String], list.count <= DigestDeliverySettings.maxRecipients,
                    list.allSatisfy(DigestDeliverySettings.isPlainAddress)
                else {
                    return .failure(
                        Problem(
                            reason:
                                "\(at): email_to must be a list of at most \(DigestDeliverySettings.maxRecipients) e-mail addresses"
                        ))
                }
                review.emailTo = list
            }
            if let v = o["webhooks"] {
                guard let list = v as? [NSNumber], list.count <= 20,
                    list.allSatisfy({ !JSONValue.isBoolean($0) && $0.doubleValue == $0.doubleValue.rounded() })
                else { return .failure(Problem(reason: "\(at): webhooks must be a list of webhook numbers")) }
                let ids = list.map { $0.doubleValue }
                guard ids.allSatisfy({ $0 >= 1 && $0 <= 9_007_199_254_740_991 }) else {
                    return .failure(Problem(reason: "\(at): webhooks must be a list of webhook numbers"))
                }
                review.webhooks = ids.map { Int64($0) }
            }
            guard !review.emailTo.isEmpty || !review.webhooks.isEmpty else {
                return .failure(Problem(reason: "\(at): name at least one address (email_to) or webhook"))
            }
            out.append(review)
        }
        return .success(out)
    }

    /// The setting as `settings show` prints it back (canonical JSON, the entries in order).
    public static func describe(_ reviews: [DigestSegmentReview]) -> String {
        guard !reviews.isEmpty else { return "none" }
        return JSONValue.array(
            reviews.map { r in
                .object([
                    ("segment", .string(r.segment)), ("email_to", .array(r.emailTo.map { .string($0) })),
                    ("webhooks", .array(r.webhooks.map { .number(Double($0)) })),
                ])
            }
        ).serialized()
    }

    public struct Problem: Error, Sendable, Equatable {
        public var reason: String
    }
}
