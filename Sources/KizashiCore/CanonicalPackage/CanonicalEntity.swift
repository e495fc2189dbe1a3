/// The entities of the canonical data package (data-format.md §Files): file names, columns in
/// spec order, and which are required (`*`).
public enum CanonicalEntity: String, CaseIterable, Sendable {
    case companies, targets, contacts, activities, intent
    case leadStages = "lead_stages"
    case meetings, opportunities, contracts, campaigns

    public var fileName: String { rawValue + ".csv" }

    /// Companies first, then what refers to them, so references resolve within one import.
    public static let importOrder: [CanonicalEntity] = [
        .companies, .campaigns, .targets, .contacts, .activities, .intent, .leadStages, .meetings, .opportunities,
        .contracts,
    ]

    /// The entity's columns in spec order.
    public var columns: [String] { columnKeys.map(\.name) }

    /// The columns marked required (`*`).
    public var requiredColumns: [String] { requiredColumnKeys.map(\.name) }

    public var columnKeys: [CanonicalColumn] {
        switch self {
        case .companies:
            [
                .companyId, .name, .corporateNumber, .domain, .industry, .employees, .annualRevenue, .country,
                .region, .updatedOn, .verifiedOn,
            ]
        case .targets: [.companyId, .tier, .addedOn, .removedOn, .owner]
        case .contacts: [.contactId, .companyId, .name, .email, .department, .title, .role, .phone, .updatedOn]
        case .activities: [.activityId, .occurredAt, .type, .companyId, .contactId, .campaignId, .url, .topic]
        case .intent: [.signalId, .companyId, .observedOn, .topic, .kind, .score, .source]
        case .leadStages: [.contactId, .stage, .reachedAt]
        case .meetings: [.meetingId, .companyId, .contactId, .heldAt, .kind]
        case .opportunities:
            [
                .opportunityId, .companyId, .name, .createdOn, .amount, .termMonths, .status, .closedOn, .stage,
                .source,
            ]
        case .contracts: [.contractId, .companyId, .startOn, .endOn, .annualValue]
        case .campaigns: [.campaignId, .name, .channel, .startOn, .endOn, .cost, .abm]
        }
    }

    public var requiredColumnKeys: [CanonicalColumn] {
        switch self {
        case .companies: [.companyId, .name]
        case .targets: [.companyId, .tier, .addedOn]
        case .contacts: [.contactId, .companyId]
        case .activities: [.activityId, .occurredAt, .type]
        case .intent: [.signalId, .companyId, .observedOn, .topic, .kind, .score]
        case .leadStages: [.contactId, .stage, .reachedAt]
        case .meetings: [.meetingId, .companyId, .heldAt]
        case .opportunities: [.opportunityId, .companyId, .createdOn, .status]
        case .contracts: [.contractId, .companyId, .startOn, .annualValue]
        case .campaigns: [.campaignId, .name, .startOn, .endOn, .cost]
        }
    }
}

/// One parsed row of any canonical entity.
public enum CanonicalRecord: Sendable, Equatable {
    case company(Company)
    case target(TargetMembership)
    case contact(Contact)
    case activity(Activity)
    case intent(IntentSignal)
    case leadStage(LeadStageTransition)
    case meeting(Meeting)
    case opportunity(Opportunity)
    case contract(Contract)
    case campaign(Campaign)
}

extension CanonicalEntity {
    /// The entity a mistyped name most likely means (`target` → `targets`, `opportunity` →
    /// `opportunities`, `lead-stages` → `lead_stages`), for the error that refuses it.
    public static func suggestion(for name: String) -> CanonicalEntity? {
        let n = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        for candidate in [n, n + "s", n + "es", String(n.dropLast()) + "ies", String(n.dropLast(3)) + "y"] {
            if let e = CanonicalEntity(rawValue: candidate) { return e }
        }
        return allCases.first { $0.rawValue.hasPrefix(n) && n.count >= 4 }
    }
}
