import KizashiApp
import KizashiCore
import KizashiStore

/// The live `DashboardPageRendering`: the overview and accounts pages `kizashi report --format pdf`
/// prints (issue 24 §2), rendered by the same models and views as the dashboard but as a
/// self-contained document (`PageShell`'s standalone form).
public struct ServerPageRenderer: DashboardPageRendering {
    public init() {}

    public func html(
        _ page: PrintedPage, period: KPIPeriod, tier: Tier?, language: Language, store: any WorkspaceStore
    ) async throws -> String {
        let services = ServerServices(store: store, configuration: ServerConfiguration())
        return try await html(page, period: period, tier: tier, language: language, services: services)
    }

    /// The page rendered with the server's services (the tests' workspace brings its own).
    public func html(
        _ page: PrintedPage, period: KPIPeriod, tier: Tier?, language: Language, services: ServerServices
    )
        async throws -> String
    {
        switch page {
        case .overview:
            let picker = PeriodPicker(period: period, tier: tier)
            let model = try await PageRoutes.overview(services: services, picker: picker)
            let body = OverviewView(model: model, lang: language, periodPicker: picker).render()
            return shell(L10n.t("nav.overview", language), language).render(body)
        case .accounts:
            let day = min(try await services.today(), period.lastDay)
            let list = try await services.data.accountList(asOf: day)
            let (p, _) = try await services.data.parametersAndGoals()
            let model = AccountsModel(list: list, query: AccountListQuery(tier: tier), page: 1)
            let body = AccountsView(model: model, lang: language, timeZone: p.timeZone).render()
            return shell(L10n.t("accounts.title", language), language).render(body)
        }
    }

    private func shell(_ title: String, _ language: Language) -> PageShell {
        PageShell(title: title, language: language, identity: nil, active: nil, currentURL: "/", standalone: true)
    }
}
