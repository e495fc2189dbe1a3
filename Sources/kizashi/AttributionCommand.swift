import ArgumentParser
import KizashiApp
import KizashiCore

/// `--model`: one attribution model, or all seven.
enum AttributionModelOption: String, ExpressibleByArgument, CaseIterable {
    case linear, first_touch, last_touch, u_shaped, w_shaped, time_decay, markov, all

    var models: [AttributionModel] { AttributionModel.selection(rawValue) ?? AttributionModel.allCases }
}

/// `--by`: rows per campaign (with the direct keys) or per channel.
enum AttributionByOption: String, ExpressibleByArgument, CaseIterable {
    case campaign, channel

    var breakdown: AttributionBreakdown { self == .campaign ? .campaign : .channel }
}

struct AttributionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution",
        abstract: "Which campaigns (施策) created pipeline and revenue: multi-touch attribution and campaign ROI.",
        discussion: """
            Period: --period 2026Q3 | 2026-09 | 2026, or --start 2026-07-01 --end 2026-10-01 (end exclusive).
            Default: the last full quarter. Models: linear, first_touch, last_touch, u_shaped, w_shaped,
            time_decay, markov (data-driven), or all (default). --format json prints the JSON of
            attribution.md (the API's bytes); --model narrows its models, --by only shapes the table and CSV.
            Settings: attribution.lookback_days, attribution.touch_types, attribution.half_life_days.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Only opportunities of this tier's targets (1, 2 or 3), taken on their created_on day.")
    var tier: Int?
    @Option(help: "Attribution model, or all.") var model: AttributionModelOption = .all
    @Option(help: "Rows of the table and CSV: campaign or channel.") var by: AttributionByOption = .campaign
    @OptionGroup var output: ReportOutput

    func run() async throws {
        let language = try output.language()
        let tierValue = try TierOption.resolve(tier)
        try await withStore(workspace) { store in
            let service = AttributionService(store: store)
            let (scoring, _) = try await service.parameters()
            let p = try periodOptions.resolve(timeZone: scoring.timeZone)
            let report = try await service.report(period: p, tier: tierValue)
            switch output.format {
            case .json: print(report.json(models: model.models).serialized(pretty: true))
            case .csv:
                print(AttributionCSVRenderer.render(report, models: model.models, by: by.breakdown), terminator: "")
            case .table:
                print(
                    AttributionTableRenderer.render(
                        report, models: model.models, by: by.breakdown, currency: scoring.currency, language: language))
            }
        }
    }
}
