import Foundation

/// One Segment-compatible call (`track`, `page`, `identify`, `group`; see
/// realdata/formats/event_tracking_spec.md), validated and reduced to what Kizashi uses.
public struct TrackedEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case track, page, identify, group, screen, alias }

    public var messageId: String
    public var kind: Kind
    /// The `track` event name ("Form Submitted", …).
    public var name: String?
    public var userId: String?
    public var anonymousId: String?
    /// `timestamp`, else `originalTimestamp` (the client's time), else the time it was received.
    public var occurredAt: Instant
    /// The page path (`/pricing`), without query string: what the reasons and interests show.
    public var path: String?
    public var topic: String?
    public var email: String?
    /// `group` calls' groupId, else context.groupId: a company_id or a domain.
    public var groupId: String?
    /// The activity type it scores as; nil = kept, not scored (unknown track events, identify, group).
    public var activityType: ActivityType?
    /// The original JSON, kept so nothing the sender sent is lost (context.ip truncated).
    public var payload: String
    /// The client address (context.ip), for the IP-range lookup only; never stored whole.
    public var ip: IPAddress?

    public init(
        messageId: String, kind: Kind, name: String?, userId: String?, anonymousId: String?, occurredAt: Instant,
        path: String?, topic: String?, email: String?, groupId: String?, activityType: ActivityType?, payload: String
    ) {
        self.messageId = messageId
        self.kind = kind
        self.name = name
        self.userId = userId
        self.anonymousId = anonymousId
        self.occurredAt = occurredAt
        self.path = path
        self.topic = topic
        self.email = email
        self.groupId = groupId
        self.activityType = activityType
        self.payload = payload
        self.ip = nil
    }
}

/// Which `track` event names count as which activity (issue 4 defaults; configurable per
/// workspace with the setting `events.map`, a JSON object name → activity type).
public struct EventTypeMapping: Sendable, Equatable {
    public var table: [String: ActivityType]

    public static let defaults: [String: ActivityType] = [
        "Email Opened": .emailOpen, "Email Link Clicked": .emailClick, "Content Viewed": .contentView,
        "Whitepaper Downloaded": .contentView, "Form Submitted": .formSubmit, "Event Attended": .eventAttend,
        "Ad Clicked": .adClick,
    ]

    public init(table: [String: ActivityType] = EventTypeMapping.defaults) { self.table = table }

    /// Defaults overridden by a JSON object `{"Demo Requested": "form_submit", …}`.
    public init(settingJSON: String?) throws {
        var t = Self.defaults
        if let settingJSON, !settingJSON.isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(settingJSON.utf8)) as? [String: Any] else {
                throw EventProblem("events.map must be a JSON object of event name → activity type")
            }
            for (k, v) in obj {
                guard let s = v as? String, let type = ActivityType(rawValue: s) else {
                    throw EventProblem("events.map: \(k) → \(v) is not an activity type")
                }
                t[k] = type
            }
        }
        table = t
    }

    public func type(of e: (kind: TrackedEvent.Kind, name: String?)) -> ActivityType? {
        switch e.kind {
        case .page: return .webVisit
        case .track: return e.name.flatMap { table[$0] }
        default: return nil
        }
    }
}

public struct EventProblem: Error, CustomStringConvertible, Sendable, Equatable {
    /// Most problems make a record invalid; a record without the company it must belong to is
    /// one a connector may skip and count instead of rejecting (a contact without an account).
    public enum Kind: Sendable, Equatable {
        case invalid
        case noCompany
    }
    public var description: String
    public var kind: Kind
    public init(_ d: String, kind: Kind = .invalid) {
        description = d
        self.kind = kind
    }
}

extension TrackedEvent {
    /// Validates one call (a JSON object) and maps it; the error says what to fix.
    public static func parse(
        _ object: Any, mapping: EventTypeMapping, timeZone: WorkspaceTimeZone, receivedAt: Instant
    ) -> Result<TrackedEvent, EventProblem> {
        guard let o = object as? [String: Any] else { return .failure(EventProblem("an event must be a JSON object")) }
        func str(_ v: Any?) -> String? {
            switch v {
            case let s as String: return s.isEmpty ? nil : s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        guard let typeText = str(o["type"]) else { return .failure(EventProblem("type is required")) }
        guard let kind = Kind(rawValue: typeText) else {
            return .failure(EventProblem("type \(typeText) is not one of track, page, identify, group, screen, alias"))
        }
        guard let messageId = str(o["messageId"]) else { return .failure(EventProblem("messageId is required")) }
        guard messageId.utf8.count <= 200 else { return .failure(EventProblem("messageId is longer than 200 bytes")) }
        let userId = str(o["userId"]), anonymousId = str(o["anonymousId"])
        guard userId != nil || anonymousId != nil else {
            return .failure(EventProblem("userId or anonymousId is required"))
        }
        let name = str(o["event"])
        if kind == .track && name == nil { return .failure(EventProblem("a track call needs an event name")) }
        var occurred = receivedAt
        for key in ["timestamp", "originalTimestamp"] {
            guard let t = str(o[key]) else { continue }
            switch CanonicalField.timestamp(t, timeZone: timeZone) {
            case .success(let i): occurred = i
            case .failure(let p): return .failure(EventProblem("\(key) \(t): \(p)"))
            }
            break
        }
        let context = o["context"] as? [String: Any] ?? [:]
        let properties = o["properties"] as? [String: Any] ?? [:]
        let traits = o["traits"] as? [String: Any] ?? context["traits"] as? [String: Any] ?? [:]
        let page = context["page"] as? [String: Any] ?? [:]
        var path = str(properties["path"]) ?? str(page["path"])
        if path == nil, let url = str(properties["url"]) ?? str(page["url"]) {
            path = URLComponents(string: url)?.path
        }
        if let p = path, let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(p[..<q]) }
        let groupId = kind == .group ? str(o["groupId"]) : str(context["groupId"])
        if kind == .group && groupId == nil { return .failure(EventProblem("a group call needs a groupId")) }
        let ip = str(context["ip"]).flatMap(IPAddress.init)
        var kept = o
        if let ip {
            var c = context
            c["ip"] = ip.truncated.description
            kept["context"] = c
        }
        let payload = JSONValue(foundation: kept).serialized()
        var event = TrackedEvent(
            messageId: messageId, kind: kind, name: name, userId: userId, anonymousId: anonymousId,
            occurredAt: occurred, path: path, topic: str(properties["topic"]),
            email: str(traits["email"]) ?? str(properties["email"]), groupId: groupId,
            activityType: mapping.type(of: (kind, name)), payload: payload)
        event.ip = ip
        return .success(event)
    }

    /// The domain of the e-mail address, normalised like company domains (kpis.md §duplicate_rate).
    public var emailDomain: String? {
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        let d = CompanyNameNormalizer.normalizeDomain(String(email[email.index(after: at)...]))
        return d.isEmpty ? nil : d
    }
}
