import KizashiCore
import KizashiStore

/// 名寄せ, first step: the groups of companies that share a match key (kpis.md §duplicate_rate:
/// corporate number, normalised domain, normalised name + region), with the evidence.
public enum DuplicateReport {
    public struct Group: Sendable, Equatable {
        public var kind: String
        public var key: String
        public var companies: [(id: String, name: String, domain: String?, region: String?)]
        public static func == (a: Group, b: Group) -> Bool {
            a.kind == b.kind && a.key == b.key && a.companies.map(\.id) == b.companies.map(\.id)
        }
    }

    public static func groups(store: any WorkspaceStore) async throws -> [Group] {
        var companies: [Company] = []
        var after: String?
        while true {
            let page = try await store.companies(after: after, limit: 10_000)
            companies += page
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.id
        }
        let analysis = TargetDefinitionAnalysis(companies: companies, contacts: [], icp: nil, candidates: [])
        let byId = Dictionary(companies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return analysis.duplicateGroups.map { g in
            Group(
                kind: g.kind, key: g.key,
                companies: g.companyIds.compactMap { id in byId[id].map { (id, $0.name, $0.domain, $0.region) } })
        }
    }
}
