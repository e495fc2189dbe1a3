import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct NowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "The accounts to approach now (今アプローチすべき企業), with reasons, contact and next action.",
        discussion: """
            Ranked by a transparent rule score: fit (ICP, tier), engagement, 7-day momentum, intent surge,
            buying-committee breadth and high-intent actions of the last 7 days; accounts in an open deal rank
            lower unless re-engaging. Every factor's points are in --format json.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "How many accounts.") var limit = 20
    @Option(help: "Only this tier (1, 2 or 3).") var tier: Int?
    @Option(help: "As of this day (YYYY-MM-DD; default today in the workspace time zone).") var asOf: String?
    @Option(help: "Output format: table or json.") var format: TableOrJSON = .table
    @Option(help: "ja or en (default from the locale).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let tierValue = try TierOption.resolve(tier)
        let store: any WorkspaceStore
        do { store = try await WorkspaceLocation.open(workspace.location) } catch let e as StoreError {
            throw ValidationError(e.message)
        }
        do {
            let data = DashboardData(store: store)
            let (p, _) = try await data.parametersAndGoals()
            let day =
                try asOf.map { t -> Day in
                    guard let d = Day(iso: t) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
                    return d
                } ?? WorkspaceClock.today(in: p.timeZone)
            let (ranked, backtest) = try await data.approachNowRanked(asOf: day)
            let entries = ranked.filter { tierValue == nil || $0.account.tier == tierValue }
            let using = backtest?.modelWins == true ? "propensity" : "rule"
            let shown = Array(entries.prefix(limit))
            if format == .json {
                print(
                    JSONValue.object([
                        ("as_of", .string(day.description)), ("model", .string(using)),
                        ("backtest", backtest.map { BacktestRenderer.json($0) } ?? .null),
                        ("weights", ApproachWeights().json),
                        ("accounts", .array(shown.map { $0.json(language) })),
                    ]).serialized(pretty: true))
            } else {
                print(ApproachNowRenderer.render(shown, weights: ApproachWeights(), language: language), terminator: "")
                let auc = { (x: Double?) in x.map { String(format: "%.3f", $0) } ?? "—" }
                print(
                    "\n"
                        + (backtest.map {
                            L10n.t(
                                using == "rule" ? "now.cli.byRule" : "now.cli.byModel", language, $0.asOf.description,
                                auc($0.model.auc), auc($0.rule.auc))
                        } ?? L10n.t("now.cli.noModel", language)))
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
