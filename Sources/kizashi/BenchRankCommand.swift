import ArgumentParser
import Foundation
import KizashiCore

/// `kizashi bench-rank`: times the approach-now ranking over a synthetic workspace of N target
/// accounts (issue 4: "ranking 100k accounts ≤ 100 ms"). Hidden: a benchmark, run by `bench/rank`.
///
/// Why synthetic: the large demo set has 13k targets, and the target is about 100k. The data has
/// the shape of the demo's (every account active in the score window, intent on several topics
/// with surges, a recent activity stream with roles and pricing pages), generated in memory with
/// a fixed seed, so the timing is the ranking alone, not I/O.
struct BenchRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rank", abstract: "Benchmark: the approach-now ranking over N synthetic accounts.",
        shouldDisplay: false)
    @Option(help: "Target accounts.") var accounts = 100_000
    @Option(help: "Timed repetitions (median and min–max are printed).") var repetitions = 5
    @Option(help: "Seed of the synthetic data.") var seed: UInt64 = 42

    func run() throws {
        guard accounts > 0, repetitions > 0 else { throw ValidationError("--accounts and --repetitions must be ≥ 1") }
        let today = SyntheticRankingWorkspace.today
        let workspace = SyntheticRankingWorkspace(accounts: accounts, seed: seed)
        let (dataset, recent, p) = (workspace.dataset, workspace.recent, ScoringParameters())
        let entries = dataset.activities.entries, intent = dataset.intent
        let computation = KPIComputation(dataset: dataset, parameters: p)
        print(
            "synthetic workspace: \(accounts) target accounts, \(entries.count) roll-up cells, \(intent.count) intent rows, \(recent.count) recent activities"
        )
        var listTimes: [Double] = [], rankTimes: [Double] = [], shownTimes: [Double] = [], allTimes: [Double] = []
        var ranked = 0
        for _ in 0..<repetitions {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let list = AccountList(computation: computation, asOf: today, activity: [:], openOpportunities: [])
            let t1 = DispatchTime.now().uptimeNanoseconds
            let ranking = ApproachNowList.ranking(accounts: list, recent: recent, parameters: p)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let shown = ranking.entries(limit: 30)
            let t3 = DispatchTime.now().uptimeNanoseconds
            let all = ranking.entries()
            let t4 = DispatchTime.now().uptimeNanoseconds
            precondition(shown.count == min(30, all.count))
            ranked = ranking.count
            listTimes.append(Double(t1 - t0) / 1e6)
            rankTimes.append(Double(t2 - t1) / 1e6)
            shownTimes.append(Double(t3 - t2) / 1e6)
            allTimes.append(Double(t4 - t3) / 1e6)
        }
        func summary(_ x: [Double]) -> String {
            let s = x.sorted()
            return String(format: "median %.1f ms (%.1f–%.1f)", s[s.count / 2], s.first!, s.last!)
        }
        print("account list (scores, momentum, topics) for \(ranked) accounts: \(summary(listTimes))")
        print(
            "approach-now ranking of every account (factors and priority; the full order is sorted on demand): \(summary(rankTimes))"
        )
        print("the 30 shown entries (reasons, interests, contact): \(summary(shownTimes))")
        print(
            "list + ranking + 30 shown (what the page and API do): \(summary(zip(zip(listTimes, rankTimes).map(+), shownTimes).map(+)))"
        )
        print("(for comparison: reasons for every account: \(summary(allTimes)))")
    }
}
