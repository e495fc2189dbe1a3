import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
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
        let tz = try await workspaceTimeZone()
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
        companies = resolved.write
        // A row without an associated company may name it in a column the mapping sends to
        // `company` (issue 29): resolved like 名寄せ against the workspace and this import.
        let references = resolved.references
        for r0 in rows where r0.object != .company {
            var r = r0
            var referenced: String?
            if r.row["companyRef"] == nil, let ref = r.row["company"] {
                switch references.company(.init(any: ref)) {
                case .success(let id):
                    referenced = id
                    r.row["companyRef"] = "0"  // a placeholder: the company is `referenced`
                case .failure(let f):
                    reject(r, EventProblem("company \"\(f.value)\" \(f.reason)"))
                    continue
                }
            }
            if r.object == .contact {
                switch HubSpotMapping.contact(r.row, timeZone: tz) {
                case .success((var c, let s)):
                    guard let company = referenced ?? resolved.company(c.companyId) else {
                        report.skipped["contact whose company is not imported", default: 0] += 1
                        continue
                    }
                    c.companyId = company
                    contacts.append(c)
                    stages += s
                case .failure(let p):
                    if p.kind == .noCompany {
                        report.skipped["contact without an associated company", default: 0] += 1
                    } else {
                        reject(r, p)
                    }
                }
            } else {
                switch HubSpotMapping.deal(r.row) {
                case .success(var d):
                    guard let company = referenced ?? resolved.company(d.companyId) else {
                        report.skipped["deal whose company is not imported", default: 0] += 1
                        continue
                    }
                    d.companyId = company
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
            // A HubSpot company that 名寄せ matched to a workspace company keeps the workspace's
            // ID; its HubSpot record ID is remembered so `kizashi sync hubspot` can still write it.
            var links: [String: String] = [:]
            for (incoming, company) in resolved.alias {
                if let record = HubSpotRecordID.fromWorkspaceId(incoming) { links[record] = company }
            }
            if !links.isEmpty {
                try await store.linkCRMRecords(
                    provider: HubSpotCredentials.provider, objectType: HubSpotBatchUpdate.Object.companies.rawValue,
                    links: links,
                    at: WorkspaceClock.now())
                report.notes.append(
                    "\(links.count) HubSpot companies matched to workspace companies: their record IDs are kept for kizashi sync hubspot"
                )
            }
        }
        return report
    }
}
