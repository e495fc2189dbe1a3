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
    @OptionGroup var periodOptions: PeriodOptions
    @Flag(help: "One report per month, --from … --to (inclusive).") var monthly = false
    @Option(help: "First month of --monthly (YYYY-MM).") var from: String?
    @Option(help: "Last month of --monthly (YYYY-MM).") var to: String?
    @Option(help: "Only this tier's targets (1, 2 or 3).") var tier: Int?
    @OptionGroup var output: ReportOutput

    func run() async throws {
        let language = try output.language()
        let tierValue = try TierOption.resolve(tier)
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
                switch output.format {
                case .json: print(JSONValue.array(reports.map { $0.json() }).serialized(pretty: true))
                case .csv: print(KPICSVRenderer.render(reports), terminator: "")
                case .table: print(KPITrendRenderer.render(reports, language: language))
                }
                return
            }
            let p = try periodOptions.resolve(timeZone: try await service.parameters().timeZone)
            let report = try await service.report(period: p, tier: tierValue)
            switch output.format {
            case .json: print(report.json().serialized(pretty: true))
            case .csv: print(KPICSVRenderer.render([report]), terminator: "")
            case .table: print(KPITableRenderer.render(report, language: language))
            }
        }
    }
}
