import Foundation
import KizashiCore
import KizashiStore

/// The companies of one connector import after 名寄せ: what to write, and where the contacts and
/// deals of the same import now point.
struct ResolvedCompanies {
    var write: [Company]
    /// Incoming ID → the workspace company it was matched to.
    var alias: [String: String]
    /// Every company ID in the workspace or in this import.
    var known: Set<String>
    var resolver: CompanyResolver
    /// The workspace's and this import's companies, for rows that name their company by any key.
    var references: RecordReferenceResolver

    /// The company a record of this import refers to by `id`, after matching; nil when that
    /// company is neither in the workspace nor in the import (the record is skipped, counted).
    func company(_ id: String) -> String? {
        let resolved = alias[id] ?? id
        return known.contains(resolved) ? resolved : nil
    }

    /// What a connector row's company reference came to.
    enum Lookup: Equatable {
        case found(String)
        /// The reference columns name no company, or several: the row is rejected with this.
        case rejected(RecordReferenceResolver.Failure)
        /// Only an ID of a company neither in the workspace nor in the import (skipped, counted).
        case unknownId
        /// The row names no company at all.
        case none
    }

    /// The company a row refers to (issue 29): its own account ID as this import's 名寄せ left
    /// it; else its reference columns resolved like 名寄せ (ID, 法人番号, domain — also an
    /// e-mail's — then name with region), never guessed.
    func lookup(id: String?, keys: RecordReferenceResolver.CompanyKeys) -> Lookup {
        if let id, let found = company(id) { return .found(found) }
        if !keys.isEmpty {
            switch references.company(keys) {
            case .success(let found): return .found(found)
            case .failure(let f): return .rejected(f)
            }
        }
        return id == nil ? .none : .unknownId
    }
}

extension ConnectorImporter {
    /// 名寄せ on import: resolves each incoming company against the workspace and the companies
    /// before it in the same import (`CompanyResolver`). Same ID: written as given (the source's
    /// newer record). Matched by corporate number, domain or name: the workspace company is kept,
    /// its empty fields filled, and the incoming ID becomes an alias that the contacts and deals
    /// of this import are rewritten to. Ambiguous: imported under its own ID and reported, so
    /// `kizashi duplicates` / `kizashi merge` can settle it by hand.
    func resolveCompanies(_ incoming: [Company], report: inout ConnectorReport) async throws -> ResolvedCompanies {
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
        return ResolvedCompanies(
            write: write.values.sorted { $0.id < $1.id }, alias: alias, known: Set(current.keys), resolver: resolver,
            references: RecordReferenceResolver(companies: current.values.sorted { $0.id < $1.id }))
    }
}
