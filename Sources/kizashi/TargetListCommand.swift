import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

/// `kizashi target-list add|remove`: the target account list one account at a time, as the API's
/// /api/v1/targets does (`TargetListService`), including the holdout check of issue 24 §4.
struct TargetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target-list", abstract: "Add an account to the target account list or remove it.",
        subcommands: [Add.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "e.g. `target-list add C0001 --tier 1`")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The company_id.") var company: String
        @Option(help: "Tier 1, 2 or 3.") var tier: Int
        @Option(help: "added_on (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "The owner.") var owner: String?
        @Flag(help: "Add it even if it is in the holdout of a running experiment (weakens that experiment).")
        var overrideHoldout = false
        @OptionGroup var languageOptions: LanguageOptions

        func run() async throws {
            let language = try languageOptions.language()
            guard let t = Tier(rawValue: tier) else { throw ValidationError("--tier must be 1, 2 or 3") }
            try await AsOfWorkspace.run(workspace, asOf: nil) { w in
                let day = try ExperimentCommand.day(on, field: "on") ?? w.day
                do {
                    let row = try await TargetListService(store: w.store).add(
                        companyId: company, tier: t, addedOn: day, owner: owner, overrideHoldout: overrideHoldout)
                    print("\(row.companyId): tier \(row.tier.rawValue) from \(row.addedOn)")
                } catch let r as TargetListService.Refusal {
                    throw ValidationError(TargetListCommand.message(r, language))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End the account's active membership today.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The company_id.") var company: String
        @OptionGroup var languageOptions: LanguageOptions

        func run() async throws {
            let language = try languageOptions.language()
            try await AsOfWorkspace.run(workspace, asOf: nil) { w in
                do {
                    let row = try await TargetListService(store: w.store).remove(companyId: company, today: w.day)
                    print("\(row.companyId): removed on \(row.removedOn?.description ?? "-")")
                } catch let r as TargetListService.Refusal {
                    throw ValidationError(TargetListCommand.message(r, language))
                }
            }
        }
    }

    static func message(_ r: TargetListService.Refusal, _ lang: Language) -> String {
        switch r {
        case .unknownCompany(let id): "no company \(id) in this workspace"
        case .alreadyTarget(let id, let day): "\(id) is already on the target list on \(day)"
        case .notATarget(let id): "\(id) is not an active target"
        case .heldOut(let id, let experiment): L10n.t("experiment.holdout_refused", lang, id, experiment)
        }
    }
}
