/// The canonical entities of the workspace data package (data-format.md §Files).
///
/// Optional text fields are `nil` when the CSV field was empty (after trimming). `employees` and
/// `annual_revenue` stay text on purpose: kpis.md judges them (validity: "ASCII digits only";
/// ICP: "a numeric criterion on a value that is not a number: the company does not satisfy it"),
/// so a non-numeric value is data to measure, not a row to reject.

/// companies.csv — the company universe.
public struct Company: Sendable, Equatable {
    public var id: String
    public var name: String
    public var corporateNumber: String?
    public var domain: String?
    public var industry: String?
    public var employees: String?
    public var annualRevenue: String?
    public var country: String?
    public var region: String?
    public var updatedOn: Day?
    public var verifiedOn: Day?

    public init(
        id: String, name: String, corporateNumber: String? = nil, domain: String? = nil, industry: String? = nil,
        employees: String? = nil, annualRevenue: String? = nil, country: String? = nil, region: String? = nil,
        updatedOn: Day? = nil, verifiedOn: Day? = nil
    ) {
        self.id = id
        self.name = name
        self.corporateNumber = corporateNumber
        self.domain = domain
        self.industry = industry
        self.employees = employees
        self.annualRevenue = annualRevenue
        self.country = country
        self.region = region
        self.updatedOn = updatedOn
        self.verifiedOn = verifiedOn
    }
}

/// targets.csv — one stay of a company on the target account list. ID = company_id + added_on.
public struct TargetMembership: Sendable, Equatable {
    public var companyId: String
    public var tier: Tier
    public var addedOn: Day
    public var removedOn: Day?
    public var owner: String?

    public init(companyId: String, tier: Tier, addedOn: Day, removedOn: Day? = nil, owner: String? = nil) {
        self.companyId = companyId
        self.tier = tier
        self.addedOn = addedOn
        self.removedOn = removedOn
        self.owner = owner
    }

    /// kpis.md §Period: active on `d` when `added_on ≤ d` and (`removed_on` empty or `removed_on > d`).
    public func isActive(on d: Day) -> Bool { addedOn <= d && (removedOn.map { $0 > d } ?? true) }
}

/// contacts.csv
public struct Contact: Sendable, Equatable {
    public var id: String
    public var companyId: String
    public var name: String?
    public var email: String?
    public var department: String?
    public var title: String?
    public var role: ContactRole?
    public var phone: String?
    public var updatedOn: Day?

    public init(
        id: String, companyId: String, name: String? = nil, email: String? = nil, department: String? = nil,
        title: String? = nil, role: ContactRole? = nil, phone: String? = nil, updatedOn: Day? = nil
    ) {
        self.id = id
        self.companyId = companyId
        self.name = name
        self.email = email
        self.department = department
        self.title = title
        self.role = role
        self.phone = phone
        self.updatedOn = updatedOn
    }
}

/// activities.csv — a marketing touch.
public struct Activity: Sendable, Equatable {
    public var id: String
    public var occurredAt: Instant
    public var type: ActivityType
    public var companyId: String?
    public var contactId: String?
    public var campaignId: String?
    public var url: String?
    public var topic: String?

    public init(
        id: String, occurredAt: Instant, type: ActivityType, companyId: String? = nil, contactId: String? = nil,
        campaignId: String? = nil, url: String? = nil, topic: String? = nil
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.type = type
        self.companyId = companyId
        self.contactId = contactId
        self.campaignId = campaignId
        self.url = url
        self.topic = topic
    }
}

/// intent.csv — an intent signal.
public struct IntentSignal: Sendable, Equatable {
    public var id: String
    public var companyId: String
    public var observedOn: Day
    public var topic: String
    public var kind: IntentKind
    /// 0–100.
    public var score: Int
    public var source: String?

    public init(
        id: String, companyId: String, observedOn: Day, topic: String, kind: IntentKind, score: Int,
        source: String? = nil
    ) {
        self.id = id
        self.companyId = companyId
        self.observedOn = observedOn
        self.topic = topic
        self.kind = kind
        self.score = score
        self.source = source
    }
}

/// lead_stages.csv — ID = contact_id + stage + reached_at.
public struct LeadStageTransition: Sendable, Equatable {
    public var contactId: String
    public var stage: LeadStage
    public var reachedAt: Instant

    public init(contactId: String, stage: LeadStage, reachedAt: Instant) {
        self.contactId = contactId
        self.stage = stage
        self.reachedAt = reachedAt
    }
}

/// meetings.csv
public struct Meeting: Sendable, Equatable {
    public var id: String
    public var companyId: String
    public var contactId: String?
    public var heldAt: Instant
    public var kind: MeetingKind?

    public init(id: String, companyId: String, contactId: String? = nil, heldAt: Instant, kind: MeetingKind? = nil) {
        self.id = id
        self.companyId = companyId
        self.contactId = contactId
        self.heldAt = heldAt
        self.kind = kind
    }
}

/// opportunities.csv (商談)
public struct Opportunity: Sendable, Equatable {
    public var id: String
    public var companyId: String
    public var name: String?
    public var createdOn: Day
    /// Total contract value, in the workspace currency; nil only for an `open` deal whose value is
    /// not known yet (data-format.md: it counts in every count and adds 0 to every sum).
    public var amount: Double?
    /// Contract length; nil = 12 (data-format.md).
    public var termMonths: Int?
    public var status: OpportunityStatus
    public var closedOn: Day?
    public var stage: String?
    public var source: String?

    public init(
        id: String, companyId: String, name: String? = nil, createdOn: Day, amount: Double?, termMonths: Int? = nil,
        status: OpportunityStatus, closedOn: Day? = nil, stage: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.companyId = companyId
        self.name = name
        self.createdOn = createdOn
        self.amount = amount
        self.termMonths = termMonths
        self.status = status
        self.closedOn = closedOn
        self.stage = stage
        self.source = source
    }

    /// What the deal adds to a sum of amounts: its amount, or 0 while an open deal has none
    /// (data-format.md, opportunities; kpis.md sums `amount`).
    public var summedAmount: Double { amount ?? 0 }
}

/// contracts.csv — for LTV.
public struct Contract: Sendable, Equatable {
    public var id: String
    public var companyId: String
    public var startOn: Day
    public var endOn: Day?
    public var annualValue: Double

    public init(id: String, companyId: String, startOn: Day, endOn: Day? = nil, annualValue: Double) {
        self.id = id
        self.companyId = companyId
        self.startOn = startOn
        self.endOn = endOn
        self.annualValue = annualValue
    }

    /// data-format.md §contracts.csv: active on d when `start_on ≤ d` and (`end_on` empty or `end_on > d`).
    public func isActive(on d: Day) -> Bool { startOn <= d && (endOn.map { $0 > d } ?? true) }
}

/// campaigns.csv — spend, for ROI.
public struct Campaign: Sendable, Equatable {
    public var id: String
    public var name: String
    public var channel: String?
    /// Inclusive.
    public var startOn: Day
    /// Inclusive.
    public var endOn: Day
    public var cost: Double
    /// Part of the ABM programme. Empty in the CSV = false.
    public var abm: Bool

    public init(
        id: String, name: String, channel: String? = nil, startOn: Day, endOn: Day, cost: Double, abm: Bool
    ) {
        self.id = id
        self.name = name
        self.channel = channel
        self.startOn = startOn
        self.endOn = endOn
        self.cost = cost
        self.abm = abm
    }
}
