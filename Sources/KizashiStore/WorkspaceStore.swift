import KizashiCore

/// Where a workspace lives, and everything the rest of Kizashi may ask of it.
///
/// One protocol, two backends (SQLite embedded, PostgreSQL shared): the CLI, the server and the
/// services only talk to this, and one contract suite (Tests/KizashiStoreTests) runs against
/// every backend, so they cannot drift apart. It refines one protocol per capability, so a
/// service can ask for only what it uses (`AccessService` takes an `AccessStore`) and a test can
/// hand it a small fake; every backend provides all of them — no caller ever casts.
///
/// Every KPI is computed in KizashiCore from the `KPIDataset` a store returns, never in SQL, so
/// all backends give the same numbers.
public protocol WorkspaceStore: WorkspaceReading, WorkspaceWriting, AccountReading, AccessStore, AlertStore,
    CollectorStore, EventInbox, WorkspaceChangeNotifying, WorkspaceSnapshotting, RankingModelStore,
    ExperimentStore, InitiativeStore, PeriodReviewStore, DigestDeliveryStore, SegmentStore, CRMSyncStore,
    OwnerRouteStore
{
    /// Where the workspace is, for messages: "SQLite PATH" or "PostgreSQL URL" (password hidden).
    var workspaceDescription: String { get }
    /// The newest schema migration applied (every open applies the pending ones).
    func schemaVersion() async throws -> Int
    func close() async throws
}

/// What the KPI engine, the importers and the export read.
public protocol WorkspaceReading: Sendable {
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
    /// Row count of the given entities only (a count of `activities` reads a large table).
    func counts(of entities: [StoredEntity]) async throws -> [StoredEntity: Int]

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

    /// Attribution's touches (attribution.md §Touches): the activities with an account whose
    /// stored local day lies in one of `days` and whose type is one of `types`, each with its
    /// account's company_id. Why a read of its own: the filter runs in the database, so only the
    /// look-back window's touches (six columns) leave it, not every activity of the workspace.
    func touchActivities(days: [ClosedRange<Day>], types: [ActivityType]) async throws -> TouchActivities

    /// The merge log of `kizashi merge` (newest first): what each merge moved, as JSON, so it can be undone.
    func merges() async throws -> [MergeLogEntry]
}

/// Changing a workspace: every write happens inside one transaction.
public protocol WorkspaceWriting: Sendable {
    /// Runs `body` in one transaction: when it throws (or the process dies), nothing it wrote remains.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T) async throws
        -> T
    /// A transaction whose rows' references the caller has checked itself, row by row, against the
    /// workspace and the rows it writes (the importer's `ReferenceCheck` does, with a row-level
    /// error): the store may then skip its own foreign-key probes, which cost an index search per
    /// reference — two per activity, a fifth of a bulk load's write time. A store whose checks
    /// are cheap (PostgreSQL's, done by the server beside the COPY) keeps them.
    func transaction<T: Sendable>(
        referencesChecked: Bool, _ body: @escaping @Sendable (any WorkspaceTransaction) async throws -> T
    ) async throws -> T
}

/// One `kizashi merge`: its number, when, and the JSON record of what moved (`CompanyMerge`).
public struct MergeLogEntry: Sendable, Equatable {
    public var id: Int64
    public var mergedAt: Instant
    public var record: String
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
