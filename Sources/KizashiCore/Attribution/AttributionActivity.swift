/// One activity as attribution reads it: only what attribution.md §Touches uses, with the
/// account already resolved (its `company_id`, else its contact's), so a store can hand over
/// exactly the columns it keeps and the engine never needs the contacts.
public struct AttributionActivity: Sendable, Equatable {
    public var id: String
    public var occurredAt: Instant
    public var type: ActivityType
    /// The account's company_id; activities without one are not touches and need not be passed.
    public var account: String
    public var campaignId: String?

    public init(id: String, occurredAt: Instant, type: ActivityType, account: String, campaignId: String?) {
        self.id = id
        self.occurredAt = occurredAt
        self.type = type
        self.account = account
        self.campaignId = campaignId
    }

    /// From a stored activity: nil when it has no account (data-format.md §activities.csv).
    public init?(_ a: Activity, contactCompany: [String: String]) {
        guard let account = a.companyId ?? a.contactId.flatMap({ contactCompany[$0] }) else { return nil }
        self.init(id: a.id, occurredAt: a.occurredAt, type: a.type, account: account, campaignId: a.campaignId)
    }
}
