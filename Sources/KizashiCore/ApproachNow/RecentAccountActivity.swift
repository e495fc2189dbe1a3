/// One recent activity of a target account with what we know of the person behind it — the
/// raw material of the "approach now" reasons (who, which department, which page).
public struct RecentAccountActivity: Sendable, Equatable {
    public var companyId: String
    public var day: Day
    public var type: ActivityType
    public var contactId: String?
    public var department: String?
    public var role: ContactRole?
    public var contactName: String?
    public var url: String?
    public var topic: String?

    public init(
        companyId: String, day: Day, type: ActivityType, contactId: String?, department: String?, role: ContactRole?,
        contactName: String?, url: String?, topic: String?
    ) {
        self.companyId = companyId
        self.day = day
        self.type = type
        self.contactId = contactId
        self.department = department
        self.role = role
        self.contactName = contactName
        self.url = url
        self.topic = topic
    }

    /// A visit to a pricing page (`/pricing`, `/price`, `料金`, `価格`): the strongest web signal.
    public var isPricingVisit: Bool {
        guard type == .webVisit, let u = url?.lowercased() else { return false }
        return u.contains("pricing") || u.contains("/price") || u.contains("料金") || u.contains("価格")
    }

    /// High-intent actions (issue 4): a form, an event, a pricing page.
    public var isHighIntent: Bool { type == .formSubmit || type == .eventAttend || isPricingVisit }
}
