import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore

struct KPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Print every ABM KPI of a period (kpis.md), with targets, attainment and the bottleneck.",
        discussion: """
            Period: --period 2026Q3 | 2026-09 | 2026, or --start 2026-07-01 --end 2026-10-01 (end exclusive).
            Default: the last full quarter. Trends: --monthly --from 2025-10 --to 2026-10.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "A calendar period: 2026Q3, 2026-09 or 2026.") var period: String?
    @Option(help: "First day of a custom period (YYYY-MM-DD).") var start: String?
    @Option(help: "Day after the last day of a custom period (YYYY-MM-DD, exclusive).") var end: String?
    @Flag(help: "One report per month, --from … --to (inclusive).") var monthly = false
    @Option(help: "First month of --monthly (YYYY-MM).") var from: String?
    @Option(help: "Last month of --monthly (YYYY-MM).") var to: String?
    @Option(help: "Only this tier's targets (1, 2 or 3).") var tier: Int?
    @Option(help: "Output format: table, json or csv.") var format: TableJSONOrCSV = .table
    @Option(help: "Language of the table: ja or en (default from the locale).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        let tierValue = try tier.map { t -> Tier in
            guard let v = Tier(rawValue: t) else { throw ValidationError("--tier must be 1, 2 or 3 (got \(t))") }
            return v
        }
        try await withStore(workspace) { store in
            let service = KPIService(store: store)
            if monthly {
                guard let from, let to else { throw ValidationError("--monthly needs --from YYYY-MM and --to YYYY-MM") }
                guard let f = KPIPeriod(label: from), f.kind == .month, let t = KPIPeriod(label: to), t.kind == .month
                else {
                    throw ValidationError("--from and --to must be months written YYYY-MM")
                }
                guard f.start <= t.start else { throw ValidationError("--from \(from) is after --to \(to)") }
                let reports = try await service.monthly(from: f, to: t, tier: tierValue)
                switch format {
                case .json: print(JSONValue.array(reports.map { $0.json() }).serialized(pretty: true))
                case .csv: print(KPICSVRenderer.render(reports), terminator: "")
                case .table: print(KPITrendRenderer.render(reports, language: language))
                }
                return
            }
            let p = try resolvePeriod(parameters: try await service.parameters())
            let report = try await service.report(period: p, tier: tierValue)
            switch format {
            case .json: print(report.json().serialized(pretty: true))
            case .csv: print(KPICSVRenderer.render([report]), terminator: "")
            case .table: print(KPITableRenderer.render(report, language: language))
            }
        }
    }

    func resolvePeriod(parameters: ScoringParameters) throws -> KPIPeriod {
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
        return KPIService.lastFullQuarter(before: WorkspaceClock.today(in: parameters.timeZone))
    }
}
