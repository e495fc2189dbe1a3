import KizashiApp
import KizashiCore

/// The pages `kizashi report --format pdf` prints (issue 24 §2): the overview and the accounts
/// list, rendered by the same models and views as the dashboard but as a self-contained document
/// (stylesheet inlined, no script, no navigation), so headless Chromium prints it from a file
/// without a server, a session or any weakening of authentication.
public enum PrintablePage: String, CaseIterable, Sendable {
    case overview, accounts

    /// The page as one HTML document. `period` and `tier` are what the overview's period picker
    /// takes; the accounts page lists the first page (50, highest score first) on the period's
    /// last day, or today while the period runs (the meeting workbook's day), filtered to `tier`,
    /// as `/accounts?tier=…` shows it.
    public func html(period: KPIPeriod, tier: Tier?, language: Language, services: ServerServices) async throws
        -> String
    {
        switch self {
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

    /// Renders the page and has `printer` (Chromium, or a fake in tests) write it to `path` as a PDF.
    public func printPDF(
        period: KPIPeriod, tier: Tier?, language: Language, services: ServerServices, printer: any PagePrinter,
        to path: String
    ) async throws {
        let document = try await html(period: period, tier: tier, language: language, services: services)
        try await printer.printPDF(html: document, to: path)
    }

    private func shell(_ title: String, _ language: Language) -> PageShell {
        PageShell(title: title, language: language, identity: nil, active: nil, currentURL: "/", standalone: true)
    }
}
