import Foundation
import KizashiCore
import KizashiStore
import Logging
import Tracing

/// What happened to a batch of tracked events.
public struct EventIngestSummary: Sendable, Equatable {
    public var accepted = 0
    /// Events whose messageId was already stored (or repeated in the batch): accepted again, changed nothing.
    public var duplicates = 0
    public var rejected: [(index: Int, reason: String)] = []
    /// Activities created (from this batch, and from earlier events resolved by it).
    public var activities = 0
    /// Scorable events kept until their visitor is identified.
    public var unresolved = 0
    /// Valid events stored in the event inbox while an import runs: applied once it has ended.
    public var queued = 0
    public var touchedCompanies: Set<String> = []
    /// The activities this batch created (the alert rules look at them).
    public var newActivities: [Activity] = []

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.accepted == b.accepted && a.duplicates == b.duplicates && a.activities == b.activities
            && a.unresolved == b.unresolved && a.rejected.map(\.index) == b.rejected.map(\.index)
    }
}

/// Ingests Segment-compatible calls: validates each, drops repeats by messageId, links visitor
/// ids to contacts and companies (`identify`, `group`, e-mail domains), turns scorable events of
/// known accounts into activities (so the day roll-ups and scores move at once) and keeps the
/// rest until the visitor is identified — then resolves them retroactively.
///
/// One batch = one store transaction, committed (synchronous=FULL) before this returns: an
/// accepted event is durable when the caller answers.
public struct EventIngestor: Sendable {
    /// The activity made from an event: "ev:" + the millisecond it was received (13 digits) + ":"
    /// + its messageId. Unique through the messageId; time-ordered through the prefix, so new
    /// activities land at the end of the activities table instead of on a random page of it
    /// (messageIds are random UUIDs; about 20 % of event ingestion's time at medium scale).
    static func activityId(receivedAt: Instant, messageId: String) -> String {
        var ms = String(receivedAt.millisecondsSinceEpoch)
        if ms.count < 13 { ms = String(repeating: "0", count: 13 - ms.count) + ms }
        return "ev:" + ms + ":" + messageId
    }
    public let store: any WorkspaceStore
    public init(store: any WorkspaceStore) { self.store = store }

    /// The workspace's `events.map`; an unreadable one is logged and the defaults are used (the
    /// events are still taken, as the defaults map them).
    static func mapping(_ settings: [String: String]) -> EventTypeMapping {
        do {
            return try EventTypeMapping(settingJSON: settings["events.map"])
        } catch {
            Logger(label: "kizashi.events").warning(
                "events.map is unreadable; using the default event names", metadata: ["error": "\(error)"])
            return EventTypeMapping()
        }
    }

    /// Checks each call without writing anything: the valid ones as JSON text (what the event
    /// inbox keeps) and why the others are refused — the same checks `ingest` makes.
    public func validate(_ items: [Any], receivedAt: Instant) async throws -> (
        valid: [String], rejected: [(index: Int, reason: String)]
    ) {
        let settings = try await store.settings()
        let parameters = try WorkspaceSettings.parameters(from: settings)
        let mapping = Self.mapping(settings)
        var valid: [String] = []
        var rejected: [(index: Int, reason: String)] = []
        for (i, item) in items.enumerated() {
            switch TrackedEvent.parse(item, mapping: mapping, timeZone: parameters.timeZone, receivedAt: receivedAt) {
            case .failure(let p): rejected.append((i, p.description))
            case .success:
                guard JSONSerialization.isValidJSONObject(item),
                    let data = try? JSONSerialization.data(withJSONObject: item, options: [.sortedKeys])
                else {
                    rejected.append((i, "the event cannot be stored as JSON"))
                    continue
                }
                valid.append(String(decoding: data, as: UTF8.self))
            }
        }
        return (valid, rejected)
    }

    /// Validates and stores a batch in one transaction; a `kizashi.events.ingest` span when the server traces.
    public func ingest(_ items: [Any], receivedAt: Instant) async throws -> EventIngestSummary {
        try await WorkspaceSpan.around(
            "kizashi.events.ingest", attributes: ["kizashi.events.received": .int64(Int64(items.count))]
        ) { try await ingestBatch(items, receivedAt: receivedAt) }
    }

    private func ingestBatch(_ items: [Any], receivedAt: Instant) async throws -> EventIngestSummary {
        let settings = try await store.settings()
        let parameters = try WorkspaceSettings.parameters(from: settings)
        let mapping = Self.mapping(settings)
        var summary = EventIngestSummary()
        var events: [TrackedEvent] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            switch TrackedEvent.parse(item, mapping: mapping, timeZone: parameters.timeZone, receivedAt: receivedAt) {
            case .failure(let p): summary.rejected.append((i, p.description))
            case .success(let e):
                if seen.insert(e.messageId).inserted { events.append(e) } else { summary.duplicates += 1 }
            }
        }
        guard !events.isEmpty else { return summary }
        let batch = events
        let outcome = try await store.transaction { tx -> EventIngestSummary in
            let ev = tx
            var s = EventIngestSummary()
            let already = try await ev.storedMessageIds(batch.map(\.messageId))
            var stored: [StoredEvent] = []
            var activities: [Activity] = []
            var identified: (users: Set<String>, anonymous: Set<String>) = ([], [])
            // One lookup per distinct groupId or domain in a batch (a tag sends the same one again and again).
            var companyMemo: [String: String?] = [:]
            func company(_ key: String) async throws -> String? {
                if let hit = companyMemo[key] { return hit }
                let found = try await ev.company(idOrDomain: key)
                companyMemo[key] = found
                return found
            }

            func visitorKeys(_ e: TrackedEvent) -> [(String, String)] {
                (e.userId.map { [("user", $0)] } ?? []) + (e.anonymousId.map { [("anonymous", $0)] } ?? [])
            }
            // The batch's visitors' stored identities, read at once and kept up to date as the
            // batch sets them: one look-up per page view was one round trip each on PostgreSQL.
            var known = VisitorIdentityMemo(
                users: try await ev.identities(kind: "user", ids: Array(Set(batch.compactMap(\.userId)))),
                anonymous: try await ev.identities(kind: "anonymous", ids: Array(Set(batch.compactMap(\.anonymousId)))))
            func remember(_ e: TrackedEvent, _ v: VisitorIdentity) async throws {
                for (kind, id) in visitorKeys(e) {
                    try await ev.setIdentity(kind: kind, id: id, v)
                    known.set(kind: kind, id: id, v)
                    if kind == "user" { identified.users.insert(id) } else { identified.anonymous.insert(id) }
                }
            }
            func byEmail(_ email: String?) async throws -> VisitorIdentity? {
                guard let email else { return nil }
                if let c = try await ev.contact(email: email) {
                    return VisitorIdentity(contactId: c.id, companyId: c.companyId, email: email)
                }
                if let at = email.lastIndex(of: "@"),
                    let company = try await company(String(email[email.index(after: at)...]))
                {
                    return VisitorIdentity(contactId: nil, companyId: company, email: email)
                }
                return nil
            }
            func resolve(_ e: TrackedEvent) async throws -> VisitorIdentity? {
                if let g = e.groupId, let company = try await company(g) {
                    var visitor: VisitorIdentity?
                    for (kind, id) in visitorKeys(e) where visitor == nil { visitor = known.get(kind: kind, id: id) }
                    // A known contact of that same company keeps its contact.
                    let contact = visitor?.companyId == company ? visitor?.contactId : nil
                    return VisitorIdentity(contactId: contact, companyId: company, email: visitor?.email)
                }
                for (kind, id) in visitorKeys(e) {
                    if let v = known.get(kind: kind, id: id), v.companyId != nil { return v }
                }
                if let v = try await byEmail(e.email) { return v }
                // Anonymous page views: the optional IP-range table (issue 4).
                if let ip = e.ip, let company = try await ev.company(ip: ip) {
                    return VisitorIdentity(contactId: nil, companyId: company, email: nil)
                }
                return nil
            }

            for e in batch {
                if already.contains(e.messageId) {
                    s.duplicates += 1
                    continue
                }
                s.accepted += 1
                switch e.kind {
                case .identify:
                    if let v = try await byEmail(e.email) {
                        try await remember(e, v)
                    } else if e.email != nil {
                        try await remember(e, VisitorIdentity(contactId: nil, companyId: nil, email: e.email))
                    }
                case .group:
                    if let g = e.groupId, let company = try await company(g) {
                        try await remember(e, VisitorIdentity(contactId: nil, companyId: company, email: nil))
                    }
                default: break
                }
                var record = StoredEvent(
                    event: e, receivedAt: receivedAt, companyId: nil, contactId: nil, activityId: nil)
                if let type = e.activityType, let v = try await resolve(e), let company = v.companyId {
                    let id = EventIngestor.activityId(receivedAt: receivedAt, messageId: e.messageId)
                    activities.append(
                        Activity(
                            id: id, occurredAt: e.occurredAt, type: type, companyId: company, contactId: v.contactId,
                            campaignId: nil, url: e.path, topic: e.topic))
                    record.companyId = company
                    record.contactId = v.contactId
                    record.activityId = id
                    s.touchedCompanies.insert(company)
                } else if e.activityType != nil {
                    s.unresolved += 1
                }
                stored.append(record)
            }
            try await ev.insert(events: stored)

            // Earlier events of visitors identified by this batch.
            if !identified.users.isEmpty || !identified.anonymous.isEmpty {
                for old in try await ev.unresolvedEvents(
                    userIds: identified.users.sorted(), anonymousIds: identified.anonymous.sorted())
                {
                    guard let type = old.event.activityType, let v = try await resolve(old.event),
                        let company = v.companyId
                    else { continue }
                    let id = EventIngestor.activityId(receivedAt: old.receivedAt, messageId: old.event.messageId)
                    activities.append(
                        Activity(
                            id: id, occurredAt: old.event.occurredAt, type: type, companyId: company,
                            contactId: v.contactId, campaignId: nil, url: old.event.path, topic: old.event.topic))
                    try await ev.markResolved(old, companyId: company, contactId: v.contactId, activityId: id)
                    if batch.contains(where: { $0.messageId == old.event.messageId }) { s.unresolved -= 1 }
                    s.touchedCompanies.insert(company)
                }
            }
            if !activities.isEmpty { try await tx.upsert(activities: activities) }
            // The alert rules' input, durable with the batch (an outbox): a crash before the rules
            // ran cannot lose the alerts.
            if !s.touchedCompanies.isEmpty {
                try await ev.enqueueAlertEvaluation(
                    companies: s.touchedCompanies, activities: activities, at: receivedAt)
            }
            s.activities = activities.count
            s.newActivities = activities
            return s
        }
        summary.accepted = outcome.accepted
        summary.duplicates += outcome.duplicates
        summary.activities = outcome.activities
        summary.unresolved = outcome.unresolved
        summary.touchedCompanies = outcome.touchedCompanies
        summary.newActivities = outcome.newActivities
        return summary
    }
}
