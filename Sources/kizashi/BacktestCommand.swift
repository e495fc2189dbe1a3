import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "How well the propensity model, the rule score and the engagement score predict new opportunities.",
        discussion: """
            Time split: a regularised logistic regression is trained on target accounts as of days before --as-of
            (their labels — an opportunity created within --horizon days — known before --as-of), calibrated on the
            last fifth of those days, and tested on days from --as-of on. Prints AUC, precision at 10/25/50, lift of
            the top 10 % against random, calibration by decile and the model's coefficients.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "First test day (YYYY-MM-DD).") var asOf: String
    @Option(help: "Days after a sample day in which an opportunity counts.") var horizon = 30
    @Option(help: "Last day of data (default today in the workspace time zone).") var dataEnd: String?
    @Option(help: "Output format: table or json.") var format: TableOrJSON = .table
    @Option(help: "ja or en (default from the locale; the table only — JSON keys stay as they are).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
        guard (1...365).contains(horizon) else { throw ValidationError("--horizon must be 1 to 365 days") }
        let store: any WorkspaceStore
        do { store = try await WorkspaceLocation.open(workspace.location) } catch let e as StoreError {
            throw ValidationError(e.message)
        }
        let result: BacktestResult
        do {
            let p = try WorkspaceSettings.parameters(from: try await store.settings())
            let end =
                try dataEnd.map { t -> Day in
                    guard let d = Day(iso: t) else { throw ValidationError("--data-end must be a date YYYY-MM-DD") }
                    return d
                } ?? WorkspaceClock.today(in: p.timeZone)
            guard day + horizon <= end else {
                throw ValidationError("--as-of \(asOf) + \(horizon) days is after the data's last day \(end)")
            }
            result = try await BacktestService(store: store).run(
                asOf: day, horizon: horizon, dataEnd: end, parameters: p)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        if format == .json {
            print(BacktestRenderer.json(result).serialized(pretty: true))
        } else {
            print(BacktestRenderer.table(result, language: language), terminator: "")
        }
    }
}
