import KizashiCore
import KizashiStore

/// Accepted rows waiting to be written, grouped by entity.
struct CanonicalBatch: Sendable {
    private(set) var count = 0
    private var companies: [Company] = []
    private var targets: [TargetMembership] = []
    private var contacts: [Contact] = []
    private var activities: [Activity] = []
    private var intent: [IntentSignal] = []
    private var leadStages: [LeadStageTransition] = []
    private var meetings: [Meeting] = []
    private var opportunities: [Opportunity] = []
    private var contracts: [Contract] = []
    private var campaigns: [Campaign] = []

    /// The activity rows waiting (`ImportedActivityLog`).
    var activityRows: [Activity] { activities }

    mutating func append(_ record: CanonicalRecord) {
        count += 1
        switch record {
        case .company(let x): companies.append(x)
        case .target(let x): targets.append(x)
        case .contact(let x): contacts.append(x)
        case .activity(let x): activities.append(x)
        case .intent(let x): intent.append(x)
        case .leadStage(let x): leadStages.append(x)
        case .meeting(let x): meetings.append(x)
        case .opportunity(let x): opportunities.append(x)
        case .contract(let x): contracts.append(x)
        case .campaign(let x): campaigns.append(x)
        }
    }

    /// Empties the batch. `keepingCapacity`: for a batch that is filled again (PackageImporter
    /// reuses the written one), so its arrays do not regrow from nothing on fresh pages.
    mutating func removeAll(keepingCapacity: Bool = false) {
        guard keepingCapacity else {
            self = CanonicalBatch()
            return
        }
        count = 0
        companies.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
        contacts.removeAll(keepingCapacity: true)
        activities.removeAll(keepingCapacity: true)
        intent.removeAll(keepingCapacity: true)
        leadStages.removeAll(keepingCapacity: true)
        meetings.removeAll(keepingCapacity: true)
        opportunities.removeAll(keepingCapacity: true)
        contracts.removeAll(keepingCapacity: true)
        campaigns.removeAll(keepingCapacity: true)
    }

    /// Writes in import order (companies before what refers to them) and empties the batch,
    /// keeping its capacity.
    mutating func write(to tx: any WorkspaceTransaction) async throws {
        guard count > 0 else { return }
        if !companies.isEmpty { try await tx.upsert(companies: companies) }
        if !targets.isEmpty { try await tx.upsert(targets: targets) }
        if !contacts.isEmpty { try await tx.upsert(contacts: contacts) }
        if !activities.isEmpty { try await tx.upsert(activities: activities) }
        if !intent.isEmpty { try await tx.upsert(intent: intent) }
        if !leadStages.isEmpty { try await tx.upsert(leadStages: leadStages) }
        if !meetings.isEmpty { try await tx.upsert(meetings: meetings) }
        if !opportunities.isEmpty { try await tx.upsert(opportunities: opportunities) }
        if !contracts.isEmpty { try await tx.upsert(contracts: contracts) }
        if !campaigns.isEmpty { try await tx.upsert(campaigns: campaigns) }
        removeAll(keepingCapacity: true)
    }
}

/// data-format.md: "A row that names a company_id or contact_id that exists neither in the
/// workspace nor in the same import is a bad row."
enum ReferenceCheck {
    static func issue(
        for value: CanonicalRecord, line: Int, fields: () -> [String], companies: KnownIDs,
        contacts: KnownIDs
    ) -> RejectedCanonicalRow? {
        func unknown(_ column: String, _ id: String?, in known: KnownIDs) -> RejectedCanonicalRow? {
            guard let id, !known.contains(id) else { return nil }
            return RejectedCanonicalRow(
                line: line, column: column, value: id,
                reason: "unknown \(column) \(id): not in the workspace nor in this import", fields: fields())
        }
        func company(_ id: String?) -> RejectedCanonicalRow? { unknown("company_id", id, in: companies) }
        func contact(_ id: String?) -> RejectedCanonicalRow? { unknown("contact_id", id, in: contacts) }
        switch value {
        case .company, .campaign: return nil
        case .target(let x): return company(x.companyId)
        case .contact(let x): return company(x.companyId)
        case .activity(let x): return company(x.companyId) ?? contact(x.contactId)
        case .intent(let x): return company(x.companyId)
        case .leadStage(let x): return contact(x.contactId)
        case .meeting(let x): return company(x.companyId) ?? contact(x.contactId)
        case .opportunity(let x): return company(x.companyId)
        case .contract(let x): return company(x.companyId)
        }
    }
}
