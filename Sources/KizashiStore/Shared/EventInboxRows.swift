import Foundation
import KizashiCore

/// The statements of the event inbox, for both backends: an SQLite workspace keeps the table in
/// a side file of its own, PostgreSQL in an unlocked table; the rows are the same.
enum EventInboxRows {
    static func append(events: [String], receivedAt: Instant) -> StoredSQL {
        let text = JSONValue.array(events.map { .string($0) }).serialized()
        return "INSERT INTO event_inbox (received_at, events) VALUES (\(receivedAt), \(text))"
    }

    static func batches(limit: Int) -> StoredSQL { "SELECT * FROM event_inbox ORDER BY batch_id LIMIT \(limit)" }

    static func remove(ids: ArraySlice<Int64>) -> StoredSQL {
        "DELETE FROM event_inbox WHERE batch_id IN (\(list: ids.map { .integer($0) }))"
    }

    static func batch(_ r: StoredRecord) throws -> InboxBatch {
        guard let id = r.int64("batch_id"), let receivedAt = r.instant("received_at"), let events = r.text("events"),
            let list = try? JSONSerialization.jsonObject(with: Data(events.utf8)) as? [String]
        else { throw StoreError("a waiting event batch is unreadable") }
        return InboxBatch(id: id, receivedAt: receivedAt, events: list)
    }
}
