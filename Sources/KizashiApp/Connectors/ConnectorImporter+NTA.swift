import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
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
}
