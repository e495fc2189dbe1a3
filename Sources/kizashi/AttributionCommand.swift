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
    @Option(help: "A calendar period: 2026Q3, 2026-09 or 2026.") var period: String?
    @Option(help: "First day of a custom period (YYYY-MM-DD).") var start: String?
    @Option(help: "Day after the last day of a custom period (YYYY-MM-DD, exclusive).") var end: String?
    @Option(help: "Only opportunities of this tier's targets (1, 2 or 3), taken on their created_on day.")
    var tier: Int?
    @Option(help: "Attribution model, or all.") var model: AttributionModelOption = .all
    @Option(help: "Rows of the table and CSV: campaign or channel.") var by: AttributionByOption = .campaign
    @Option(help: "Output format: table, json or csv.") var format: TableJSONOrCSV = .table
    @Option(help: "Language of the table: ja or en (default from the locale).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        let tierValue = try tier.map { t -> Tier in
            guard let v = Tier(rawValue: t) else { throw ValidationError("--tier must be 1, 2 or 3 (got \(t))") }
            return v
        }
        try await withStore(workspace) { store in
            let service = AttributionService(store: store)
            let (scoring, _) = try await service.parameters()
            let p = try resolvePeriod(timeZone: scoring.timeZone)
            let report = try await service.report(period: p, tier: tierValue)
            switch format {
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

    func resolvePeriod(timeZone: WorkspaceTimeZone) throws -> KPIPeriod {
        if let period {
            if start != nil || end != nil { throw ValidationError("give either --period or --start/--end, not both") }
            guard let p = KPIPeriod(label: period) else {
                throw ValidationError("--period \(period): use 2026Q3, 2026-09 or 2026")
            }
            return p
        }
        if start != nil || end != nil {
            guard let start, let s = Day(iso: start) else { throw ValidationError("--start must be a date YYYY-MM-DD") }
            guard let end, let e = Day(iso: end) else { throw ValidationError("--end must be a date YYYY-MM-DD") }
            guard s < e else { throw ValidationError("--end \(end) must be after --start \(start) (end is exclusive)") }
            return KPIPeriod(start: s, end: e)
        }
        return KPIService.lastFullQuarter(before: WorkspaceClock.today(in: timeZone))
    }
}
