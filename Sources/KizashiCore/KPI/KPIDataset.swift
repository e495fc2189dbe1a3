/// Everything the KPI engine reads, as plain values. A store fills it (see `WorkspaceStore`);
/// the engine never sees a database, so every backend yields the same numbers.
///
/// A store may narrow what it loads to what the requested periods need (activity roll-ups from
/// `earliestStart − window` to the latest `L`, intent from `L − 62`, …); the engine only reads
/// rows inside the windows kpis.md defines, so extra rows never change a figure.
public struct KPIDataset: Sendable {
    public var companies: [Company]
    public var targets: [TargetMembership]
    public var icp: IdealCustomerProfile?
    /// At least the contacts of every company that is a target in any requested period.
    public var contacts: [Contact]
    public var activities: ActivityRollup
    /// Intent rows in the windows; a store may leave `source` empty (no KPI reads it).
    public var intent: [IntentSignal]
    /// At least the `sql` transitions in the requested periods.
    public var leadStages: [LeadStageTransition]
    public var meetings: [Meeting]
    public var opportunities: [Opportunity]
    public var contracts: [Contract]
    public var campaigns: [Campaign]
    /// Companies sharing a match key with another (kpis.md §duplicate_rate), when the store keeps
    /// the keys; nil = the engine computes them from `companies`.
    public var duplicateCompanyIds: Set<String>?

    public init(
        companies: [Company] = [], targets: [TargetMembership] = [], icp: IdealCustomerProfile? = nil,
        contacts: [Contact] = [], activities: ActivityRollup = ActivityRollup(), intent: [IntentSignal] = [],
        leadStages: [LeadStageTransition] = [], meetings: [Meeting] = [], opportunities: [Opportunity] = [],
        contracts: [Contract] = [], campaigns: [Campaign] = [], duplicateCompanyIds: Set<String>? = nil
    ) {
        self.companies = companies
        self.targets = targets
        self.icp = icp
        self.contacts = contacts
        self.activities = activities
        self.intent = intent
        self.leadStages = leadStages
        self.meetings = meetings
        self.opportunities = opportunities
        self.contracts = contracts
        self.campaigns = campaigns
        self.duplicateCompanyIds = duplicateCompanyIds
    }
}
