import ArgumentParser
import Foundation
import KizashiApp
import KizashiCore
import KizashiStore

struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "How well each way of ranking the approach-now list predicts new opportunities, side by side.",
        discussion: """
            For each as-of day, the list's choice is made as it would have been that day: the logistic model and the
            boosted trees are fitted on target accounts (not in an open deal) as of sample days before it, and every
            candidate — engagement score, rule score, the two models — is validated on the last sample days (labels:
            a new opportunity within --horizon days, all known before the as-of day); the most hits in the top --k
            wins. Then every candidate is tested on days from the as-of day (to the next as-of day with --every).
            Prints AUC, precision and hits at 10/25/50, lift of the top 10 % and calibration by decile, per as-of
            day and pooled.
            """
    )
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "First test day (YYYY-MM-DD).") var asOf: String
    @Option(help: "Days after a sample day in which an opportunity counts.") var horizon = 30
    @Option(help: "Last day of data (default today in the workspace time zone).") var dataEnd: String?
    @Option(help: "Repeat for as-of days this far apart (7d, 2w, 1m), up to --until.") var every: String?
    @Option(help: "Last as-of day with --every (YYYY-MM-DD).") var until: String?
    @Option(help: "The list length a BDR works; the choice maximises precision at k.") var k = 25
    @Option(
        help: "Days between test days (from each as-of day up to the next; 31 with --every 1m: the as-of days only).")
    var testEvery = 7
    @Flag(help: "Instead: add the candidate features one at a time, kept when validation improves.")
    var featureStudy = false
    @OptionGroup var output: TableOrJSONOptions
    @Option(help: "ja or en (default from the locale; the table only — JSON keys stay as they are).") var lang: String?

    func run() async throws {
        let language = try LanguageOption.resolve(lang)
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
        guard (1...365).contains(horizon) else { throw ValidationError("--horizon must be 1 to 365 days") }
        guard (1...1000).contains(k) else { throw ValidationError("--k must be 1 to 1000") }
        guard (1...366).contains(testEvery) else { throw ValidationError("--test-every must be 1 to 366 days") }
        var asOfDays = [day]
        if let every {
            guard let u = until.flatMap(Day.init(iso:)) else {
                throw ValidationError("--every needs --until, a date YYYY-MM-DD")
            }
            guard let step = AsOfStep(every) else {
                throw ValidationError("--every must be a number and d, w or m (7d, 2w, 1m; got \(every))")
            }
            asOfDays = step.days(from: day, through: u)
            guard asOfDays.count <= 60 else { throw ValidationError("--every … --until gives more than 60 as-of days") }
        } else if until != nil {
            throw ValidationError("--until needs --every")
        }
        let store: any WorkspaceStore
        do { store = try await workspace.openStore() } catch let e as StoreError {
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
            guard let last = asOfDays.last, last + horizon <= end else {
                throw ValidationError(
                    "the last as-of day \(asOfDays.last ?? day) + \(horizon) days is after the data's last day \(end)")
            }
            if featureStudy {
                let steps = try await BacktestService(store: store).featureStudy(
                    asOfDays: asOfDays, parameters: p, k: k)
                try await store.close()
                print(FeatureStudyRenderer.table(steps, k: k), terminator: "")
                return
            }
            result = try await BacktestService(store: store).run(
                asOfDays: asOfDays, horizon: horizon, dataEnd: end, parameters: p, k: k, testStep: testEvery)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        if output.format == .json {
            print(BacktestRenderer.json(result).serialized(pretty: true))
        } else {
            print(BacktestRenderer.table(result, language: language), terminator: "")
        }
    }
}

/// `--every`: a count of days, weeks or calendar months between as-of days.
struct AsOfStep {
    let count: Int
    let unit: Character

    init?(_ text: String) {
        guard let u = text.last, "dwm".contains(u), let n = Int(text.dropLast()), (1...366).contains(n) else {
            return nil
        }
        count = n
        unit = u
    }

    /// `from`, then every step after it, up to `through` (at most 61 days, to bound the work).
    func days(from: Day, through: Day) -> [Day] {
        var out: [Day] = []
        var i = 0
        while out.count <= 60 {
            let d: Day
            switch unit {
            case "m": d = from.addingMonths(count * i)
            case "w": d = from + 7 * count * i
            default: d = from + count * i
            }
            guard d <= through else { break }
            out.append(d)
            i += 1
        }
        return out
    }
}
