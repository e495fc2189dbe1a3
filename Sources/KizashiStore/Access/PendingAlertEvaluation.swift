import Foundation
import KizashiCore

/// An event batch's alert evaluation waiting in the outbox (`alert_evaluations`): the accounts it
/// touched and the activities it created, written in the batch's own transaction so a crash
/// cannot lose them; deleted in the transaction that stores the alerts they lead to.
public struct PendingAlertEvaluation: Sendable, Equatable {
    public var id: Int64
    /// When the batch was received (the server's clock).
    public var createdAt: Instant
    public var companies: Set<String>
    public var activities: [Activity]

    /// The stored text of both columns: JSON, the same on every backend.
    static func encode(companies: Set<String>, activities: [Activity]) -> (companies: String, activities: String) {
        let c = JSONValue.array(companies.sorted().map { .string($0) }).serialized()
        let a = JSONValue.array(
            activities.map { a in
                .object([
                    ("id", .string(a.id)), ("at", .int(Int(a.occurredAt.millisecondsSinceEpoch))),
                    ("type", .string(a.type.rawValue)), ("company", a.companyId.map { .string($0) } ?? .null),
                    ("contact", a.contactId.map { .string($0) } ?? .null),
                    ("campaign", a.campaignId.map { .string($0) } ?? .null),
                    ("url", a.url.map { .string($0) } ?? .null),
                    ("topic", a.topic.map { .string($0) } ?? .null),
                ])
            }
        ).serialized()
        return (c, a)
    }

    static func decode(id: Int64, createdAt: Instant, companies: String, activities: String) throws
        -> PendingAlertEvaluation
    {
        guard let list = try? JSONSerialization.jsonObject(with: Data(companies.utf8)) as? [String],
            let rows = try? JSONSerialization.jsonObject(with: Data(activities.utf8)) as? [[String: Any]]
        else { throw StoreError("alert evaluation \(id) is unreadable") }
        var out: [Activity] = []
        for r in rows {
            guard let aid = r["id"] as? String, let at = (r["at"] as? NSNumber)?.int64Value,
                let type = (r["type"] as? String).flatMap(ActivityType.init(rawValue:))
            else { throw StoreError("alert evaluation \(id) holds an unreadable activity") }
            out.append(
                Activity(
                    id: aid, occurredAt: Instant(millisecondsSinceEpoch: at), type: type,
                    companyId: r["company"] as? String, contactId: r["contact"] as? String,
                    campaignId: r["campaign"] as? String, url: r["url"] as? String, topic: r["topic"] as? String))
        }
        return PendingAlertEvaluation(id: id, createdAt: createdAt, companies: Set(list), activities: out)
    }
}
