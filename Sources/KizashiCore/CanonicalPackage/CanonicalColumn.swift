/// Every column name of the canonical data package (data-format.md §Files), across entities.
///
/// Why an enum and not the names themselves: the row parser reads a field by the column's
/// ordinal in a per-file table of header positions. Looking a `String` up in a dictionary, eight
/// times per activity row, was a visible part of a large import.
public enum CanonicalColumn: Int, CaseIterable, Sendable {
    case companyId, name, corporateNumber, domain, industry, employees, annualRevenue, country, region
    case updatedOn, verifiedOn
    case tier, addedOn, removedOn, owner
    case contactId, email, department, title, role, phone
    case activityId, occurredAt, type, campaignId, url, topic
    case signalId, observedOn, kind, score, source
    case stage, reachedAt
    case meetingId, heldAt
    case opportunityId, createdOn, amount, termMonths, status, closedOn
    case contractId, startOn, endOn, annualValue
    case channel, cost, abm

    /// The name in a file's header, as data-format.md spells it.
    public var name: String {
        switch self {
        case .companyId: "company_id"
        case .name: "name"
        case .corporateNumber: "corporate_number"
        case .domain: "domain"
        case .industry: "industry"
        case .employees: "employees"
        case .annualRevenue: "annual_revenue"
        case .country: "country"
        case .region: "region"
        case .updatedOn: "updated_on"
        case .verifiedOn: "verified_on"
        case .tier: "tier"
        case .addedOn: "added_on"
        case .removedOn: "removed_on"
        case .owner: "owner"
        case .contactId: "contact_id"
        case .email: "email"
        case .department: "department"
        case .title: "title"
        case .role: "role"
        case .phone: "phone"
        case .activityId: "activity_id"
        case .occurredAt: "occurred_at"
        case .type: "type"
        case .campaignId: "campaign_id"
        case .url: "url"
        case .topic: "topic"
        case .signalId: "signal_id"
        case .observedOn: "observed_on"
        case .kind: "kind"
        case .score: "score"
        case .source: "source"
        case .stage: "stage"
        case .reachedAt: "reached_at"
        case .meetingId: "meeting_id"
        case .heldAt: "held_at"
        case .opportunityId: "opportunity_id"
        case .createdOn: "created_on"
        case .amount: "amount"
        case .termMonths: "term_months"
        case .status: "status"
        case .closedOn: "closed_on"
        case .contractId: "contract_id"
        case .startOn: "start_on"
        case .endOn: "end_on"
        case .annualValue: "annual_value"
        case .channel: "channel"
        case .cost: "cost"
        case .abm: "abm"
        }
    }
}
