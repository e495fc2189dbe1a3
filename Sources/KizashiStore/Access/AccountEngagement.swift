import KizashiCore

/// One account's engaged contacts in a window and its latest activity: what
/// `AccountActivitySummary` counts, with the contacts themselves. The read model keeps these
/// sets, so an event batch or an import of activities is a set union in memory (issue 23: the
/// count statement over the touched accounts' windows was 100–130 ms of the first `/now` after a
/// one-day import on PostgreSQL at medium).
public struct AccountEngagement: Sendable, Equatable {
    /// Contacts with an activity of the account on a local day in the window (kpis.md
    /// §engagement score: `engaged_contacts` is their number).
    public var contacts: Set<String>
    /// The latest activity of the account, at any time.
    public var lastActivity: Instant?

    public init(contacts: Set<String> = [], lastActivity: Instant? = nil) {
        self.contacts = contacts
        self.lastActivity = lastActivity
    }

    public var summary: AccountActivitySummary {
        AccountActivitySummary(engagedContacts: contacts.count, lastActivity: lastActivity)
    }

    /// Adds `activities` to the engagement of the accounts they are counted under. Exact when the
    /// activities are added rows or rows equal to stored ones (an event batch, an import that only
    /// adds activities): a contact enters a set once, the latest only moves forward. `window` and
    /// `timeZone` are the whole read's: an activity counts on its local day, as `day` is stored.
    public static func add(
        _ activities: [Activity], under accounts: ActivityAccounts, window: ClosedRange<Day>,
        timeZone: WorkspaceTimeZone, to engagement: inout [String: AccountEngagement]
    ) {
        for a in activities {
            guard let id = accounts.account(of: a) else { continue }
            var e = engagement[id] ?? AccountEngagement()
            if let contact = a.contactId, window.contains(timeZone.day(of: a.occurredAt)) {
                e.contacts.insert(contact)
            }
            if e.lastActivity.map({ $0 < a.occurredAt }) ?? true { e.lastActivity = a.occurredAt }
            engagement[id] = e
        }
    }
}

/// The account (company ID) that each of some activities is counted under: its company when the
/// row names one, else its contact's (data-format.md §activities.csv), as at import. A company
/// that does not exist gives none (`account_key` −1), nor a contact that does not exist.
public struct ActivityAccounts: Sendable, Equatable {
    /// company_id named by a row → its account, for the companies that count.
    public var companies: [String: String]
    /// contact_id of a row without a company → the contact's account.
    public var contacts: [String: String]

    public init(companies: [String: String] = [:], contacts: [String: String] = [:]) {
        self.companies = companies
        self.contacts = contacts
    }

    public func account(of a: Activity) -> String? {
        if let c = a.companyId { return companies[c] }
        return a.contactId.flatMap { contacts[$0] }
    }
}
