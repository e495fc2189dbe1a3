import KizashiCore

/// The writes of one transaction. Upserts replace a row whose ID exists (data-format.md:
/// "Importing a row whose ID already exists replaces that row"). The event API's writes
/// (`EventWriting`) are part of it, so an event batch is one transaction like an import.
public protocol WorkspaceTransaction: EventWriting {
    func upsert(companies: [Company]) async throws
    func upsert(targets: [TargetMembership]) async throws
    func upsert(contacts: [Contact]) async throws
    /// The store resolves each activity's account (company_id, else the contact's company) and
    /// keeps its daily roll-up exact.
    func upsert(activities: [Activity]) async throws
    /// The stored activities this transaction's activity upserts replaced so far, so an import
    /// can tell the server's read model which of its rows are new (`ActivityReplacements`).
    var activityReplacements: ActivityReplacements { get async }
    func upsert(intent: [IntentSignal]) async throws
    func upsert(leadStages: [LeadStageTransition]) async throws
    func upsert(meetings: [Meeting]) async throws
    func upsert(opportunities: [Opportunity]) async throws
    func upsert(contracts: [Contract]) async throws
    func upsert(campaigns: [Campaign]) async throws

    func setSetting(_ key: String, to value: String?) async throws
    func setICP(_ icp: IdealCustomerProfile?) async throws
    func setGoal(_ goal: KPIGoal) async throws
    func removeGoal(kpi: String, period: KPIPeriod, tier: Tier?) async throws
    /// Recomputes the activity roll-ups from the raw activities (after a time-zone change).
    func rebuildActivityRollups() async throws

    /// Deletes a company that nothing refers to any more (after a merge moved its rows), with its
    /// target memberships and match keys. Fails if contacts, activities or deals still refer to it.
    func deleteCompany(id: String) async throws
    /// Deletes one target membership (a merge moves memberships to the kept company).
    func deleteTarget(companyId: String, addedOn: Day) async throws
    func appendMerge(record: String, at: Instant) async throws -> Int64
    /// The CRM records 名寄せ matched to a company (`crm_record_links`): a merge moves them to the
    /// kept company, so the write-back keeps updating those CRM records.
    func crmRecordLinks(companyId: String) async throws -> [CRMRecordLink]
    /// Points each CRM record at `companyId` (nil: forgets the link), replacing an earlier link.
    func setCRMRecordLinks(_ links: [CRMRecordLink], to companyId: String?, at: Instant) async throws
    func removeMerge(id: Int64) async throws
    /// A segment refresh (`SegmentStore.recordSegmentRefresh`) in this transaction, so a feeding
    /// segment's target changes and its stays are stored together; `fed`: the entered accounts
    /// the refresh added to the target list.
    func recordSegmentRefresh(segmentId: Int64, on day: Day, entered: [String], left: [String], fed: Set<String>)
        async throws
    /// Rows of a table `kizashi copy` moves as they are (`PortableTable`); `replace` replaces a
    /// row with the same key instead of failing.
    func insert(portable table: PortableTable, rows: [PortableRow], replace: Bool) async throws
}
