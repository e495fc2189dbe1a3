import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
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
        let tz = try await workspaceTimeZone()
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
}
