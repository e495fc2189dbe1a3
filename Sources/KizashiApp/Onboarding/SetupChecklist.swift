import KizashiCore
import KizashiStore

/// What a new workspace still needs, in the order a team does it (issue 28 §11): companies, the
/// ICP, the target list, KPI targets, the tracking tag. The overview shows the list while any
/// step is open; each step links to the page that does it.
public struct SetupChecklist: Sendable, Equatable {
    public enum Step: String, Sendable, CaseIterable {
        case importCompanies = "import_companies"
        case setICP = "set_icp"
        case importTargets = "import_targets"
        case setKPITargets = "set_kpi_targets"
        case addTag = "add_tag"

        /// The page that does it.
        public var link: String {
            switch self {
            case .importCompanies, .importTargets: "/import"
            case .setICP: "/settings#icp"
            case .setKPITargets: "/settings#goals"
            case .addTag: "/settings#site-keys"
            }
        }
    }

    public var done: [Step: Bool]

    public init(done: [Step: Bool]) { self.done = done }

    public var isComplete: Bool { Step.allCases.allSatisfy { done[$0] == true } }

    public static func load(store: any WorkspaceStore) async throws -> SetupChecklist {
        let counts = try await store.counts(of: [.companies, .targets])
        return SetupChecklist(done: [
            .importCompanies: (counts[.companies] ?? 0) > 0,
            .setICP: try await store.icp() != nil,
            .importTargets: (counts[.targets] ?? 0) > 0,
            .setKPITargets: !(try await store.goals()).isEmpty,
            .addTag: !(try await store.siteKeys()).isEmpty,
        ])
    }
}
