import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi experiment create|list|end|report`: holdout experiments (issue 24 §4). Parsing and
/// printing only; `ExperimentService` does the rest.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Holdout experiments: prove that ABM works by comparing targeted accounts with a random holdout.",
        discussion: """
            `create` draws a random holdout of the ICP accounts, stratified by tier and industry and reproducible from
            the seed (SplitMix64); while the experiment runs, the target list refuses its holdout accounts (override
            with `kizashi target-list add … --override-holdout`). `report` compares the groups with 95 % intervals.
            """,
        subcommands: [Create.self, List.self, End.self, Report.self]
    )

    struct Common: ParsableArguments {
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Today, for the draw's tiers and the report's default end (YYYY-MM-DD; default today).")
        var asOf: String?
        @OptionGroup var output: TableOrJSONOutput

        func run(_ body: (ExperimentService, Day, Language) async throws -> Void) async throws {
            let language = try output.language()
            try await AsOfWorkspace.run(workspace, asOf: asOf) { w in
                try await refusalsAsUsageErrors { try await body(ExperimentService(store: w.store), w.day, language) }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "e.g. `experiment create --name \"FY26 H2\" --from ICP --holdout 20% --seed 7 --start 2026-07-01`"
        )
        @OptionGroup var common: Common
        @Option(help: "A name (at most 100 characters).") var name: String
        @Option(help: "Who is drawn from: ICP (the companies matching the ICP today).") var from = "ICP"
        @Option(help: "The holdout's share of each stratum, above 0 and below 100 (e.g. 20%).") var holdout: String
        @Option(help: "The seed of the draw (0 to 18446744073709551615): the same seed draws the same accounts.")
        var seed: String
        @Option(help: "The first day of the experiment (YYYY-MM-DD).") var start: String

        func run() async throws {
            try await common.run { service, today, lang in
                let created = try await service.create(
                    try ExperimentService.Request(name: name, from: from, holdout: holdout, seed: seed, start: start),
                    today: today)
                if common.output.format == .json {
                    print(CreatedExperimentJSON.created(created).serialized(pretty: true))
                    return
                }
                print(ExperimentCommand.render(created.experiment, format: .table, lang: lang))
                if !created.holdoutOnTargetList.isEmpty {
                    let ids = created.holdoutOnTargetList.joined(separator: " ")
                    FileHandle.standardError.write(
                        Data(
                            (L10n.t("experiment.holdout_listed", lang, created.holdoutOnTargetList.count)
                                + "\n  \(ids)\n").utf8))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every experiment, its share, seed and groups.")
        @OptionGroup var common: Common

        func run() async throws {
            try await common.run { service, _, lang in
                common.output.table.printList(
                    try await service.list(), json: { ExperimentRendering.json($0) },
                    empty: L10n.t("experiment.none", lang)
                ) { ExperimentCommand.render($0, format: .table, lang: lang) }
            }
        }
    }

    /// The common options and an experiment's name: what `end` and `report` are given first.
    struct Named: ParsableArguments {
        @OptionGroup var common: Common
        @Argument(help: "The experiment's name.") var name: String
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End an experiment: from that day its holdout may be targeted again.")
        @OptionGroup var experiment: Named
        @Option(help: "The day it ends (exclusive; default today).") var on: String?

        func run() async throws {
            try await experiment.common.run { service, today, lang in
                let day = try ExperimentCommand.day(on, field: "on") ?? today
                print(
                    ExperimentCommand.render(
                        try await service.end(named: experiment.name, on: day), format: experiment.common.output.format,
                        lang: lang))
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Treated against holdout: rates, pipeline and revenue per account, 95 % intervals, implied ROI.")
        @OptionGroup var experiment: Named
        @Option(help: "End of the period, exclusive (default: the day it ended, else today).") var end: String?

        func run() async throws {
            try await experiment.common.run { service, today, lang in
                let endDay = try ExperimentCommand.day(end, field: "end")
                let (_, report) = try await service.report(named: experiment.name, end: endDay, today: today)
                switch experiment.common.output.format {
                case .json: print(ExperimentRendering.json(report).serialized(pretty: true))
                case .table: print(ExperimentRendering.table(report, lang: lang), terminator: "")
                }
            }
        }
    }

    /// The day an optional `--field` option gives (nil when not given).
    static func day(_ text: String?, field: String) throws -> Day? {
        guard let text else { return nil }
        do { return try ExperimentInput.day(text, field: field) } catch let p as ExperimentInput.Problem {
            throw ValidationError("--\(p.field) \(p.reason)")
        }
    }

    static func render(_ e: Experiment, format: TableOrJSON, lang: Language) -> String {
        if format == .json { return ExperimentRendering.json(e).serialized(pretty: true) }
        let state =
            e.endedOn.map { L10n.t("experiment.ended", lang, $0.description) } ?? L10n.t("experiment.running", lang)
        return """
            \(e.name) (\(state))
              \(L10n.t("experiment.start", lang)): \(e.start)  \(L10n.t("experiment.share", lang)): \(e.share)  \(L10n.t("experiment.seed", lang)): \(e.seed)
              \(L10n.t("experiment.treated", lang)): \(e.count(.treated))  \(L10n.t("experiment.holdout", lang)): \(e.count(.holdout))
            """
    }
}
