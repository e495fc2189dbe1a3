import ArgumentParser
import KizashiApp
import KizashiCore

struct JourneyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journey",
        abstract:
            "Where target accounts stand in the journey and how they moved: stages, transitions, conversion, velocity.",
        discussion: """
            Period: --period 2026Q3 | 2026-09 | 2026, or --start 2026-07-01 --end 2026-10-01 (end exclusive).
            Default: the last full quarter. Stages (docs/journeys.md): Target → Aware → Engaged → Qualified →
            Opportunity → Customer, the furthest whose rule holds on a day. "At start" is the day before the
            period, "at end" its last day. --format json prints the API's bytes.
            Settings: journey.aware_window_days, journey.engaged_threshold, journey.qualified_window_days,
            journey.qualified_signals, journey.customer_won_days, journey.name.<stage>.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option(help: "Only targets of this tier (1, 2 or 3): their tier on the period's last day.") var tier: Int?
    @OptionGroup var output: ReportOutput
    @Option(help: "Instead of the movement report: every target's stage on this day (YYYY-MM-DD).") var on: String?
    @Flag(
        help: """
            With --on: buying-group coverage of every target that day (json, or csv for table and csv). \
            With a period: the share of targets with full coverage per tier, the day before it and at each month end.
            """)
    var coverage = false

    func run() async throws {
        let language = try output.language()
        let tierValue = try TierOption.resolve(tier)
        try await withStore(workspace) { store in
            let service = JourneyService(store: store)
            let (scoring, rules) = try await service.parameters()
            if coverage && on == nil {
                let p = try periodOptions.resolve(timeZone: scoring.timeZone)
                do { try JourneyMovement.check(p) } catch let e as JourneyMovement.PeriodTooLong {
                    throw ValidationError(e.description)
                }
                let trend = try await service.coverageTrend(period: p).map { point in
                    (point.day, point.coverage.filter { tierValue == nil || $0.tier == tierValue })
                }
                switch output.format {
                case .json: print(CoverageTrendRenderer.json(trend, period: p).serialized(pretty: true))
                case .csv: print(CoverageTrendRenderer.csv(trend), terminator: "")
                case .table: print(CoverageTrendRenderer.table(trend, period: p, language: language))
                }
                return
            }
            if coverage {
                guard let day = Day(iso: on ?? "") else { throw ValidationError("--coverage needs --on YYYY-MM-DD") }
                let list = try await service.coverage(on: day).filter { tierValue == nil || $0.tier == tierValue }
                switch output.format {
                case .json:
                    let body = JSONValue.object([
                        ("day", .string("\(day)")), ("summary", BuyingGroupCoverage.summary(list)),
                        ("accounts", .array(list.map(\.json))),
                    ])
                    print(body.serialized(pretty: true))
                case .csv, .table: print(BuyingGroupCoverage.csv(list), terminator: "")
                }
                return
            }
            if let on {
                guard let day = Day(iso: on) else { throw ValidationError("--on must be a date YYYY-MM-DD") }
                let list = try await service.stages(on: day)
                let filtered = tierValue.map { t in list.filter { $0.tier == t } } ?? list
                switch output.format {
                case .json: print(AccountStageRenderer.json(filtered, day: day, rules: rules).serialized(pretty: true))
                case .csv: print(AccountStageRenderer.csv(filtered), terminator: "")
                case .table: print(AccountStageRenderer.table(filtered, day: day, rules: rules, language: language))
                }
                return
            }
            let p = try periodOptions.resolve(timeZone: scoring.timeZone)
            do { try JourneyMovement.check(p) } catch let e as JourneyMovement.PeriodTooLong {
                throw ValidationError(e.description)
            }
            let report = try await service.movement(period: p, tier: tierValue)
            switch output.format {
            case .json: print(report.json.serialized(pretty: true))
            case .csv: print(JourneyCSVRenderer.render(report), terminator: "")
            case .table: print(JourneyTableRenderer.render(report, language: language))
            }
        }
    }
}
