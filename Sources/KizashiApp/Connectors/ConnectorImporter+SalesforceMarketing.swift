import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
    /// Lead, Campaign, CampaignMember and OpportunityHistory records (SalesforceMarketingObjects):
    /// unconverted leads at a workspace company become contacts (their ID is the lead's), converted
    /// ones give their stages to the contact they became; responses become activities of the
    /// campaign; stage history completes close dates. Adds to `contacts` and `opportunities`.
    func salesforceMarketing(
        _ records: [(type: String, record: SalesforceMapping.Record, line: Int, file: String)],
        contacts: inout [Contact], opportunities: inout [Opportunity], resolved: ResolvedCompanies,
        referenceColumns: ConnectorReferenceColumns, report: inout ConnectorReport
    ) async throws -> (campaigns: [Campaign], stages: [LeadStageTransition], activities: [Activity]) {
        let types = Set(records.map(\.type))
        guard !types.isDisjoint(with: ["lead", "campaign", "campaignmember", "opportunityhistory"]) else {
            return ([], [], [])
        }
        let tz = try await workspaceTimeZone()
        func reject(_ r: (type: String, record: SalesforceMapping.Record, line: Int, file: String), _ p: EventProblem) {
            report.rejected.append(
                ConnectorRowProblem(line: r.line, column: "\(r.file):\(r.type)", reason: p.description))
        }
        var mapped = 0
        // Campaigns.
        var campaigns: [String: Campaign] = [:]
        for r in records where r.type == "campaign" {
            switch SalesforceMapping.campaign(r.record) {
            case .success(let c):
                campaigns[c.id] = c
                mapped += 1
            case .failure(let p): reject(r, p)
            }
        }
        // Who is a contact: the workspace's and this import's.
        var contactIds = Set(contacts.map(\.id))
        var people: [Contact] = []  // with a `contact` reference column: for e-mail references
        var after: String?
        while types.contains("lead") || types.contains("campaignmember") {
            let page = try await store.contacts(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for c in page { contactIds.insert(c.id) }
            if referenceColumns.hasContact { people += page }
            after = last.id
        }
        // Leads.
        var stages: [LeadStageTransition] = []
        var person: [String: String] = [:]  // lead ID → contact ID
        for r in records where r.type == "lead" {
            switch SalesforceMapping.lead(r.record, timeZone: tz) {
            case .failure(let p): reject(r, p)
            case .success(let lead):
                var contactId: String
                if let converted = lead.convertedContactId {
                    guard contactIds.contains(converted) else {
                        report.skipped["converted lead whose contact is not imported", default: 0] += 1
                        continue
                    }
                    contactId = converted
                } else {
                    // The reference columns the mapping names, else the lead's Company and
                    // Website (or e-mail domain); an unconverted lead at a company the workspace
                    // does not have is a prospect, skipped and counted.
                    let given = referenceColumns.companyKeys(r.record)
                    let keys =
                        given.isEmpty
                        ? RecordReferenceResolver.CompanyKeys(name: lead.company ?? "", domain: lead.domain ?? "")
                        : given
                    switch resolved.references.company(keys) {
                    case .success(let company):
                        contactId = lead.id
                        contacts.append(
                            Contact(
                                id: lead.id, companyId: company, name: lead.name, email: lead.email,
                                title: lead.title, phone: lead.phone))
                        contactIds.insert(lead.id)
                    case .failure(let f) where given.isEmpty && f.candidates.isEmpty:
                        report.skipped["lead whose company is not in the workspace", default: 0] += 1
                        continue
                    case .failure(let f):
                        reject(r, EventProblem("company \"\(f.value)\" \(f.reason)"))
                        continue
                    }
                }
                person[lead.id] = contactId
                stages += lead.stages.map {
                    LeadStageTransition(contactId: contactId, stage: $0.stage, reachedAt: $0.at)
                }
                mapped += 1
            }
        }
        // Campaign responses.
        var campaignType: [String: String?] = [:]
        if types.contains("campaignmember") {
            for c in try await store.campaigns() { campaignType[c.id] = c.channel }
        }
        for c in campaigns.values { campaignType[c.id] = c.channel }
        let contactReferences =
            referenceColumns.hasContact ? RecordReferenceResolver(contacts: people + contacts) : nil
        var activities: [Activity] = []
        for r in records where r.type == "campaignmember" {
            switch SalesforceMapping.campaignMember(r.record, timeZone: tz) {
            case .failure(let p): reject(r, p)
            case .success(nil): report.skipped["campaign member who did not respond", default: 0] += 1
            case .success(let m?):
                guard let type = campaignType[m.campaignId] else {
                    report.skipped["campaign member of a campaign not imported", default: 0] += 1
                    continue
                }
                var who =
                    m.contactId.flatMap { contactIds.contains($0) ? $0 : nil }
                    ?? m.leadId.flatMap { person[$0] ?? (contactIds.contains($0) ? $0 : nil) }
                // A `contact` reference column (an ID or an e-mail address), when the IDs find no one.
                let given = referenceColumns.contact(r.record)
                if who == nil, !given.isEmpty, let contactReferences {
                    switch contactReferences.contact(given) {
                    case .success(let id): who = id
                    case .failure(let f):
                        reject(r, EventProblem("contact \"\(f.value)\" \(f.reason)"))
                        continue
                    }
                }
                guard let who else {
                    report.skipped["campaign member who is not a known contact or lead", default: 0] += 1
                    continue
                }
                activities.append(
                    Activity(
                        id: m.id, occurredAt: m.respondedAt, type: SalesforceMapping.activityType(ofCampaignType: type),
                        contactId: who, campaignId: m.campaignId))
                mapped += 1
            }
        }
        // Stage history.
        var history: [String: [SalesforceMapping.StageChange]] = [:]
        for r in records where r.type == "opportunityhistory" {
            switch SalesforceMapping.stageChange(r.record, timeZone: tz) {
            case .success(let c): history[c.opportunityId, default: []].append(c)
            case .failure(let p): reject(r, p)
            }
        }
        if !history.isEmpty {
            var index = Dictionary(opportunities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { _, b in b })
            let workspace = Dictionary(
                try await store.opportunities().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var completed = 0
            for (id, changes) in history.sorted(by: { $0.key < $1.key }) {
                guard let o = index[id].map({ opportunities[$0] }) ?? workspace[id] else {
                    report.skipped["stage history of an opportunity not imported", default: 0] += changes.count
                    continue
                }
                mapped += changes.count
                guard let updated = SalesforceMapping.applying(history: changes, to: o, timeZone: tz) else { continue }
                completed += 1
                if let i = index[id] {
                    opportunities[i] = updated
                } else {
                    index[id] = opportunities.count
                    opportunities.append(updated)
                }
            }
            report.notes.append("\(completed) opportunities completed from their stage history")
        }
        report.mapped += mapped
        return (campaigns.values.sorted { $0.id < $1.id }, stages, activities)
    }
}
