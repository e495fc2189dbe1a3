import KizashiCore
import PostgresNIO
import SQLiteNIO

/// Tracked events, inside the event API's write transaction (same rows as the SQLite store).
extension PostgresTransaction: EventWriting {
    func storedMessageIds(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        var q = PostgresQuery(unsafeSQL: "SELECT message_id FROM events WHERE message_id = ANY($1)")
        q.binds.append(ids)
        var out = Set<String>()
        for try await id in try await checked().query(q, logger: logger).decode(String.self) { out.insert(id) }
        return out
    }

    func enqueueAlertEvaluation(companies: Set<String>, activities: [Activity], at: Instant) async throws {
        let text = PendingAlertEvaluation.encode(companies: companies, activities: activities)
        try await conn.run(
            "INSERT INTO alert_evaluations (created_at, companies, activities) VALUES ($1, $2, $3)",
            [.instant(at), .text(text.companies), .text(text.activities)], logger: logger)
    }

    func insert(events: [StoredEvent]) async throws {
        let columns = 14
        for chunk in events.chunked(1000) {
            var values: [SQLiteData] = []
            values.reserveCapacity(chunk.count * columns)
            for s in chunk {
                let e = s.event
                values += [
                    .text(e.messageId), .instant(s.receivedAt), .instant(e.occurredAt), .text(e.kind.rawValue),
                    .text(e.name), .text(e.userId), .text(e.anonymousId), .text(e.activityType?.rawValue),
                    .text(e.path), .text(e.topic), .text(s.companyId), .text(s.contactId), .text(s.activityId),
                    .text(e.payload),
                ]
            }
            let tuples = (0..<chunk.count).map { i in
                "(" + (1...columns).map { "$\(i * columns + $0)" }.joined(separator: ",") + ")"
            }.joined(separator: ",")
            try await conn.run(
                """
                INSERT INTO events (message_id, received_at, occurred_at, type, event, user_id, anonymous_id, activity_type,
                                    path, topic, company_id, contact_id, activity_id, payload)
                VALUES \(tuples)
                """, values, logger: logger)
        }
    }

    func identity(kind: String, id: String) async throws -> VisitorIdentity? {
        try await conn.rows(
            "SELECT * FROM event_identities WHERE kind = $1 AND id = $2", [.text(kind), .text(id)], logger: logger
        ).first.map {
            VisitorIdentity(contactId: $0.text("contact_id"), companyId: $0.text("company_id"), email: $0.text("email"))
        }
    }

    func setIdentity(kind: String, id: String, _ v: VisitorIdentity) async throws {
        try await conn.run(
            """
            INSERT INTO event_identities (kind, id, contact_id, company_id, email) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (kind, id) DO UPDATE SET
                contact_id = coalesce(EXCLUDED.contact_id, event_identities.contact_id),
                company_id = coalesce(EXCLUDED.company_id, event_identities.company_id),
                email = coalesce(EXCLUDED.email, event_identities.email)
            """, [.text(kind), .text(id), .text(v.contactId), .text(v.companyId), .text(v.email)], logger: logger)
    }

    func unresolvedEvents(userIds: [String], anonymousIds: [String]) async throws -> [StoredEvent] {
        var out: [StoredEvent] = []
        var seen = Set<String>()
        for (column, ids) in [("user_id", userIds), ("anonymous_id", anonymousIds)] where !ids.isEmpty {
            var q = PostgresQuery(
                unsafeSQL: """
                    SELECT * FROM events WHERE activity_id IS NULL AND activity_type IS NOT NULL AND \(column) = ANY($1)
                    ORDER BY occurred_at, message_id
                    """)
            q.binds.append(ids)
            for try await row in try await checked().query(q, logger: logger) {
                let r = PostgresStoredRow(row)
                guard let id = r.text("message_id"),
                    let kind = r.text("type").flatMap(TrackedEvent.Kind.init(rawValue:)),
                    let at = r.column("occurred_at")?.instantValue,
                    let received = r.column("received_at")?.instantValue,
                    seen.insert(id).inserted
                else { continue }
                let e = TrackedEvent(
                    messageId: id, kind: kind, name: r.text("event"), userId: r.text("user_id"),
                    anonymousId: r.text("anonymous_id"), occurredAt: at, path: r.text("path"), topic: r.text("topic"),
                    email: nil, groupId: nil,
                    activityType: r.text("activity_type").flatMap(ActivityType.init(rawValue:)),
                    payload: r.text("payload") ?? "{}")
                out.append(StoredEvent(event: e, receivedAt: received, companyId: nil, contactId: nil, activityId: nil))
            }
        }
        return out
    }

    func markResolved(messageId: String, companyId: String, contactId: String?, activityId: String) async throws {
        try await conn.run(
            "UPDATE events SET company_id = $1, contact_id = $2, activity_id = $3 WHERE message_id = $4",
            [.text(companyId), .text(contactId), .text(activityId), .text(messageId)], logger: logger)
    }

    func contact(email: String) async throws -> (id: String, companyId: String)? {
        guard
            let r = try await conn.rows(
                "SELECT contact_id, company_id FROM contacts WHERE lower(email) = lower($1) ORDER BY contact_id LIMIT 1",
                [.text(email.trimmingASCIIWhitespace())], logger: logger
            ).first, let id = r.text("contact_id"), let co = r.text("company_id")
        else { return nil }
        return (id, co)
    }

    func company(idOrDomain: String) async throws -> String? {
        if let r = try await conn.rows(
            "SELECT company_id FROM companies WHERE company_id = $1", [.text(idOrDomain)], logger: logger
        ).first {
            return r.text("company_id")
        }
        let domain = CompanyNameNormalizer.normalizeDomain(idOrDomain)
        guard !domain.isEmpty else { return nil }
        return try await conn.rows(
            """
            SELECT c.company_id AS company_id FROM company_match_keys k JOIN companies c ON c.company_key = k.company_key
            WHERE k.kind = 'domain' AND k.key = $1 ORDER BY c.company_id LIMIT 1
            """, [.text(domain)], logger: logger
        ).first?.text("company_id")
    }

    func company(ip: IPAddress) async throws -> String? {
        let b = SQLiteData.blob(ByteBuffer(bytes: ip.bytes))
        return try await conn.rows(
            """
            SELECT company_id FROM ip_ranges WHERE range_start <= $1 AND range_end >= $1
            ORDER BY range_start DESC, range_end ASC LIMIT 1
            """, [b], logger: logger
        ).first?.text("company_id")
    }

    func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws {
        try await conn.run("DELETE FROM ip_ranges", logger: logger)
        // The last range of a (start, end) pair wins, as SQLite's INSERT OR REPLACE.
        var byKey: [[UInt8]: Int] = [:]
        var rows: [(range: IPAddressRange, cidr: String, companyId: String)] = []
        for r in ranges {
            let key = r.range.first.bytes + r.range.last.bytes
            if let i = byKey[key] {
                rows[i] = r
            } else {
                byKey[key] = rows.count
                rows.append(r)
            }
        }
        for chunk in rows.chunked(2000) {
            var values: [SQLiteData] = []
            for r in chunk {
                values += [
                    .blob(ByteBuffer(bytes: r.range.first.bytes)), .blob(ByteBuffer(bytes: r.range.last.bytes)),
                    .text(r.cidr), .text(r.companyId),
                ]
            }
            let tuples = (0..<chunk.count).map { "($\($0 * 4 + 1),$\($0 * 4 + 2),$\($0 * 4 + 3),$\($0 * 4 + 4))" }
                .joined(separator: ",")
            try await conn.run(
                "INSERT INTO ip_ranges (range_start, range_end, cidr, company_id) VALUES \(tuples)", values,
                logger: logger)
        }
    }
}
