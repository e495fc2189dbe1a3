import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi review set|show`: the short review note (振り返り) of a period and tier (issue 24 §3).
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Keep a short review note (振り返り, Check/Act) with a period, shown with its KPIs.",
        subcommands: [Set.self, Show.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "e.g. `review set --period 2026Q3 --note \"SQL 化が遅れた。Q4 はウェビナー後の架電を増やす\"` (an empty note removes it)")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: "Only this tier (1, 2 or 3); default all tiers.") var tier: Int?
        @Option(help: "The note (at most 4,000 characters; line breaks kept).") var note: String

        func run() async throws {
            try await InitiativeCommand.with(workspace) { service in
                let p = try period.resolve(timeZone: try await KPIService(store: service.store).parameters().timeZone)
                let r = try await service.setReview(period: p, tier: try TierOption.resolve(tier), note: note)
                print(r.note.isEmpty ? "removed the note of \(p)" : r.json.serialized(pretty: true))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The note of a period and tier.")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: "Only this tier (1, 2 or 3); default all tiers.") var tier: Int?

        func run() async throws {
            try await InitiativeCommand.with(workspace) { service in
                let p = try period.resolve(timeZone: try await KPIService(store: service.store).parameters().timeZone)
                let r = try await service.review(period: p, tier: try TierOption.resolve(tier))
                print(r?.json.serialized(pretty: true) ?? "null")
            }
        }
    }
}
