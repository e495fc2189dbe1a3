import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
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
}
