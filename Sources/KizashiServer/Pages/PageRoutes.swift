import Hummingbird
import KizashiApp
import KizashiCore
import KizashiStore

/// The dashboard's pages: each handler builds a view model from `DashboardData`, then renders it.
enum PageRoutes {
    static func shell(
        _ title: String, _ section: PageShell.Section?, _ request: Request, _ context: KizashiRequestContext
    )
        -> PageShell
    {
        PageShell(
            title: title, language: context.language, identity: context.identity, active: section,
            currentURL: request.uri.description)
    }

    static func add(to router: Router<KizashiRequestContext>, services: ServerServices) {
        router.get("/") { request, context in
            let lang = context.language
            let today = try await services.today()
            let picker = try PeriodPicker.parse(request, default: KPIPeriod.currentQuarter(of: today))
            var model = try await overview(services: services, picker: picker)
            if (context.identity?.role ?? .viewer) >= .editor, let token = context.identity?.session?.csrfToken {
                model.initiativeFormToken = token
            }
            let body = OverviewView(model: model, lang: lang, periodPicker: picker).render()
            return Responses.html(shell(L10n.t("nav.overview", lang), .overview, request, context).render(body))
        }

        router.get("/accounts") { request, context in
            let lang = context.language
            let (model, tz) = try await accounts(request, services: services)
            let body = AccountsView(model: model, lang: lang, timeZone: tz).render()
            return Responses.html(shell(L10n.t("accounts.title", lang), .accounts, request, context).render(body))
        }

        router.get("/accounts.csv") { request, context in
            let (model, tz) = try await accounts(request, services: services)
            return Responses.download(
                Array(AccountsModel.csv(model.rows, timeZone: tz).utf8), contentType: "text/csv; charset=utf-8",
                filename: "kizashi-accounts-\(model.asOf).csv")
        }

        router.get("/accounts/:id") { request, context in
            let id = try context.parameters.require("id")
            let lang = context.language
            guard let model = try await accountDetail(id, services: services) else {
                throw ProblemDetails.notFound("The account \(id)")
            }
            let journey = try await AccountJourneySection.load(
                companyId: id, model: try AccountJourneySection.model(from: request), services: services,
                today: model.asOf, lang: lang)
            let stages = try await JourneyHistorySection.load(
                companyId: id, services: services, today: model.asOf, lang: lang)
            let group = try await BuyingGroupSection.load(
                companyId: id, services: services, today: model.asOf, lang: lang)
            let body =
                AccountDetailView(model: model, lang: lang).render() + stages.render() + group.render()
                + journey.render()
            return Responses.html(shell(model.company.name, .accounts, request, context).render(body))
        }
    }

    static func overview(services: ServerServices, picker: PeriodPicker) async throws -> OverviewModel {
        let months = DashboardData.months(endingWith: picker.period.lastDay, count: 12)
        let data = services.data
        let report = try await data.report(period: picker.period, tier: picker.tier, alsoLoading: months)
        let previous = try await data.report(
            period: picker.period.previous, tier: picker.tier, alsoLoading: months + [picker.period])
        let monthly = try await data.monthly(months, tier: picker.tier, alsoLoading: [picker.period])
        let checklist = try await SetupChecklist.load(store: services.store)
        var model = OverviewModel(
            report: report, previous: previous, monthly: monthly, checklist: checklist.isComplete ? nil : checklist)
        model.targetsElsewhere = KPIPeriod.otherPeriodsWithTargets(
            try await data.parametersAndGoals().1, shown: picker.period)
        model.initiatives = InitiativeMarkers.markers(
            try await services.store.initiatives(), months: months, tier: picker.tier)
        model.review = try await services.store.periodReview(picker.period, tier: picker.tier)
        return model
    }

    static func accounts(_ request: Request, services: ServerServices) async throws -> (
        AccountsModel, WorkspaceTimeZone
    ) {
        let query = try AccountsModel.query(from: request)
        var page = 1
        if let text = request.query("page") {
            guard let n = Int(text), n >= 1 else {
                throw ProblemDetails.badRequest("page must be a whole number from 1 (got \(text))", field: "page")
            }
            page = n
        }
        let today = try await services.today()
        let list = try await services.data.accountList(asOf: today)
        let (p, _) = try await services.data.parametersAndGoals()
        return (AccountsModel(list: list, query: query, page: page), p.timeZone)
    }

    static func accountDetail(_ id: String, services: ServerServices) async throws -> AccountDetailModel? {
        let today = try await services.today()
        let c = try await services.data.computation(for: [KPIPeriod(start: today - 89, end: today + 1)])
        return try await AccountDetailModel.load(companyId: id, store: services.store, computation: c, asOf: today)
    }
}
