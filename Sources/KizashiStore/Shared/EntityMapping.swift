import KizashiCore

/// Column lists, bind values and row decoding of every entity table, for both backends: one
/// mapping, so they cannot disagree on how a field is stored or read back.
enum EntityMapping {
    static let companies = UpsertSpec(
        table: "companies",
        columns: [
            "company_id", "name", "corporate_number", "domain", "industry", "employees", "annual_revenue", "country",
            "region", "updated_on", "verified_on",
        ],
        conflict: ["company_id"])
    static func binds(_ c: Company) -> [StoredValue] {
        [
            .text(c.id), .text(c.name), .text(c.corporateNumber), .text(c.domain), .text(c.industry),
            .text(c.employees),
            .text(c.annualRevenue), .text(c.country), .text(c.region), .day(c.updatedOn), .day(c.verifiedOn),
        ]
    }
    static func company(_ r: some StoredRow) throws -> Company {
        Company(
            id: try r.requiredText("company_id"), name: try r.requiredText("name"),
            corporateNumber: r.text("corporate_number"), domain: r.text("domain"), industry: r.text("industry"),
            employees: r.text("employees"), annualRevenue: r.text("annual_revenue"), country: r.text("country"),
            region: r.text("region"), updatedOn: r.day("updated_on"), verifiedOn: r.day("verified_on"))
    }

    static let targets = UpsertSpec(
        table: "targets", columns: ["company_id", "added_on", "tier", "removed_on", "owner"],
        conflict: ["company_id", "added_on"])
    static func binds(_ t: TargetMembership) -> [StoredValue] {
        [.text(t.companyId), .day(t.addedOn), .integer(t.tier.rawValue), .day(t.removedOn), .text(t.owner)]
    }
    static func target(_ r: some StoredRow) throws -> TargetMembership {
        guard let tier = r.int("tier").flatMap(Tier.init(rawValue:)) else {
            throw StoreError("stored target has a bad tier")
        }
        return TargetMembership(
            companyId: try r.requiredText("company_id"), tier: tier, addedOn: try r.requiredDay("added_on"),
            removedOn: r.day("removed_on"), owner: r.text("owner"))
    }

    static let contacts = UpsertSpec(
        table: "contacts",
        columns: ["contact_id", "company_id", "name", "email", "department", "title", "role", "phone", "updated_on"],
        conflict: ["contact_id"])
    static func binds(_ c: Contact) -> [StoredValue] {
        [
            .text(c.id), .text(c.companyId), .text(c.name), .text(c.email), .text(c.department), .text(c.title),
            .text(c.role?.rawValue), .text(c.phone), .day(c.updatedOn),
        ]
    }
    static func contact(_ r: some StoredRow) throws -> Contact {
        Contact(
            id: try r.requiredText("contact_id"), companyId: try r.requiredText("company_id"), name: r.text("name"),
            email: r.text("email"), department: r.text("department"), title: r.text("title"),
            role: r.text("role").flatMap(ContactRole.init(rawValue:)), phone: r.text("phone"),
            updatedOn: r.day("updated_on"))
    }

    static let activities = UpsertSpec(
        table: "activities",
        columns: [
            "activity_id", "occurred_at", "type", "company_id", "contact_id", "campaign_id", "url", "topic", "day",
            "account_key",
        ],
        conflict: ["activity_id"])
    /// An activity's values in `activities.columns` order.
    static func bind(_ a: borrowing Activity, day: Day, accountKey: Int64, into row: inout some StoredRowSink) {
        row.text(a.id)
        row.integer(a.occurredAt.millisecondsSinceEpoch)
        row.text(a.type.rawValue)
        row.text(a.companyId)
        row.text(a.contactId)
        row.text(a.campaignId)
        row.text(a.url)
        row.text(a.topic)
        row.integer(Int64(day.daysSinceEpoch))
        row.integer(accountKey)
    }
    static func binds(_ a: Activity, day: Day, accountKey: Int64) -> [StoredValue] {
        var row: [StoredValue] = []
        row.reserveCapacity(activities.columns.count)
        bind(a, day: day, accountKey: accountKey, into: &row)
        return row
    }
    static func activity(_ r: some StoredRow) throws -> Activity {
        Activity(
            id: try r.requiredText("activity_id"), occurredAt: try r.requiredInstant("occurred_at"),
            type: try r.requiredEnum("type", as: ActivityType.self), companyId: r.text("company_id"),
            contactId: r.text("contact_id"), campaignId: r.text("campaign_id"), url: r.text("url"),
            topic: r.text("topic"))
    }

    /// A company's duplicate-detection keys (migration 2); a key already there is left alone.
    static let matchKeys = UpsertSpec(
        table: "company_match_keys", columns: ["kind", "key", "company_key"],
        conflict: ["kind", "key", "company_key"])

    static let intent = UpsertSpec(
        table: "intent", columns: ["signal_id", "company_id", "observed_on", "topic", "kind", "score", "source"],
        conflict: ["signal_id"])
    /// An intent signal's values in `intent.columns` order.
    static func bind(_ s: IntentSignal, into row: inout some StoredRowSink) {
        row.text(s.id)
        row.text(s.companyId)
        row.day(s.observedOn)
        row.text(s.topic)
        row.text(s.kind.rawValue)
        row.integer(Int64(s.score))
        row.text(s.source)
    }
    static func binds(_ s: IntentSignal) -> [StoredValue] {
        var row: [StoredValue] = []
        row.reserveCapacity(intent.columns.count)
        bind(s, into: &row)
        return row
    }
    static func intentSignal(_ r: some StoredRow) throws -> IntentSignal {
        IntentSignal(
            id: try r.requiredText("signal_id"), companyId: try r.requiredText("company_id"),
            observedOn: try r.requiredDay("observed_on"), topic: try r.requiredText("topic"),
            kind: try r.requiredEnum("kind", as: IntentKind.self), score: r.int("score") ?? 0, source: r.text("source"))
    }

    static let leadStages = UpsertSpec(
        table: "lead_stages", columns: ["contact_id", "stage", "reached_at"],
        conflict: ["contact_id", "stage", "reached_at"])
    static func binds(_ l: LeadStageTransition) -> [StoredValue] {
        [.text(l.contactId), .text(l.stage.rawValue), .instant(l.reachedAt)]
    }
    static func leadStage(_ r: some StoredRow) throws -> LeadStageTransition {
        LeadStageTransition(
            contactId: try r.requiredText("contact_id"), stage: try r.requiredEnum("stage", as: LeadStage.self),
            reachedAt: try r.requiredInstant("reached_at"))
    }

    static let meetings = UpsertSpec(
        table: "meetings", columns: ["meeting_id", "company_id", "contact_id", "held_at", "kind"],
        conflict: ["meeting_id"])
    static func binds(_ m: Meeting) -> [StoredValue] {
        [.text(m.id), .text(m.companyId), .text(m.contactId), .instant(m.heldAt), .text(m.kind?.rawValue)]
    }
    static func meeting(_ r: some StoredRow) throws -> Meeting {
        Meeting(
            id: try r.requiredText("meeting_id"), companyId: try r.requiredText("company_id"),
            contactId: r.text("contact_id"),
            heldAt: try r.requiredInstant("held_at"), kind: r.text("kind").flatMap(MeetingKind.init(rawValue:)))
    }

    static let opportunities = UpsertSpec(
        table: "opportunities",
        columns: [
            "opportunity_id", "company_id", "name", "created_on", "amount", "term_months", "status", "closed_on",
            "stage",
            "source",
        ],
        conflict: ["opportunity_id"])
    static func binds(_ o: Opportunity) -> [StoredValue] {
        [
            .text(o.id), .text(o.companyId), .text(o.name), .day(o.createdOn), o.amount.map(StoredValue.float) ?? .null,
            .int(o.termMonths),
            .text(o.status.rawValue), .day(o.closedOn), .text(o.stage), .text(o.source),
        ]
    }
    static func opportunity(_ r: some StoredRow) throws -> Opportunity {
        Opportunity(
            id: try r.requiredText("opportunity_id"), companyId: try r.requiredText("company_id"), name: r.text("name"),
            createdOn: try r.requiredDay("created_on"), amount: r.double("amount"),
            termMonths: r.int("term_months"),
            status: try r.requiredEnum("status", as: OpportunityStatus.self), closedOn: r.day("closed_on"),
            stage: r.text("stage"), source: r.text("source"))
    }

    static let contracts = UpsertSpec(
        table: "contracts", columns: ["contract_id", "company_id", "start_on", "end_on", "annual_value"],
        conflict: ["contract_id"])
    static func binds(_ c: Contract) -> [StoredValue] {
        [.text(c.id), .text(c.companyId), .day(c.startOn), .day(c.endOn), .float(c.annualValue)]
    }
    static func contract(_ r: some StoredRow) throws -> Contract {
        Contract(
            id: try r.requiredText("contract_id"), companyId: try r.requiredText("company_id"),
            startOn: try r.requiredDay("start_on"), endOn: r.day("end_on"), annualValue: r.double("annual_value") ?? 0)
    }

    static let campaigns = UpsertSpec(
        table: "campaigns", columns: ["campaign_id", "name", "channel", "start_on", "end_on", "cost", "abm"],
        conflict: ["campaign_id"])
    static func binds(_ c: Campaign) -> [StoredValue] {
        [
            .text(c.id), .text(c.name), .text(c.channel), .day(c.startOn), .day(c.endOn), .float(c.cost),
            .integer(c.abm ? 1 : 0),
        ]
    }
    static func campaign(_ r: some StoredRow) throws -> Campaign {
        Campaign(
            id: try r.requiredText("campaign_id"), name: try r.requiredText("name"), channel: r.text("channel"),
            startOn: try r.requiredDay("start_on"), endOn: try r.requiredDay("end_on"), cost: r.double("cost") ?? 0,
            abm: (r.int("abm") ?? 0) != 0)
    }
}
