import KizashiCore

/// A tracked event as stored, with its resolution.
public struct StoredEvent: Sendable, Equatable {
    public var event: TrackedEvent
    public var receivedAt: Instant
    public var companyId: String?
    public var contactId: String?
    public var activityId: String?
    public init(event: TrackedEvent, receivedAt: Instant, companyId: String?, contactId: String?, activityId: String?) {
        self.event = event
        self.receivedAt = receivedAt
        self.companyId = companyId
        self.contactId = contactId
        self.activityId = activityId
    }
}

/// What a visitor id (userId or anonymousId) is known to be.
public struct VisitorIdentity: Sendable, Equatable {
    public var contactId: String?
    public var companyId: String?
    public var email: String?
    public init(contactId: String?, companyId: String?, email: String?) {
        self.contactId = contactId
        self.companyId = companyId
        self.email = email
    }
}

/// The event writes and lookups of one transaction (the ingestion of one batch): part of every
/// `WorkspaceTransaction`.
public protocol EventWriting: Sendable {
    /// The message ids among `ids` that are already stored (duplicates).
    func storedMessageIds(_ ids: [String]) async throws -> Set<String>
    func insert(events: [StoredEvent]) async throws
    func identity(kind: String, id: String) async throws -> VisitorIdentity?
    /// The stored identities of many visitor ids of one kind at once, by id (absent: unknown).
    func identities(kind: String, ids: [String]) async throws -> [String: VisitorIdentity]
    func setIdentity(kind: String, id: String, _ identity: VisitorIdentity) async throws
    /// Scorable events of these visitor ids that have no activity yet.
    func unresolvedEvents(userIds: [String], anonymousIds: [String]) async throws -> [StoredEvent]
    /// Records the account and activity of an event returned by `unresolvedEvents`.
    func markResolved(_ event: StoredEvent, companyId: String, contactId: String?, activityId: String) async throws
    /// A contact by e-mail (case-insensitive).
    func contact(email: String) async throws -> (id: String, companyId: String)?
    /// A company by company_id, else by normalised domain.
    func company(idOrDomain: String) async throws -> String?
    /// The company whose IP range holds the address (the narrowest when ranges nest).
    func company(ip: IPAddress) async throws -> String?
    /// Writes the batch's alert evaluation to the outbox, in the batch's transaction.
    func enqueueAlertEvaluation(companies: Set<String>, activities: [Activity], at: Instant) async throws
}

/// The /t.js tag's publishable keys and the IP-range table.
public protocol CollectorStore: Sendable {
    func siteKeys() async throws -> [(key: String, name: String, active: Bool)]
    func createSiteKey(name: String, key: String, now: Instant) async throws
    func isActiveSiteKey(_ key: String) async throws -> Bool
    /// Revokes (or restores) a site key; false when no such key exists. A revoked key's posts
    /// are refused at once (the collect endpoint asks the store on every post).
    func setSiteKey(_ key: String, active: Bool) async throws -> Bool
    /// Replaces the whole IP-range table in one transaction.
    func replaceIPRanges(_ ranges: [(range: IPAddressRange, cidr: String, companyId: String)]) async throws
    func ipRangeCount() async throws -> Int
}
