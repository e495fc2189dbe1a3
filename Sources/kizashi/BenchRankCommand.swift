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
        var rng = seed | 1
        func next(_ n: Int) -> Int {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        let today = Day(year: 2026, month: 10, day: 31)!
        let topics = ["SFA", "MA", "CRM", "CDP", "BI", "ERP", "会計", "人事労務", "セキュリティ", "EDI"]
        let types = ActivityType.allCases
        var companies: [Company] = []
        var targets: [TargetMembership] = []
        var entries: [ActivityRollup.Entry] = []
        var intent: [IntentSignal] = []
        var recent: [RecentAccountActivity] = []
        for i in 0..<accounts {
            let id = "C\(i)"
            companies.append(Company(id: id, name: "会社\(i)", industry: i % 3 == 0 ? "製造業" : "情報通信業"))
            targets.append(TargetMembership(companyId: id, tier: Tier(rawValue: 1 + i % 3)!, addedOn: today - 400))
            for _ in 0..<(6 + next(10)) {
                entries.append(
                    .init(
                        day: today - next(90), account: Int32(i), type: types[next(types.count)],
                        count: Int32(1 + next(3))))
            }
            for _ in 0..<(2 + next(12)) {
                let d = today - next(63)
                intent.append(
                    IntentSignal(
                        id: "", companyId: id, observedOn: d, topic: topics[next(topics.count)],
                        kind: next(8) == 0 ? .competitorVisit : .contentConsumption, score: next(101)))
            }
            for _ in 0..<next(5) {
                let contact = "P\(i)-\(next(4))"
                recent.append(
                    RecentAccountActivity(
                        companyId: id, day: today - next(7), type: types[next(types.count)], contactId: contact,
                        department: ["情報システム部", "営業部", "経営企画部"][next(3)],
                        role: [ContactRole.decisionMaker, .influencer, .user][next(3)], contactName: "担当 \(contact)",
                        url: next(4) == 0 ? "/pricing" : "/products/\(next(20))", topic: topics[next(topics.count)]))
            }
        }
        entries.sort { $0.day < $1.day }
        intent.sort { $0.observedOn < $1.observedOn }
        let p = ScoringParameters()
        let dataset = KPIDataset(
            companies: companies, targets: targets,
            activities: ActivityRollup(accountIds: companies.map(\.id), entries: entries), intent: intent)
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
