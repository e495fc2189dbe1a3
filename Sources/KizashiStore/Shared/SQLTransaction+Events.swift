import KizashiCore

/// Tracked events inside the event API's write transaction: the same rows and lookups on both
/// backends.
extension SQLTransaction {
    func storedMessageIds(_ ids: [String]) async throws -> Set<String> {
        var out = Set<String>()
        // PostgreSQL's `events` is unique by (message_id, received_at); every id ever stored, in
        // any month (archived too), is in `event_ids`.
        let table = dialect == .postgres ? "event_ids" : "events"
        try await forEachChunk(
            of: ids, { "SELECT message_id FROM \(raw: table) WHERE message_id IN (\(list: $0.map { .text($0) }))" }
        ) {
            if let id = $0.text("message_id") { out.insert(id) }
        }
        return out
    }

    func insert(events: [StoredEvent]) async throws {
        // Many rows per statement (one round trip each on PostgreSQL). SQLite keeps a prepared
        // statement per distinct text for its connection's life, so there a few sizes only.
        let perStatement = dialect == .sqlite ? 64 : 1000
        try await willInsert(events: events)
        for chunk in events.chunked(perStatement) {
            let rows: [[StoredValue]] = chunk.map { s in
                let e = s.event
                return [
                    .text(e.messageId), .instant(s.receivedAt), .instant(e.occurredAt), .text(e.kind.rawValue),
                    .text(e.name), .text(e.userId), .text(e.anonymousId), .text(e.activityType?.rawValue),
                    .text(e.path), .text(e.topic), .text(s.companyId), .text(s.contactId), .text(s.activityId),
                    .text(e.payload),
                ]
            }
            try await run(
                """
                INSERT INTO events (message_id, received_at, occurred_at, type, event, user_id, anonymous_id,
                                    activity_type, path, topic, company_id, contact_id, activity_id, payload)
                VALUES \(rows: rows)
                """)
        }
    }

    func enqueueAlertEvaluation(companies: Set<String>, activities: [Activity], at: Instant) async throws {
        let text = PendingAlertEvaluation.encode(companies: companies, activities: activities)
        try await run(
            "INSERT INTO alert_evaluations (created_at, companies, activities) VALUES (\(at), \(text.companies), \(text.activities))"
        )
    }

    func identity(kind: String, id: String) async throws -> VisitorIdentity? {
        try await rows("SELECT * FROM event_identities WHERE kind = \(kind) AND id = \(id)").first.map {
            VisitorIdentity(contactId: $0.text("contact_id"), companyId: $0.text("company_id"), email: $0.text("email"))
        }
    }

    func identities(kind: String, ids: [String]) async throws -> [String: VisitorIdentity] {
        var out: [String: VisitorIdentity] = [:]
        try await forEachChunk(
            of: ids,
            { "SELECT * FROM event_identities WHERE kind = \(kind) AND id IN (\(list: $0.map { .text($0) }))" }
        ) { r in
            if let id = r.text("id") {
                out[id] = VisitorIdentity(
                    contactId: r.text("contact_id"), companyId: r.text("company_id"), email: r.text("email"))
            }
        }
        return out
    }

    /// What is known is kept: a value the new identity lacks stays as it was.
    func setIdentity(kind: String, id: String, _ v: VisitorIdentity) async throws {
        try await run(
            """
            INSERT INTO event_identities (kind, id, contact_id, company_id, email)
            VALUES (\(kind), \(id), \(v.contactId), \(v.companyId), \(v.email))
            ON CONFLICT (kind, id) DO UPDATE SET
                contact_id = coalesce(excluded.contact_id, event_identities.contact_id),
                company_id = coalesce(excluded.company_id, event_identities.company_id),
                email = coalesce(excluded.email, event_identities.email)
            """)
    }

    func unresolvedEvents(userIds: [String], anonymousIds: [String]) async throws -> [StoredEvent] {
        var out: [StoredEvent] = []
        var seen = Set<String>()
        for (column, ids) in [("user_id", userIds), ("anonymous_id", anonymousIds)] {
            try await forEachChunk(
                of: ids,
                {
                    """
                    SELECT * FROM events WHERE activity_id IS NULL AND activity_type IS NOT NULL
                    AND \(raw: column) IN (\(list: $0.map { .text($0) })) ORDER BY occurred_at, message_id
                    """
                }
            ) { r in
                guard let id = r.text("message_id"),
                    let kind = r.text("type").flatMap(TrackedEvent.Kind.init(rawValue:)),
                    let at = r.instant("occurred_at"), let received = r.instant("received_at")
                else { throw StoreError("a stored event is unreadable") }
                guard seen.insert(id).inserted else { return }
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

    func markResolved(_ event: StoredEvent, companyId: String, contactId: String?, activityId: String) async throws {
        // `received_at` too: PostgreSQL then reads its month's partition only.
        try await run(
            """
            UPDATE events SET company_id = \(companyId), contact_id = \(contactId), activity_id = \(activityId)
            WHERE message_id = \(event.event.messageId) AND received_at = \(event.receivedAt)
            """)
    }

    func contact(email: String) async throws -> (id: String, companyId: String)? {
        guard
            let r = try await rows(
                """
                SELECT contact_id, company_id FROM contacts WHERE \(caseless: "email", equals: email.trimmingASCIIWhitespace())
                ORDER BY contact_id LIMIT 1
                """
            ).first, let id = r.text("contact_id"), let co = r.text("company_id")
        else { return nil }
        return (id, co)
    }

    func company(idOrDomain: String) async throws -> String? {
        if let r = try await rows("SELECT company_id FROM companies WHERE company_id = \(idOrDomain)").first {
            return r.text("company_id")
        }
        let domain = CompanyNameNormalizer.normalizeDomain(idOrDomain)
        guard !domain.isEmpty else { return nil }
        return try await rows(
            """
            SELECT c.company_id AS company_id FROM company_match_keys k JOIN companies c ON c.company_key = k.company_key
            WHERE k.kind = 'domain' AND k.key = \(domain) ORDER BY c.company_id LIMIT 1
            """
        ).first?.text("company_id")
    }

    func company(ip: IPAddress) async throws -> String? {
        let b = StoredValue.blob(ip.bytes)
        return try await rows(
            """
            SELECT company_id FROM ip_ranges WHERE range_start <= \(b) AND range_end >= \(b)
            ORDER BY range_start DESC, range_end ASC LIMIT 1
            """
        ).first?.text("company_id")
    }
}
