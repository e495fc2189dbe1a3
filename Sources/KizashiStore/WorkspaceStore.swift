import KizashiCore

/// Where a workspace lives, and everything the rest of Kizashi may ask of it.
///
/// One protocol, several backends (SQLite now, PostgreSQL later): the CLI, the server and the
/// importers only talk to this, and one contract suite (Tests/KizashiStoreTests) runs against
/// every backend, so they cannot drift apart. Every KPI is computed in KizashiCore from the
/// `KPIDataset` a store returns, never in SQL, so all backends give the same numbers.
public protocol WorkspaceStore: Sendable, WorkspaceSnapshotting {
    /// Runs `body` in one transaction: when it throws (or the process dies), nothing it wrote remains.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T) async throws
        -> T
    /// A transaction whose rows' references the caller has checked itself, row by row, against the
    /// workspace and the rows it writes (the importer's `ReferenceCheck` does, with a row-level
    /// error): the store may then skip its own foreign-key probes, which cost an index search per
    /// reference — two per activity, a fifth of a bulk load's write time.
    func transaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T
    ) async throws -> T

    // MARK: Settings, ICP and KPI goals

    /// Raw workspace settings (see `ScoringParameters(settings:)` for the keys).
    func settings() async throws -> [String: String]
    func icp() async throws -> IdealCustomerProfile?
    func goals() async throws -> [KPIGoal]

    // MARK: What the KPI engine and the importers read

    /// Everything the KPI engine needs to compute `requirements.periods`.
    func kpiDataset(_ requirements: KPIDataRequirements) async throws -> KPIDataset
    /// company_id of every company (reference checks at import).
    func companyIds() async throws -> Set<String>
    /// contact_id → company_id of every contact (reference checks; activity account resolution).
    func contactCompanies() async throws -> [String: String]
    /// Row count of each entity, keyed by `StoredEntity`.
    func counts() async throws -> [StoredEntity: Int]

    // MARK: Reading whole entities back (export), in ID order, page by page

    func companies(after: String?, limit: Int) async throws -> [Company]
    func targets() async throws -> [TargetMembership]
    func contacts(after: String?, limit: Int) async throws -> [Contact]
    func activities(after: String?, limit: Int) async throws -> [Activity]
    func intent(after: String?, limit: Int) async throws -> [IntentSignal]
    func leadStages() async throws -> [LeadStageTransition]
    func meetings() async throws -> [Meeting]
    func opportunities() async throws -> [Opportunity]
    func contracts() async throws -> [Contract]
    func campaigns() async throws -> [Campaign]

    /// The merge log of `kizashi merge` (newest first): what each merge moved, as JSON, so it can be undone.
    func merges() async throws -> [MergeLogEntry]

    func close() async throws
}

/// One `kizashi merge`: its number, when, and the JSON record of what moved (`CompanyMerge`).
public struct MergeLogEntry: Sendable, Equatable {
    public var id: Int64
    public var mergedAt: Instant
    public var record: String
    public init(id: Int64, mergedAt: Instant, record: String) {
        self.id = id
        self.mergedAt = mergedAt
        self.record = record
    }
}

/// The writes of one transaction. Upserts replace a row whose ID exists (data-format.md:
/// "Importing a row whose ID already exists replaces that row").
public protocol WorkspaceTransaction: Sendable {
    func upsert(companies: [Company]) async throws
    func upsert(targets: [TargetMembership]) async throws
    func upsert(contacts: [Contact]) async throws
    /// The store resolves each activity's account (company_id, else the contact's company) and
    /// keeps its daily roll-up exact.
    func upsert(activities: [Activity]) async throws
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
    func removeMerge(id: Int64) async throws
    /// Rows of a table `kizashi copy` moves as they are (`PortableTable`); `replace` replaces a
    /// row with the same key instead of failing.
    func insert(portable table: PortableTable, rows: [PortableRow], replace: Bool) async throws
}

/// The stored entities, for counts and messages.
public enum StoredEntity: String, CaseIterable, Sendable {
    case companies, targets, contacts, activities, intent
    case leadStages = "lead_stages"
    case meetings, opportunities, contracts, campaigns
}

/// A store failure a user can act on.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension WorkspaceStore {
    /// Stores whose reference checks are cheap (PostgreSQL's, done by the server beside the COPY)
    /// keep them.
    public func transaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T
    ) async throws -> T {
        try await transaction(body)
    }
}
