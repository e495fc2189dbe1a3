import KizashiCore
import SQLiteNIO

extension SQLiteTransaction: EventWriting {
    func storedMessageIds(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        var out = Set<String>()
        for r in try db.query(
            "SELECT message_id FROM events WHERE message_id IN (\(placeholders(ids.count)))", ids.map { .text($0) })
        {
            if let id = r.text("message_id") { out.insert(id) }
        }
        return out
    }

    func insert(events: [StoredEvent]) async throws {
        for s in events {
            let e = s.event
            try db.execute(
                """
                INSERT INTO events (message_id, received_at, occurred_at, type, event, user_id, anonymous_id, activity_type,
                                    path, topic, company_id, contact_id, activity_id, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(e.messageId), .instant(s.receivedAt), .instant(e.occurredAt), .text(e.kind.rawValue),
                    .text(e.name), .text(e.userId), .text(e.anonymousId), .text(e.activityType?.rawValue),
                    .text(e.path), .text(e.topic), .text(s.companyId), .text(s.contactId), .text(s.activityId),
                    .text(e.payload),
                ])
        }
    }

    func enqueueAlertEvaluation(companies: Set<String>, activities: [Activity], at: Instant) async throws {
        let text = PendingAlertEvaluation.encode(companies: companies, activities: activities)
        try db.execute(
            "INSERT INTO alert_evaluations (created_at, companies, activities) VALUES (?, ?, ?)",
            [.instant(at), .text(text.companies), .text(text.activities)])
    }

    func identity(kind: String, id: String) async throws -> VisitorIdentity? {
        try db.query("SELECT * FROM event_identities WHERE kind = ? AND id = ?", [.text(kind), .text(id)]).first.map {
            VisitorIdentity(contactId: $0.text("contact_id"), companyId: $0.text("company_id"), email: $0.text("email"))
        }
    }

    func setIdentity(kind: String, id: String, _ v: VisitorIdentity) async throws {
        try db.execute(
            """
            INSERT INTO event_identities (kind, id, contact_id, company_id, email) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, id) DO UPDATE SET contact_id = coalesce(excluded.contact_id, contact_id),
                company_id = coalesce(excluded.company_id, company_id), email = coalesce(excluded.email, email)
            """, [.text(kind), .text(id), .text(v.contactId), .text(v.companyId), .text(v.email)])
    }

    func unresolvedEvents(userIds: [String], anonymousIds: [String]) async throws -> [StoredEvent] {
        var out: [StoredEvent] = []
        for (column, ids) in [("user_id", userIds), ("anonymous_id", anonymousIds)] where !ids.isEmpty {
            for r in try db.query(
                "SELECT * FROM events WHERE activity_id IS NULL AND activity_type IS NOT NULL AND \(column) IN (\(placeholders(ids.count)))",
                ids.map { .text($0) })
            {
                guard let id = r.text("message_id"),
                    let kind = r.text("type").flatMap(TrackedEvent.Kind.init(rawValue:)),
                    let at = r.column("occurred_at")?.instantValue, let received = r.column("received_at")?.instantValue
                else { continue }
                if out.contains(where: { $0.event.messageId == id }) { continue }
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
        try db.execute(
            "UPDATE events SET company_id = ?, contact_id = ?, activity_id = ? WHERE message_id = ?",
            [.text(companyId), .text(contactId), .text(activityId), .text(messageId)])
    }

    func contact(email: String) async throws -> (id: String, companyId: String)? {
        guard
            let r = try db.query(
                "SELECT contact_id, company_id FROM contacts WHERE email = ? COLLATE NOCASE ORDER BY contact_id LIMIT 1",
                [.text(email.trimmingASCIIWhitespace())]
            ).first, let id = r.text("contact_id"), let co = r.text("company_id")
        else { return nil }
        return (id, co)
    }

    func company(idOrDomain: String) async throws -> String? {
        if let r = try db.query("SELECT company_id FROM companies WHERE company_id = ?", [.text(idOrDomain)]).first {
            return r.text("company_id")
        }
        let domain = CompanyNameNormalizer.normalizeDomain(idOrDomain)
        guard !domain.isEmpty else { return nil }
        return try db.query(
            """
            SELECT c.company_id AS company_id FROM company_match_keys k JOIN companies c ON c.company_key = k.company_key
            WHERE k.kind = 'domain' AND k.key = ? ORDER BY c.company_id LIMIT 1
            """, [.text(domain)]
        ).first?.text("company_id")
    }

    func company(ip: IPAddress) async throws -> String? {
        let b = SQLiteData.blob(ByteBuffer(bytes: ip.bytes))
        return try db.query(
            """
            SELECT company_id FROM ip_ranges WHERE range_start <= ?1 AND range_end >= ?1
            ORDER BY range_start DESC, range_end ASC LIMIT 1
            """, [b]
        ).first?.text("company_id")
    }
}

extension SQLiteWorkspaceStore: CollectorStore {
    public func siteKeys() async throws -> [(key: String, name: String, active: Bool)] {
        try await reader.query("SELECT * FROM site_keys ORDER BY created_at").compactMap { r in
            guard let k = r.text("site_key"), let n = r.text("name") else { return nil }
            return (k, n, (r.int("active") ?? 0) != 0)
        }
    }

    public func createSiteKey(name: String, key: String, now: Instant) async throws {
        _ = try await writer.query(
            "INSERT INTO site_keys (site_key, name, created_at) VALUES (?, ?, ?)",
            [.text(key), .text(name), .instant(now)])
    }

    public func isActiveSiteKey(_ key: String) async throws -> Bool {
        !(try await reader.query("SELECT 1 AS x FROM site_keys WHERE site_key = ? AND active = 1", [.text(key)]).isEmpty)
    }

    public func setSiteKey(_ key: String, active: Bool) async throws -> Bool {
        try await transaction { tx in
            let db = (tx as! SQLiteTransaction).db
            let found = try db.query("SELECT 1 AS x FROM site_keys WHERE site_key = ?", [.text(key)])
            guard !found.isEmpty else { return false }
            _ = try db.query(
                "UPDATE site_keys SET active = ? WHERE site_key = ?", [.integer(active ? 1 : 0), .text(key)])
            return true
        }
    }

    public func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws {
        try await transaction { tx in
            try await (tx as! SQLiteTransaction).replaceIPRanges(ranges)
        }
    }

    public func ipRangeCount() async throws -> Int {
        try await reader.query("SELECT count(*) AS n FROM ip_ranges").first?.int("n") ?? 0
    }
}

extension SQLiteTransaction {
    func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) throws {
        try db.execute("DELETE FROM ip_ranges")
        for r in ranges {
            try db.execute(
                "INSERT OR REPLACE INTO ip_ranges (range_start, range_end, cidr, company_id) VALUES (?, ?, ?, ?)",
                [
                    .blob(ByteBuffer(bytes: r.range.first.bytes)), .blob(ByteBuffer(bytes: r.range.last.bytes)),
                    .text(r.cidr), .text(r.companyId),
                ])
        }
    }
}
