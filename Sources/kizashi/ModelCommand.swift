import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi model train|show`: the approach-now ranking trained once and kept (issue 20 §4).
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train or show the approach-now ranking kept in the workspace.",
        discussion: """
            `now`, the /now page and the API reuse the stored ranking until companies, contacts, targets, opportunities
            or settings change, or it is more than 7 days older than the day asked for; then `now` retrains it (and
            `serve` retrains in the background). `train` does it ahead of time, e.g. after an import.
            """,
        subcommands: [Train.self, Show.self]
    )

    /// The options both subcommands share.
    struct Options: ParsableArguments {
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "As of this day (YYYY-MM-DD; default today in the workspace time zone).") var asOf: String?
        @OptionGroup var output: TableOrJSONOutput

        /// Opens the workspace and runs `body` with the day and the scoring parameters.
        func run(
            _ body: (DashboardData, RankingModelService, Day, ScoringParameters, Language) async throws -> Void
        ) async throws {
            let language = try output.language()
            try await AsOfWorkspace.run(workspace, asOf: asOf) { w in
                try await body(w.data, RankingModelService(store: w.store), w.day, w.parameters, language)
            }
        }
    }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choose and fit the ranking as of a day (validation days before it) and store it.")
        @OptionGroup var options: Options

        func run() async throws {
            try await options.run { _, models, day, p, lang in
                FileHandle.standardError.write(Data((L10n.t("model.training", lang, day.description) + "\n").utf8))
                let started = ContinuousClock.now
                let trained = try await models.train(asOf: day, parameters: p)
                let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
                FileHandle.standardError.write(
                    Data((L10n.t("model.trainedIn", lang, String(format: "%.1f", seconds)) + "\n").utf8))
                print(try ModelCommand.render(trained, day: day, reuse: .reuse, options: options, lang: lang, p: p))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "What is stored: the candidate, its validation figures, what it was trained on, whether it is used.")
        @OptionGroup var options: Options

        func run() async throws {
            try await options.run { _, models, day, p, lang in
                let (stored, reuse) = try await models.usable(asOf: day)
                guard let stored else {
                    if options.output.format == .json {
                        print(JSONValue.object([("trained", .bool(false))]).serialized(pretty: true))
                    } else {
                        print(L10n.t("model.none", lang))
                    }
                    return
                }
                print(try ModelCommand.render(stored, day: day, reuse: reuse, options: options, lang: lang, p: p))
            }
        }
    }

    static func render(
        _ m: TrainedRanking, day: Day, reuse: TrainedRanking.Reuse, options: Options, lang: Language,
        p: ScoringParameters
    ) throws -> String {
        if options.output.format == .json {
            return m.json(lang, day: day, reuse: reuse, timeZone: p.timeZone).serialized(pretty: true)
        }
        return m.text(lang, day: day, reuse: reuse, timeZone: p.timeZone)
    }
}
