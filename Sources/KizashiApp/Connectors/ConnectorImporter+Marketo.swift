import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
    /// Marketo activity exports (CSV; one or more files). Each activity's lead must be a workspace
    /// contact: contact ID `MK<leadId>` (a Marketo lead imported as a contact), else the row's
    /// e-mail naming one contact (`RecordReferenceResolver`; an e-mail two contacts share is a
    /// rejected row, never guessed). Other leads, and activity types without an ABM meaning, are
    /// skipped and counted.
    ///
    /// `mapping` (header → `company`, `company_name`, `company_corporate_number`,
    /// `company_domain`, `company_region` or `contact`) names reference columns (issue 29): a
    /// company resolved like 名寄せ gives the activity its company (the company's own when the lead
    /// is no contact); a `contact` column (ID or e-mail) is tried after the lead ID. A reference
    /// that names nothing, or several, rejects the row.
    public func importMarketo(paths: [String], mapping: [String: String] = [:], dryRun: Bool) async throws
        -> ConnectorReport
    {
        let references: ConnectorReferenceColumns
        do { references = try ConnectorReferenceColumns(mapping) } catch {
            throw ImportFailure(file: "the mapping", message: error.description)
        }
        var report = ConnectorReport(source: "marketo")
        report.dryRun = dryRun
        var ids = Set<String>()
        var people: [Contact] = []
        var after: String?
        while true {
            let page = try await store.contacts(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for c in page { ids.insert(c.id) }
            people += page
            after = last.id
        }
        let resolver = RecordReferenceResolver(
            companies: references.hasCompany ? try await allCompanies() : [], contacts: people)
        people = []
        let tz = try await workspaceTimeZone()
        var activities: [String: Activity] = [:]
        for path in paths {
            let name = (path as NSString).lastPathComponent
            report.files.append(name)
            var columns: [String: Int]?
            var headerKeys: [String] = []
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
                        headerKeys = fields.map(ConnectorReferenceColumns.key)
                        return
                    }
                    report.rowsRead += 1
                    let record =
                        references.columns.isEmpty
                        ? [:] : Dictionary(zip(headerKeys, fields), uniquingKeysWith: { a, _ in a })
                    var refused: (column: String, failure: RecordReferenceResolver.Failure)?
                    var companyId: String?
                    let keys = references.companyKeys(record)
                    if !keys.isEmpty {
                        switch resolver.company(keys) {
                        case .success(let id): companyId = id
                        case .failure(let f): refused = ("company", f)
                        }
                    }
                    var outcome = MarketoActivities.map(fields, columns: cols, timeZone: tz, companyId: companyId) {
                        lead, email in
                        if ids.contains("MK" + lead) { return "MK" + lead }
                        let given = references.contact(record)
                        if !given.isEmpty {
                            switch resolver.contact(given) {
                            case .success(let id): return id
                            case .failure(let f): refused = refused ?? ("contact", f)
                            }
                        } else if let email {
                            switch resolver.contact(email) {
                            case .success(let id): return id
                            case .failure(let f) where !f.candidates.isEmpty: refused = refused ?? ("email", f)
                            case .failure: break
                            }
                        }
                        return nil
                    }
                    // A reference that names nothing or several rejects a row that would be imported.
                    if let refused {
                        switch outcome {
                        case .activity, .skipped("lead not a known contact"):
                            outcome = .rejected(
                                column: refused.column,
                                reason: "\(refused.column) \"\(refused.failure.value)\" \(refused.failure.reason)")
                        default: break
                        }
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
}
