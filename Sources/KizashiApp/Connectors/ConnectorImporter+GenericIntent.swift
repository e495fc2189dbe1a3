import Foundation
import KizashiCore
import KizashiStore

extension ConnectorImporter {
    /// A generic intent file with a header: domain, topic, score, date (or ドメイン, トピック, スコア,
    /// 日付), optional kind (an intent kind of data-format.md; default keyword_search) and source.
    ///
    /// A domain no company has is skipped and counted: an intent feed reports on the whole market,
    /// most of it outside the workspace. `mapping` may name reference columns instead (issue 29:
    /// header → `company`, `company_name`, `company_corporate_number`, `company_domain`,
    /// `company_region`), resolved like 名寄せ; then a reference that names no company, or several,
    /// is a rejected row with the reason and the candidates — the file claims to be about the
    /// workspace's companies.
    public func importGenericIntent(path: String, mapping: [String: String] = [:], dryRun: Bool) async throws
        -> ConnectorReport
    {
        let references: ConnectorReferenceColumns
        do { references = try ConnectorReferenceColumns(mapping) } catch {
            throw ImportFailure(file: "the mapping", message: error.description)
        }
        guard !references.hasContact else {
            throw ImportFailure(file: "the mapping", message: "intent rows name companies, not contacts")
        }
        let resolver = RecordReferenceResolver(
            companies: references.hasCompany ? try await allCompanies() : [], contacts: [])
        var headerKeys: [String] = []
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
                    // With reference columns mapped, the domain is one key among others.
                    let required =
                        references.hasCompany ? ["topic", "score", "date"] : ["domain", "topic", "score", "date"]
                    for required in required where map[required] == nil {
                        throw ImportFailure(file: path, message: "the header has no \(required) column")
                    }
                    columns = map
                    headerKeys = fields.map(ConnectorReferenceColumns.key)
                    return
                }
                report.rowsRead += 1
                func f(_ k: String) -> String {
                    guard let i = cols[k], i < fields.count else { return "" }
                    return fields[i].trimmingCharacters(in: .whitespaces)
                }
                let domain = CompanyNameNormalizer.normalizeDomain(f("domain"))
                let keys = references.companyKeys(Dictionary(zip(headerKeys, fields), uniquingKeysWith: { a, _ in a }))
                guard !domain.isEmpty || !keys.isEmpty else {
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
                let company: String
                if !keys.isEmpty {
                    switch resolver.company(keys) {
                    case .success(let id): company = id
                    case .failure(let failure):
                        report.rejected.append(
                            ConnectorRowProblem(
                                line: line, column: "company",
                                reason: "company \"\(failure.value)\" \(failure.reason)"))
                        return
                    }
                } else {
                    guard let ids = byDomain[domain] else {
                        report.skipped["no company with this domain", default: 0] += 1
                        return
                    }
                    guard ids.count == 1, let only = ids.first else {
                        report.skipped["domain shared by several companies (ambiguous)", default: 0] += 1
                        ambiguous[domain] = ids
                        return
                    }
                    company = only
                }
                // The signal's ID keeps the domain when there is one, so re-importing the same
                // feed with or without a mapping updates the same rows.
                let id = "intent:\(day):\(domain.isEmpty ? company : domain):\(f("topic")):\(kind.rawValue)"
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
}
