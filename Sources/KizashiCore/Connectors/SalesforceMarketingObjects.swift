import Foundation

/// Salesforce's marketing-side objects — Lead, Campaign, CampaignMember, OpportunityHistory —
/// mapped onto lead stages, campaigns, activities and opportunity close dates (issue 6). Kept
/// apart from `SalesforceMapping` (the account-side objects) because each of these needs a
/// decision Salesforce's data model leaves open; each decision is written where it is made.
extension SalesforceMapping {
    /// A Salesforce datetime (`2024-01-31T09:15:00.000Z`, `…+0000`) as an instant, or a date
    /// (`ConvertedDate`, `FirstRespondedDate`) as the start of that day in the workspace zone.
    public static func instant(_ raw: String?, timeZone: WorkspaceTimeZone) -> Instant? {
        guard let raw = raw?.trimmingASCIIWhitespace(), !raw.isEmpty else { return nil }
        if raw.count == 10, let d = Day(iso: raw) { return timeZone.instant(localDay: d, secondsOfDay: 0) }
        if case .success(let i) = CanonicalField.timestamp(raw, timeZone: timeZone) { return i }
        return nil
    }

    static func isTrue(_ r: Record, _ key: String) -> Bool { value(r, key)?.lowercased() == "true" }

    // MARK: Campaign

    /// Campaign → campaigns. `ActualCost` is the spend ROI needs (`BudgetedCost` is a plan, not a
    /// cost, so it is not used; no ActualCost = 0). Salesforce has no ABM flag: a checkbox
    /// `ABM__c` / `IsABM__c` decides when the export has one, else "ABM" in the name or type.
    public static func campaign(_ r: Record) -> Result<Campaign, EventProblem> {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        guard let name = value(r, "name") else { return .failure(EventProblem("no Name")) }
        guard let startRaw = value(r, "startdate"), let start = Day(iso: String(startRaw.prefix(10))) else {
            return .failure(EventProblem("no StartDate (ROI needs the campaign's dates)"))
        }
        let end = value(r, "enddate").flatMap { Day(iso: String($0.prefix(10))) } ?? start
        guard end >= start else { return .failure(EventProblem("EndDate before StartDate")) }
        let costText = value(r, "actualcost") ?? "0"
        guard let cost = Double(costText), cost.isFinite else {
            return .failure(EventProblem("ActualCost \"\(costText)\" is not a number"))
        }
        guard cost >= 0 else { return .failure(EventProblem("negative ActualCost")) }
        let type = value(r, "type")
        let flag = ["abm__c", "isabm__c", "abm_campaign__c"].compactMap { value(r, $0) }.first
        let abm =
            flag.map { $0.lowercased() == "true" || $0 == "1" }
            ?? ([name, type ?? ""].contains { $0.range(of: "abm", options: .caseInsensitive) != nil })
        return .success(Campaign(id: id, name: name, channel: type, startOn: start, endOn: end, cost: cost, abm: abm))
    }

    // MARK: Lead

    /// A lead as Kizashi needs it: who, where they work (to find the account), and the lifecycle
    /// stages the export shows.
    public struct Lead: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var email: String?
        public var company: String?
        /// `Website`, else the e-mail's domain: what finds the account.
        public var domain: String?
        public var title: String?
        public var phone: String?
        /// Converted leads are people Salesforce already made contacts.
        public var convertedContactId: String?
        public var stages: [(stage: LeadStage, at: Instant)]

        public static func == (a: Lead, b: Lead) -> Bool {
            a.id == b.id && a.name == b.name && a.email == b.email && a.company == b.company && a.domain == b.domain
                && a.convertedContactId == b.convertedContactId && a.stages.map(\.stage) == b.stages.map(\.stage)
                && a.stages.map(\.at) == b.stages.map(\.at)
        }
    }

    /// Lead → stages. Salesforce records no MQL/SQL timestamps as standard, so, in order of trust:
    /// a date field `MQL_Date__c` / `SQL_Date__c` (also without the underscore) when the org has
    /// one; for SQL, the conversion (`IsConverted`, at `ConvertedDate`: converting a lead is sales
    /// accepting it); else a `Status` that names the stage (MQL / Marketing Qualified; SQL / Sales
    /// Qualified / Sales Accepted) at `LastModifiedDate` — the best the export offers, and
    /// documented as an approximation in docs/connectors.md.
    public static func lead(_ r: Record, timeZone: WorkspaceTimeZone) -> Result<Lead, EventProblem> {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        let name =
            value(r, "name") ?? [value(r, "lastname"), value(r, "firstname")].compactMap { $0 }.joined(separator: " ")
        let email = value(r, "email")
        let emailDomain = email.flatMap { e in e.split(separator: "@").last.map(String.init) }
        let domain = (value(r, "website") ?? emailDomain).map(CompanyNameNormalizer.normalizeDomain)
        let status = (value(r, "status") ?? "").lowercased()
        let fallback = instant(value(r, "lastmodifieddate") ?? value(r, "createddate"), timeZone: timeZone)
        func dated(_ keys: [String]) -> Instant? {
            keys.lazy.compactMap { instant(value(r, $0), timeZone: timeZone) }.first
        }
        var stages: [(LeadStage, Instant)] = []
        let converted = isTrue(r, "isconverted")
        if let at = dated(["mql_date__c", "mqldate__c"]) {
            stages.append((.mql, at))
        } else if status.contains("mql") || status.contains("marketing qualified"), let at = fallback {
            stages.append((.mql, at))
        }
        if let at = dated(["sql_date__c", "sqldate__c"]) {
            stages.append((.sql, at))
        } else if converted, let at = instant(value(r, "converteddate"), timeZone: timeZone) {
            stages.append((.sql, at))
        } else if status.contains("sql") || status.contains("sales qualified") || status.contains("sales accepted"),
            let at = fallback
        {
            stages.append((.sql, at))
        }
        return .success(
            Lead(
                id: id, name: name.isEmpty ? nil : name, email: email, company: value(r, "company"),
                domain: domain.flatMap { $0.isEmpty ? nil : $0 }, title: value(r, "title"), phone: value(r, "phone"),
                convertedContactId: converted ? reference(r, "convertedcontactid") : nil, stages: stages))
    }

    // MARK: CampaignMember

    public struct CampaignMember: Sendable, Equatable {
        public var id: String
        public var campaignId: String
        public var contactId: String?
        public var leadId: String?
        public var respondedAt: Instant
    }

    /// CampaignMember → a response. Only members who responded (`HasResponded`, or a Status of
    /// Responded / Attended) touched the campaign; being sent to is not engagement. The moment is
    /// `FirstRespondedDate` (a date: the start of that day), else `CreatedDate`.
    public static func campaignMember(_ r: Record, timeZone: WorkspaceTimeZone) -> Result<CampaignMember?, EventProblem>
    {
        guard let id = recordId(r) else { return .failure(EventProblem("no Id")) }
        guard let campaign = reference(r, "campaignid") else { return .failure(EventProblem("no CampaignId")) }
        let status = (value(r, "status") ?? "").lowercased()
        guard isTrue(r, "hasresponded") || status == "responded" || status == "attended" else { return .success(nil) }
        guard
            let at = instant(value(r, "firstrespondeddate"), timeZone: timeZone)
                ?? instant(value(r, "createddate"), timeZone: timeZone)
        else { return .failure(EventProblem("no FirstRespondedDate or CreatedDate")) }
        return .success(
            CampaignMember(
                id: id, campaignId: campaign, contactId: reference(r, "contactid"), leadId: reference(r, "leadid"),
                respondedAt: at))
    }

    /// The activity type of a response, from the campaign's Type (Salesforce's default picklist
    /// and the Japanese names orgs use): events and webinars are attendance, e-mail is a click,
    /// advertising an ad click, content a view; anything else (Web, Direct Mail, Telemarketing, …)
    /// was a response form.
    public static func activityType(ofCampaignType type: String?) -> ActivityType {
        let t = (type ?? "").lowercased()
        func has(_ words: [String]) -> Bool { words.contains { t.contains($0) } }
        if has(["webinar", "conference", "trade show", "event", "seminar", "ウェビナー", "セミナー", "展示会", "イベント"]) {
            return .eventAttend
        }
        if has(["email", "e-mail", "メール"]) { return .emailClick }
        if has(["advertisement", "banner", "ads", "広告"]) { return .adClick }
        if has(["content", "whitepaper", "資料"]) { return .contentView }
        return .formSubmit
    }

    // MARK: OpportunityHistory

    public struct StageChange: Sendable, Equatable {
        public var opportunityId: String
        public var stage: String
        public var at: Instant
    }

    public static func stageChange(_ r: Record, timeZone: WorkspaceTimeZone) -> Result<StageChange, EventProblem> {
        guard let opp = reference(r, "opportunityid") else { return .failure(EventProblem("no OpportunityId")) }
        guard let stage = value(r, "stagename") else { return .failure(EventProblem("no StageName")) }
        guard let at = instant(value(r, "createddate"), timeZone: timeZone) else {
            return .failure(EventProblem("no CreatedDate"))
        }
        return .success(StageChange(opportunityId: opp, stage: stage, at: at))
    }

    /// What the stage history adds to an opportunity: a closed one without `closed_on` gets the
    /// day it first reached its final stage (in the workspace zone); one without a stage gets the
    /// latest. Returns nil when the history changes nothing.
    public static func applying(
        history: [StageChange], to o: Opportunity, timeZone: WorkspaceTimeZone
    ) -> Opportunity? {
        let h = history.sorted { $0.at < $1.at }
        var out = o
        if o.status != .open, o.closedOn == nil {
            let final = o.stage ?? h.last?.stage
            if let reached = h.first(where: { $0.stage == final }) { out.closedOn = timeZone.day(of: reached.at) }
        }
        if o.stage == nil, let last = h.last { out.stage = last.stage }
        return out == o ? nil : out
    }
}
