import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi initiative add|list|remove`: the initiative log (施策ログ, issue 24 §3).
struct InitiativeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "initiative", abstract: "Log what the team did when (施策ログ), to read KPI changes against it.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "e.g. `initiative add --on 2026-08-01 --title \"展示会出展\" --campaign C1 --tier 1`")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "The day (YYYY-MM-DD).") var on: String
        @Option(help: "What was done (at most 200 characters).") var title: String
        @Option(help: "The campaign_id it belongs to.") var campaign: String?
        @Option(help: "The tier it was aimed at (1, 2 or 3).") var tier: Int?

        func run() async throws {
            try await InitiativeCommand.with(workspace) { service in
                let i = try await service.add(on: on, title: title, campaign: campaign, tier: tier)
                print(i.json.serialized())
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every initiative, by day.")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: TableOrJSONOptions

        func run() async throws {
            try await InitiativeCommand.with(workspace) { service in
                output.printList(try await service.list(), json: \.json) { i in
                    let extra = [i.campaignId.map { "campaign \($0)" }, i.tier.map { "tier \($0.rawValue)" }]
                        .compactMap { $0 }.joined(separator: ", ")
                    return "#\(i.id ?? 0)  \(i.on)  \(i.title)\(extra.isEmpty ? "" : "  (\(extra))")"
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an initiative by its number.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The initiative's number (see `initiative list`).") var id: String

        func run() async throws {
            guard id.utf8.count <= 19, let n = Int64(id), n > 0 else {
                throw ValidationError("the number must be a positive whole number")
            }
            try await InitiativeCommand.with(workspace) { service in
                guard try await service.remove(id: n) else { throw ValidationError("no initiative #\(n)") }
                print("removed #\(n)")
            }
        }
    }

    static func with(_ workspace: WorkspaceOptions, _ body: (InitiativeService) async throws -> Void) async throws {
        try await AsOfWorkspace.run(workspace, asOf: nil) { w in
            do { try await body(InitiativeService(store: w.store)) } catch let p as ExperimentInput.Problem {
                throw ValidationError("--\(p.field) \(p.reason)")
            }
        }
    }
}
