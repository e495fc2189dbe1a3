import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
    /// Salesforce exports: Data Loader / data export CSVs named after their object (Account*.csv,
    /// Contact*.csv, Opportunity*.csv; field API names as headers, any case) and `sf data tree
    /// export` JSON files. 15- and 18-character IDs are the same record.
    ///
    /// `mapping` (header → `company`, `company_name`, `company_corporate_number`,
    /// `company_domain`, `company_region` or `contact`) names the columns by which a contact,
    /// opportunity or lead refers to its company when it has no AccountId of an imported account
    /// (issue 29); `Account.Name` (a Data Loader relationship column) is read as `company_name`.
    public func importSalesforce(paths: [String], mapping: [String: String] = [:], dryRun: Bool) async throws
        -> ConnectorReport
    {
        let references: ConnectorReferenceColumns
        do {
            references = try ConnectorReferenceColumns(mapping, builtIn: ["account.name": "company_name"])
        } catch { throw ImportFailure(file: "the mapping", message: error.description) }
        var report = ConnectorReport(source: "salesforce")
        report.dryRun = dryRun
        report.encoding = "UTF-8"
        var records: [(type: String, record: SalesforceMapping.Record, line: Int, file: String)] = []
        for path in paths {
            let name = (path as NSString).lastPathComponent
            report.files.append(name)
            if name.lowercased().hasSuffix(".json") {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                guard size <= SalesforceTreeExport.maxBytes, let data = FileManager.default.contents(atPath: path)
                else {
                    throw ImportFailure(
                        file: path,
                        message: "not a readable tree export of at most \(SalesforceTreeExport.maxBytes >> 20) MB")
                }
                switch SalesforceTreeExport.records(from: data) {
                case .success(let list):
                    for r in list { records.append((r.type, r.record, r.position, name)) }
                case .failure where SalesforceTreeExport.isPlan(data):
                    // `sf data tree export --plan` writes its plans beside the data: no records.
                    report.notes.append("\(name): an import plan (no records), read past")
                case .failure(let p): throw ImportFailure(file: path, message: p.description)
                }
            } else {
                let lower = name.lowercased()
                // Longest names first: CampaignMember before Campaign, OpportunityHistory before Opportunity.
                let objects = [
                    ("campaignmember", "campaignmember"), ("campaign", "campaign"),
                    ("opportunityhistory", "opportunityhistory"), ("opportunityfieldhistory", ""),
                    ("opportunit", "opportunity"), ("account", "account"), ("contact", "contact"), ("lead", "lead"),
                ]
                let type = objects.first { lower.hasPrefix($0.0) }?.1 ?? ""
                guard !type.isEmpty else {
                    throw ImportFailure(
                        file: path,
                        message:
                            "name the file after its object: Account, Contact, Opportunity, Lead, Campaign, CampaignMember or OpportunityHistory (.csv)"
                    )
                }
                var header: [String]?
                let enc = try ConnectorFileReader.read(
                    path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
                    onRecord: { fields, line in
                        guard let h = header else {
                            header = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                            return
                        }
                        var r: SalesforceMapping.Record = [:]
                        for (k, v) in zip(h, fields) { r[k] = v }
                        records.append((type, r, line, name))
                    },
                    onBadRecord: { line, reason in
                        report.rejected.append(ConnectorRowProblem(line: line, column: name, reason: reason))
                    })
                report.encoding = enc.displayName
            }
        }
        report.rowsRead = records.count
        var companies: [Company] = [], contacts: [Contact] = [], opportunities: [Opportunity] = []
        func reject(_ r: (type: String, record: SalesforceMapping.Record, line: Int, file: String), _ p: EventProblem) {
            report.rejected.append(
                ConnectorRowProblem(line: r.line, column: "\(r.file):\(r.type)", reason: p.description))
        }
        for r in records where r.type == "account" {
            switch SalesforceMapping.company(r.record) {
            case .success(let c): companies.append(c)
            case .failure(let p): reject(r, p)
            }
        }
        let companyRows = companies.count
        let resolved = try await resolveCompanies(companies, report: &report)
        companies = resolved.write
        for r in records {
            guard r.type == "contact" || r.type == "opportunity" else {
                if !["account", "lead", "campaign", "campaignmember", "opportunityhistory"].contains(r.type) {
                    report.skipped["object \(r.type.isEmpty ? "(none)" : r.type) not mapped", default: 0] += 1
                }
                continue
            }
            // The account: its AccountId, else the reference columns (issue 29), never guessed.
            var record = r.record
            let company: String
            let accountId = SalesforceMapping.reference(record, "accountid")
            switch resolved.lookup(id: accountId, keys: references.companyKeys(record)) {
            case .found(let id):
                company = id
                if accountId == nil { record["accountid"] = "@\(id)" }  // found by reference
            case .rejected(let f):
                reject(r, EventProblem("account \"\(f.value)\" \(f.reason)"))
                continue
            case .unknownId:
                report.skipped["\(r.type) whose account is not imported", default: 0] += 1
                continue
            case .none:
                company = ""
            }
            if r.type == "contact" {
                switch SalesforceMapping.contact(record) {
                case .success(var c):
                    c.companyId = company
                    contacts.append(c)
                case .failure(let p):
                    if p.kind == .noCompany {
                        report.skipped["contact without an AccountId", default: 0] += 1
                    } else {
                        reject(r, p)
                    }
                }
            } else {
                switch SalesforceMapping.opportunity(record) {
                case .success(var o):
                    o.companyId = company
                    opportunities.append(o)
                case .failure(let p): reject(r, p)
                }
            }
        }
        report.mapped = companyRows + contacts.count + opportunities.count
        let marketing = try await salesforceMarketing(
            records, contacts: &contacts, opportunities: &opportunities, resolved: resolved,
            referenceColumns: references, report: &report)
        report.notes.append(
            "\(companies.count) companies written, \(contacts.count) contacts, \(opportunities.count) opportunities")
        if marketing.campaigns.count + marketing.stages.count + marketing.activities.count > 0 {
            report.notes.append(
                "\(marketing.campaigns.count) campaigns, \(marketing.stages.count) lead stages, \(marketing.activities.count) campaign responses"
            )
        }
        if !dryRun && (report.mapped > 0 || !opportunities.isEmpty) {
            let (co, ct, op) = (companies, contacts, opportunities)
            try await store.transaction { tx in
                if !co.isEmpty { try await tx.upsert(companies: co) }
                if !marketing.campaigns.isEmpty { try await tx.upsert(campaigns: marketing.campaigns) }
                if !ct.isEmpty { try await tx.upsert(contacts: ct) }
                if !marketing.stages.isEmpty { try await tx.upsert(leadStages: marketing.stages) }
                if !marketing.activities.isEmpty { try await tx.upsert(activities: marketing.activities) }
                if !op.isEmpty { try await tx.upsert(opportunities: op) }
            }
            try await linkSalesforceRecords(resolved: resolved, contacts: ct, report: &report)
        }
        return report
    }

    /// An Account that 名寄せ matched to a workspace company keeps the workspace's ID; its Account
    /// ID is remembered (with each imported Contact's ID → its company) so `kizashi sync
    /// salesforce` can still write it. Only well-formed Salesforce IDs are kept (a tree export's
    /// `AccountRef1` names no record in the org).
    func linkSalesforceRecords(resolved: ResolvedCompanies, contacts: [Contact], report: inout ConnectorReport)
        async throws
    {
        var accounts: [String: String] = [:]
        for (incoming, company) in resolved.alias {
            if let record = SalesforceRecordID.account(incoming) { accounts[record] = company }
        }
        var contactLinks: [String: String] = [:]
        for c in contacts {
            if let record = SalesforceRecordID.contact(c.id) { contactLinks[record] = c.companyId }
        }
        let at = WorkspaceClock.now()
        for (object, links) in [
            (SalesforceCollectionsUpdate.Object.account, accounts),
            (SalesforceCollectionsUpdate.Object.contact, contactLinks),
        ] where !links.isEmpty {
            try await store.linkCRMRecords(
                provider: SalesforceCredentials.provider, objectType: object.rawValue, links: links, at: at)
        }
        if !accounts.isEmpty {
            report.notes.append(
                "\(accounts.count) Salesforce Accounts matched to workspace companies: their Account IDs are kept for kizashi sync salesforce"
            )
        }
    }
}
