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
            Ranked by whichever of the rule score, the engagement score, the logistic model and the boosted
            trees had the most accounts opening a new opportunity within 30 days in its top 25 on validation
            days before --as-of (AUC breaking ties); the choice and its figures are printed under the list.
            Accounts in an open deal are listed apart when re-engaging. Every factor's points and the model's
            reasons are in --format json. The trained ranking is stored and reused (see `kizashi model`).
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "How many accounts.") var limit = 20
    @Option(help: "Only this tier (1, 2 or 3).") var tier: Int?
    @Option(help: "As of this day (YYYY-MM-DD; default today in the workspace time zone).") var asOf: String?
    @OptionGroup var output: TableOrJSONOutput

    func run() async throws {
        let language = try output.language()
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let tierValue = try TierOption.resolve(tier)
        // Say when the list must first train its ranking (the slow path; `model train` ahead of
        // time avoids it).
        let announce: @Sendable (Day) -> Void = { day in
            FileHandle.standardError.write(Data((L10n.t("model.training", language, day.description) + "\n").utf8))
        }
        try await AsOfWorkspace.run(workspace, asOf: asOf, training: .inline(announce: announce)) { w in
            let list = try await w.data.approachNowList(asOf: w.day, tier: tierValue, limit: limit)
            if output.format == .json {
                print(list.json(language, asOf: w.day, weights: ApproachWeights()).serialized(pretty: true))
            } else {
                print(ApproachNowRenderer.render(list, weights: ApproachWeights(), language: language), terminator: "")
            }
        }
    }
}
