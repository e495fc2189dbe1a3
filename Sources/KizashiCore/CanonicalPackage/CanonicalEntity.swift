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

    public var columns: [String] {
        switch self {
        case .companies:
            [
                "company_id", "name", "corporate_number", "domain", "industry", "employees", "annual_revenue",
                "country",
                "region", "updated_on", "verified_on",
            ]
        case .targets: ["company_id", "tier", "added_on", "removed_on", "owner"]
        case .contacts:
            ["contact_id", "company_id", "name", "email", "department", "title", "role", "phone", "updated_on"]
        case .activities:
            ["activity_id", "occurred_at", "type", "company_id", "contact_id", "campaign_id", "url", "topic"]
        case .intent: ["signal_id", "company_id", "observed_on", "topic", "kind", "score", "source"]
        case .leadStages: ["contact_id", "stage", "reached_at"]
        case .meetings: ["meeting_id", "company_id", "contact_id", "held_at", "kind"]
        case .opportunities:
            [
                "opportunity_id", "company_id", "name", "created_on", "amount", "term_months", "status", "closed_on",
                "stage",
                "source",
            ]
        case .contracts: ["contract_id", "company_id", "start_on", "end_on", "annual_value"]
        case .campaigns: ["campaign_id", "name", "channel", "start_on", "end_on", "cost", "abm"]
        }
    }

    public var requiredColumns: [String] {
        switch self {
        case .companies: ["company_id", "name"]
        case .targets: ["company_id", "tier", "added_on"]
        case .contacts: ["contact_id", "company_id"]
        case .activities: ["activity_id", "occurred_at", "type"]
        case .intent: ["signal_id", "company_id", "observed_on", "topic", "kind", "score"]
        case .leadStages: ["contact_id", "stage", "reached_at"]
        case .meetings: ["meeting_id", "company_id", "held_at"]
        case .opportunities: ["opportunity_id", "company_id", "created_on", "amount", "status"]
        case .contracts: ["contract_id", "company_id", "start_on", "annual_value"]
        case .campaigns: ["campaign_id", "name", "start_on", "end_on", "cost"]
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
