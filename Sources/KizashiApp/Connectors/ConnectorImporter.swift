import Foundation
import KizashiCore
import KizashiStore

/// One-command imports of what users have (issue 6): each connector maps its source onto the
/// canonical entities and writes them in one transaction (nothing on a dry run).
public struct ConnectorImporter: Sendable {
    public let store: any WorkspaceStore
    /// The longest CSV record read as a row (`kizashi import --max-record-bytes`; default 1 MiB).
    public var maxRecordBytes: Int
    public init(store: any WorkspaceStore, maxRecordBytes: Int = CSVTokenizer.defaultMaxRecordBytes) {
        self.store = store
        self.maxRecordBytes = maxRecordBytes
    }

    /// Every company, paged from the store.
    func allCompanies() async throws -> [Company] {
        var out: [Company] = []
        var after: String?
        while true {
            let page = try await store.companies(after: after, limit: 10_000)
            out += page
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.id
        }
        return out
    }

    /// 名寄せ on import: resolves each incoming company against the workspace and the companies
    /// before it in the same import (`CompanyResolver`). Same ID: written as given (the source's
    /// newer record). Matched by corporate number, domain or name: the workspace company is kept,
    /// its empty fields filled, and the incoming ID becomes an alias that the contacts and deals
    /// of this import are rewritten to. Ambiguous: imported under its own ID and reported, so
    /// `kizashi duplicates` / `kizashi merge` can settle it by hand.
    func resolveCompanies(_ incoming: [Company], report: inout ConnectorReport) async throws -> (
        write: [Company], alias: [String: String], known: Set<String>, resolver: CompanyResolver
    ) {
        let existing = try await allCompanies()
        var current = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var resolver = CompanyResolver(companies: existing)
        var write: [String: Company] = [:]
        var alias: [String: String] = [:]
        var matched: [CompanyResolver.Basis: Int] = [:]
        var newCount = 0, sameId = 0
        var details: [String] = []
        for c in incoming {
            switch resolver.resolve(c) {
            case .existing(let id, .id):
                sameId += 1
                write[id] = c
                current[id] = c
                resolver.add(c)
            case .existing(let id, let basis):
                guard let base = current[id] else { continue }
                let filled = CompanyResolver.fill(base, from: c)
                if filled != base {
                    write[id] = filled
                    current[id] = filled
                    resolver.add(filled)
                }
                alias[c.id] = id
                matched[basis, default: 0] += 1
                details.append("matched: \(c.id) \(c.name) → \(id) \(base.name) (same \(basis.rawValue))")
            case .new:
                newCount += 1
                write[c.id] = c
                current[c.id] = c
                resolver.add(c)
            case .ambiguous(let basis, let candidates):
                newCount += 1
                write[c.id] = c
                current[c.id] = c
                resolver.add(c)
                details.insert(
                    "ambiguous: \(c.id) \(c.name) has the same \(basis.rawValue) as \(candidates.joined(separator: ", ")); imported as its own company, not guessed (kizashi duplicates / merge)",
                    at: 0)
            }
        }
        let m = matched.values.reduce(0, +)
        report.notes.append(
            "companies: \(newCount) new, \(sameId) by the same ID, \(m) matched to a workspace company"
                + (m == 0
                    ? ""
                    : " ("
                        + CompanyResolver.Basis.allCases.compactMap { b in
                            matched[b].map { "\($0) by \(b.rawValue)" }
                        }.joined(separator: ", ") + ")"))
        report.notes += details.prefix(12)
        if details.count > 12 { report.notes.append("… and \(details.count - 12) more matches") }
        return (write.values.sorted { $0.id < $1.id }, alias, Set(current.keys), resolver)
    }

    /// Bombora Company Surge files → intent rows, resolved to companies by normalised domain.
    /// The observation date is `date`, else the date in the file name.
    public func importBombora(paths: [String], date: Day?, dryRun: Bool) async throws -> ConnectorReport {
        var report = ConnectorReport(source: "bombora")
        report.dryRun = dryRun
        let byDomain = try await companiesByDomain()
        var ambiguous: [String: [String]] = [:]
        var signals: [String: IntentSignal] = [:]
        for path in paths {
            let name = (path as NSString).lastPathComponent
            guard let day = date ?? BomboraSurge.date(fromFileName: name) else {
                throw ImportFailure(file: path, message: "no date in the file name; give --date YYYY-MM-DD")
            }
            report.files.append(name)
            let enc = try ConnectorFileReader.read(
                path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
                onRecord: { fields, line in
                    report.rowsRead += 1
                    switch BomboraSurge.parse(fields, line: line) {
                    case .skippedMetro:
                        report.skipped["per-metro row (the global row carries the score)", default: 0] += 1
                    case .skippedNoTopic: report.skipped["domain without a topic", default: 0] += 1
                    case .rejected(let line, let column, let reason):
                        report.rejected.append(
                            ConnectorRowProblem(line: line, column: "\(name):\(column)", reason: reason))
                    case .row(let r):
                        guard let ids = byDomain[r.domain] else {
                            report.skipped["no company with this domain", default: 0] += 1
                            return
                        }
                        guard ids.count == 1, let company = ids.first else {
                            report.skipped["domain shared by several companies (ambiguous)", default: 0] += 1
                            ambiguous[r.domain] = ids
                            return
                        }
                        let s = BomboraSurge.signal(r, companyId: company, observedOn: day)
                        signals[s.id] = s
                        report.mapped += 1
                    }
                },
                onBadRecord: { line, reason in
                    report.rejected.append(ConnectorRowProblem(line: line, column: name, reason: reason))
                })
            report.encoding = enc.displayName
        }
        report.notes += ambiguousDomainNotes(ambiguous)
        report.notes.append("\(signals.count) intent rows for \(Set(signals.values.map(\.companyId)).count) companies")
        if !dryRun && !signals.isEmpty {
            let rows = signals.values.sorted { $0.id < $1.id }
            try await store.transaction { tx in try await tx.upsert(intent: rows) }
        }
        return report
    }

    /// The NTA 法人番号 file as an external master: match, fill, flag closed, set verified_on.
    /// Streams the file; memory grows with the workspace, not with the national file.
    public func importNTA(path: String, dryRun: Bool) async throws -> ConnectorReport {
        var report = ConnectorReport(source: "nta")
        report.dryRun = dryRun
        report.files = [(path as NSString).lastPathComponent]
        let companies = try await allCompanies()
        var byNumber: [String: Int] = [:]
        var byName: [String: [Int]] = [:]
        for (i, c) in companies.enumerated() {
            if let n = c.corporateNumber?.trimmingASCIIWhitespace(), !n.isEmpty { byNumber[n] = i }
            if let k = NTACorporateMaster.nameKey(name: c.name, prefecture: c.region ?? "") {
                byName[k, default: []].append(i)
            }
        }
        var updates: [Int: NTACorporateMaster.Match] = [:]
        var closed: [String] = []
        let enc = try ConnectorFileReader.read(
            path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
            onRecord: { fields, line in
                report.rowsRead += 1
                switch NTACorporateMaster.parse(fields, line: line) {
                case .failure(let p): report.rejected.append(p)
                case .success(let r):
                    guard r.latest else {
                        report.skipped["history row (latest = 0)", default: 0] += 1
                        return
                    }
                    var target: (Int, NTACorporateMaster.Match.Basis)?
                    if let i = byNumber[r.corporateNumber] {
                        target = (i, .corporateNumber)
                    } else if let k = NTACorporateMaster.nameKey(name: r.name, prefecture: r.prefecture),
                        let m = byName[k]
                    {
                        if m.count == 1 {
                            // Only companies without a (different) corporate number can match by name.
                            if (companies[m[0]].corporateNumber ?? "").isEmpty { target = (m[0], .nameAndPrefecture) }
                        } else {
                            report.notes.append(
                                "ambiguous: \(r.name) (\(r.prefecture)) matches \(m.map { companies[$0].id }.joined(separator: ", ")); not applied"
                            )
                            report.skipped["ambiguous name + prefecture", default: 0] += 1
                            return
                        }
                    }
                    guard let (i, basis) = target else {
                        report.skipped["not in the workspace", default: 0] += 1
                        return
                    }
                    let base = updates[i]?.updated ?? companies[i]
                    let m = NTACorporateMaster.apply(r, to: base, basis: basis)
                    updates[i] = m
                    report.mapped += 1
                    if m.closed {
                        closed.append(
                            "closed: \(companies[i].id) \(companies[i].name) (\(r.corporateNumber), \(r.closeDate.map { "\($0)" } ?? "process \(r.process)"))"
                        )
                    }
                }
            },
            onBadRecord: { line, reason in
                report.rejected.append(ConnectorRowProblem(line: line, column: "*", reason: reason))
            })
        report.encoding = enc.displayName
        let byBasis = Dictionary(grouping: updates.values, by: \.basis).mapValues(\.count)
        report.notes.append(
            "matched \(updates.count) companies: \(byBasis[.corporateNumber] ?? 0) by corporate number, \(byBasis[.nameAndPrefecture] ?? 0) by name + prefecture"
        )
        report.notes += closed
        let changed = updates.filter { i, m in m.updated != companies[i] }.map(\.value)
        if !dryRun && !changed.isEmpty {
            let rows = changed.map(\.updated).sorted { $0.id < $1.id }
            try await store.transaction { tx in try await tx.upsert(companies: rows) }
        }
        return report
    }

    /// Salesforce exports: Data Loader / data export CSVs named after their object (Account*.csv,
    /// Contact*.csv, Opportunity*.csv; field API names as headers, any case) and `sf data tree
    /// export` JSON files. 15- and 18-character IDs are the same record.
    public func importSalesforce(paths: [String], dryRun: Bool) async throws -> ConnectorReport {
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
        let known = resolved.known
        companies = resolved.write
        for r in records {
            switch r.type {
            case "account", "lead", "campaign", "campaignmember", "opportunityhistory": continue
            case "contact":
                switch SalesforceMapping.contact(r.record) {
                case .success(var c):
                    c.companyId = resolved.alias[c.companyId] ?? c.companyId
                    if known.contains(c.companyId) {
                        contacts.append(c)
                    } else {
                        report.skipped["contact whose account is not imported", default: 0] += 1
                    }
                case .failure(let p):
                    if p.description.hasPrefix("no AccountId") {
                        report.skipped["contact without an AccountId", default: 0] += 1
                    } else {
                        reject(r, p)
                    }
                }
            case "opportunity":
                switch SalesforceMapping.opportunity(r.record) {
                case .success(var o):
                    o.companyId = resolved.alias[o.companyId] ?? o.companyId
                    if known.contains(o.companyId) {
                        opportunities.append(o)
                    } else {
                        report.skipped["opportunity whose account is not imported", default: 0] += 1
                    }
                case .failure(let p): reject(r, p)
                }
            default: report.skipped["object \(r.type.isEmpty ? "(none)" : r.type) not mapped", default: 0] += 1
            }
        }
        report.mapped = companyRows + contacts.count + opportunities.count
        let marketing = try await salesforceMarketing(
            records, contacts: &contacts, opportunities: &opportunities, resolver: resolved.resolver,
            report: &report)
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
        }
        return report
    }

    /// Lead, Campaign, CampaignMember and OpportunityHistory records (SalesforceMarketingObjects):
    /// unconverted leads at a workspace company become contacts (their ID is the lead's), converted
    /// ones give their stages to the contact they became; responses become activities of the
    /// campaign; stage history completes close dates. Adds to `contacts` and `opportunities`.
    func salesforceMarketing(
        _ records: [(type: String, record: SalesforceMapping.Record, line: Int, file: String)],
        contacts: inout [Contact], opportunities: inout [Opportunity], resolver: CompanyResolver,
        report: inout ConnectorReport
    ) async throws -> (campaigns: [Campaign], stages: [LeadStageTransition], activities: [Activity]) {
        let types = Set(records.map(\.type))
        guard !types.isDisjoint(with: ["lead", "campaign", "campaignmember", "opportunityhistory"]) else {
            return ([], [], [])
        }
        let tz = WorkspaceTimeZone(identifier: try await store.settings()["time_zone"] ?? "") ?? .tokyo
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
        var after: String?
        while types.contains("lead") || types.contains("campaignmember") {
            let page = try await store.contacts(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for c in page { contactIds.insert(c.id) }
            after = last.id
        }
        // Leads.
        var stages: [LeadStageTransition] = []
        var person: [String: String] = [:]  // lead ID → contact ID
        var ambiguousLeads: [String] = []
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
                    let probe = Company(id: "\u{0}lead", name: lead.company ?? "", domain: lead.domain)
                    switch resolver.resolve(probe) {
                    case .existing(let company, _):
                        contactId = lead.id
                        contacts.append(
                            Contact(
                                id: lead.id, companyId: company, name: lead.name, email: lead.email,
                                title: lead.title, phone: lead.phone))
                        contactIds.insert(lead.id)
                    case .new:
                        report.skipped["lead whose company is not in the workspace", default: 0] += 1
                        continue
                    case .ambiguous(let basis, let candidates):
                        report.skipped["lead matching several companies (ambiguous)", default: 0] += 1
                        ambiguousLeads.append(
                            "ambiguous: lead \(lead.id) (\(lead.company ?? lead.domain ?? "")) has the same \(basis.rawValue) as \(candidates.joined(separator: ", ")); not imported"
                        )
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
        report.notes += ambiguousLeads.prefix(10)
        // Campaign responses.
        var campaignType: [String: String?] = [:]
        if types.contains("campaignmember") {
            for c in try await store.campaigns() { campaignType[c.id] = c.channel }
        }
        for c in campaigns.values { campaignType[c.id] = c.channel }
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
                let who =
                    m.contactId.flatMap { contactIds.contains($0) ? $0 : nil }
                    ?? m.leadId.flatMap { person[$0] ?? (contactIds.contains($0) ? $0 : nil) }
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

    /// HubSpot exports (companies, contacts, deals; CSV with label headers in English or Japanese,
    /// or internal property names). Each file's object is recognised from its headers; companies
    /// are written before the contacts and deals that refer to them. `mapping` (header → canonical
    /// field) overrides or adds header names.
    public func importHubSpot(paths: [String], mapping: [String: String] = [:], dryRun: Bool) async throws
        -> ConnectorReport
    {
        var report = ConnectorReport(source: "hubspot")
        report.dryRun = dryRun
        var rows: [(object: HubSpotMapping.Object, row: HubSpotMapping.Row, line: Int, file: String)] = []
        for path in paths {
            let name = (path as NSString).lastPathComponent
            report.files.append(name)
            var columns: [String: Int]?
            var object: HubSpotMapping.Object?
            let enc = try ConnectorFileReader.read(
                path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
                onRecord: { fields, line in
                    guard let cols = columns, let obj = object else {
                        guard let o = HubSpotMapping.object(ofHeaders: fields.map { mapping[$0] ?? $0 }) else {
                            throw ImportFailure(
                                file: path,
                                message:
                                    "not a HubSpot company, contact or deal export (no Company name, Email or Deal Stage column)"
                            )
                        }
                        let c = HubSpotMapping.columns(fields, overrides: mapping)
                        guard c["id"] != nil else {
                            throw ImportFailure(file: path, message: "the header has no Record ID (レコードID) column")
                        }
                        object = o
                        columns = c
                        report.notes.append("\(name): \(o.rawValue) export, \(c.count) columns mapped")
                        return
                    }
                    rows.append((obj, HubSpotMapping.row(fields, columns: cols), line, name))
                },
                onBadRecord: { line, reason in
                    report.rejected.append(ConnectorRowProblem(line: line, column: name, reason: reason))
                })
            report.encoding = enc.displayName
        }
        report.rowsRead = rows.count
        let tz = WorkspaceTimeZone(identifier: try await store.settings()["time_zone"] ?? "") ?? .tokyo
        func reject(
            _ r: (object: HubSpotMapping.Object, row: HubSpotMapping.Row, line: Int, file: String), _ p: EventProblem
        ) {
            report.rejected.append(
                ConnectorRowProblem(line: r.line, column: "\(r.file):\(r.object.rawValue)", reason: p.description))
        }
        var companies: [Company] = [], contacts: [Contact] = [], stages: [LeadStageTransition] = []
        var deals: [Opportunity] = []
        for r in rows where r.object == .company {
            switch HubSpotMapping.company(r.row) {
            case .success(let c): companies.append(c)
            case .failure(let p): reject(r, p)
            }
        }
        let companyRows = companies.count
        let resolved = try await resolveCompanies(companies, report: &report)
        let known = resolved.known
        companies = resolved.write
        for r in rows where r.object != .company {
            if r.object == .contact {
                switch HubSpotMapping.contact(r.row, timeZone: tz) {
                case .success(var (c, s)):
                    c.companyId = resolved.alias[c.companyId] ?? c.companyId
                    guard known.contains(c.companyId) else {
                        report.skipped["contact whose company is not imported", default: 0] += 1
                        continue
                    }
                    contacts.append(c)
                    stages += s
                case .failure(let p):
                    if p.description == "no associated company" {
                        report.skipped["contact without an associated company", default: 0] += 1
                    } else {
                        reject(r, p)
                    }
                }
            } else {
                switch HubSpotMapping.deal(r.row) {
                case .success(var d):
                    d.companyId = resolved.alias[d.companyId] ?? d.companyId
                    guard known.contains(d.companyId) else {
                        report.skipped["deal whose company is not imported", default: 0] += 1
                        continue
                    }
                    deals.append(d)
                case .failure(let p): reject(r, p)
                }
            }
        }
        report.mapped = companyRows + contacts.count + deals.count
        report.notes.append(
            "\(companies.count) companies written, \(contacts.count) contacts (\(stages.count) lifecycle stages), \(deals.count) deals"
        )
        if !dryRun && report.mapped > 0 {
            let (co, ct, st, op) = (companies, contacts, stages, deals)
            try await store.transaction { tx in
                if !co.isEmpty { try await tx.upsert(companies: co) }
                if !ct.isEmpty { try await tx.upsert(contacts: ct) }
                if !st.isEmpty { try await tx.upsert(leadStages: st) }
                if !op.isEmpty { try await tx.upsert(opportunities: op) }
            }
        }
        return report
    }

    /// Marketo activity exports (CSV; one or more files). Each activity's lead must be a workspace
    /// contact: contact ID `MK<leadId>` (a Marketo lead imported as a contact), else the row's
    /// email matching a contact's (case-insensitive). Other leads, and activity types without an
    /// ABM meaning, are skipped and counted.
    public func importMarketo(paths: [String], dryRun: Bool) async throws -> ConnectorReport {
        var report = ConnectorReport(source: "marketo")
        report.dryRun = dryRun
        var ids = Set<String>()
        var byEmail: [String: String] = [:]
        var after: String?
        while true {
            let page = try await store.contacts(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for c in page {
                ids.insert(c.id)
                if let e = c.email?.lowercased(), byEmail[e] == nil { byEmail[e] = c.id }
            }
            after = last.id
        }
        let tz = WorkspaceTimeZone(identifier: try await store.settings()["time_zone"] ?? "") ?? .tokyo
        var activities: [String: Activity] = [:]
        for path in paths {
            let name = (path as NSString).lastPathComponent
            report.files.append(name)
            var columns: [String: Int]?
            let enc = try ConnectorFileReader.read(
                path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
                onRecord: { fields, line in
                    guard let cols = columns else {
                        let c = MarketoActivities.columns(fields)
                        for required in ["id", "lead", "date"] where c[required] == nil {
                            throw ImportFailure(
                                file: path,
                                message:
                                    "not a Marketo activity export: no \(["id": "id/marketoGUID", "lead": "leadId", "date": "activityDate"][required]!) column"
                            )
                        }
                        guard c["typeId"] != nil || c["typeName"] != nil else {
                            throw ImportFailure(
                                file: path, message: "not a Marketo activity export: no activityTypeId column")
                        }
                        columns = c
                        return
                    }
                    report.rowsRead += 1
                    let outcome = MarketoActivities.map(fields, columns: cols, timeZone: tz) { lead, email in
                        if ids.contains("MK" + lead) { return "MK" + lead }
                        return email.flatMap { byEmail[$0.lowercased()] }
                    }
                    switch outcome {
                    case .activity(let a):
                        activities[a.id] = a
                        report.mapped += 1
                    case .skipped(let reason): report.skipped[reason, default: 0] += 1
                    case .rejected(let column, let reason):
                        report.rejected.append(
                            ConnectorRowProblem(line: line, column: "\(name):\(column)", reason: reason))
                    }
                },
                onBadRecord: { line, reason in
                    report.rejected.append(ConnectorRowProblem(line: line, column: name, reason: reason))
                })
            report.encoding = enc.displayName
        }
        var byType: [ActivityType: Int] = [:]
        for a in activities.values { byType[a.type, default: 0] += 1 }
        report.notes.append(
            byType.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(
                separator: ", "))
        if !dryRun && !activities.isEmpty {
            let rows = activities.values.sorted { $0.id < $1.id }
            try await store.transaction { tx in try await tx.upsert(activities: rows) }
        }
        return report
    }

    /// A generic intent file with a header: domain, topic, score, date (or ドメイン, トピック, スコア,
    /// 日付), optional kind (an intent kind of data-format.md; default keyword_search) and source.
    public func importGenericIntent(path: String, dryRun: Bool) async throws -> ConnectorReport {
        var report = ConnectorReport(source: "intent")
        report.dryRun = dryRun
        let name = (path as NSString).lastPathComponent
        report.files = [name]
        let byDomain = try await companiesByDomain()
        var ambiguous: [String: [String]] = [:]
        let aliases: [String: String] = [
            "domain": "domain", "ドメイン": "domain", "topic": "topic", "トピック": "topic", "score": "score",
            "スコア": "score", "date": "date", "日付": "date", "observed_on": "date", "kind": "kind", "種別": "kind",
            "source": "source", "ソース": "source",
        ]
        var columns: [String: Int]?
        var signals: [String: IntentSignal] = [:]
        let enc = try ConnectorFileReader.read(
            path: path, encoding: nil, maxRecordBytes: maxRecordBytes,
            onRecord: { fields, line in
                guard let cols = columns else {
                    var map: [String: Int] = [:]
                    for (i, h) in fields.enumerated() {
                        let key = h.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(
                            of: "\u{FEFF}", with: "")
                        if let canonical = aliases[key] { map[canonical] = i }
                    }
                    for required in ["domain", "topic", "score", "date"] where map[required] == nil {
                        throw ImportFailure(file: path, message: "the header has no \(required) column")
                    }
                    columns = map
                    return
                }
                report.rowsRead += 1
                func f(_ k: String) -> String {
                    guard let i = cols[k], i < fields.count else { return "" }
                    return fields[i].trimmingCharacters(in: .whitespaces)
                }
                let domain = CompanyNameNormalizer.normalizeDomain(f("domain"))
                guard !domain.isEmpty else {
                    report.rejected.append(ConnectorRowProblem(line: line, column: "domain", reason: "empty domain"))
                    return
                }
                guard !f("topic").isEmpty else {
                    report.rejected.append(ConnectorRowProblem(line: line, column: "topic", reason: "empty topic"))
                    return
                }
                guard let score = Int(f("score")), (0...100).contains(score) else {
                    report.rejected.append(
                        ConnectorRowProblem(
                            line: line, column: "score", reason: "\"\(f("score"))\" is not an integer 0–100"))
                    return
                }
                guard let day = Day(iso: String(f("date").prefix(10))) else {
                    report.rejected.append(
                        ConnectorRowProblem(
                            line: line, column: "date", reason: "\"\(f("date"))\" is not a date YYYY-MM-DD"))
                    return
                }
                var kind = IntentKind.keywordSearch
                if !f("kind").isEmpty {
                    guard let k = IntentKind(rawValue: f("kind")) else {
                        report.rejected.append(
                            ConnectorRowProblem(
                                line: line, column: "kind", reason: "unknown intent kind \"\(f("kind"))\""))
                        return
                    }
                    kind = k
                }
                guard let ids = byDomain[domain] else {
                    report.skipped["no company with this domain", default: 0] += 1
                    return
                }
                guard ids.count == 1, let company = ids.first else {
                    report.skipped["domain shared by several companies (ambiguous)", default: 0] += 1
                    ambiguous[domain] = ids
                    return
                }
                let id = "intent:\(day):\(domain):\(f("topic")):\(kind.rawValue)"
                signals[id] = IntentSignal(
                    id: id, companyId: company, observedOn: day, topic: f("topic"), kind: kind, score: score,
                    source: f("source").isEmpty ? nil : f("source"))
                report.mapped += 1
            },
            onBadRecord: { line, reason in
                report.rejected.append(ConnectorRowProblem(line: line, column: "*", reason: reason))
            })
        report.encoding = enc.displayName
        report.notes += ambiguousDomainNotes(ambiguous)
        if !dryRun && !signals.isEmpty {
            let rows = signals.values.sorted { $0.id < $1.id }
            try await store.transaction { tx in try await tx.upsert(intent: rows) }
        }
        return report
    }

    /// Normalised domain → the companies with it. Intent files carry only a domain, so a domain
    /// two companies share cannot say which one is researching: such rows are skipped, not guessed.
    func companiesByDomain() async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in try await allCompanies() {
            let d = CompanyResolver.domainKey(c.domain)
            if !d.isEmpty { out[d, default: []].append(c.id) }
        }
        return out
    }

    func ambiguousDomainNotes(_ ambiguous: [String: [String]]) -> [String] {
        ambiguous.sorted { $0.key < $1.key }.prefix(10).map {
            "ambiguous: \($0.key) belongs to \($0.value.sorted().joined(separator: ", ")); its rows were skipped (merge them with kizashi merge)"
        }
    }
}
