import Foundation

/// Ranking quality on held-out days.
public struct RankingQuality: Sendable, Equatable, Codable {
    public var auc: Double?
    /// Σ hits ÷ (k · days): the mean over days (with at least k samples) of the top k's hit rate.
    public var precisionAt: [Int: Double]
    /// Positives among the top k, summed over those days.
    public var hitsAt: [Int: Int] = [:]
    /// Positive rate among the top 10 % ÷ the base rate.
    public var liftTop10: Double?
}

/// One as-of day of a backtest: the choice made with the days before it, and every candidate
/// on the test days from it on.
public struct BacktestDay: Sendable {
    public var asOf: Day
    public var choice: CandidateChoice
    public var testDays: [Day]
    public var testSamples: Int
    public var testPositives: Int
    /// Every candidate on the test days, in `RankingCandidate` order.
    public var test: [CandidateQuality]
    /// Mean predicted probability and observed rate per decile, per model candidate.
    public var calibration: [RankingCandidate: [(predicted: Double, observed: Double, count: Int)]]
    /// Scores per candidate and labels of the test samples (for pooling).
    var scores: [RankingCandidate: [Double]]
    var labels: [Bool]
    var days: [Int32]
}

public struct BacktestResult: Sendable {
    public var horizon: Int
    public var k: Int
    public var days: [BacktestDay]
    /// Every candidate over the test days of all as-of days together, and the list as it would
    /// have been (each as-of day ranked by its own choice).
    public var pooled: [CandidateQuality]
    public var pooledChosen: RankingQuality
    public var pooledSamples: Int
    public var pooledPositives: Int
}

/// `kizashi backtest`: for each as-of day, choose as the list would (days strictly before it),
/// then measure every candidate on the test days from it on (time split, no leakage).
public enum PropensityBacktest {
    /// Sample days before `asOf`: `asOf − step·m` whose label window ends before `asOf` (the same
    /// weekday as `asOf`, so the samples look like the day the list is made), back `trainDays`.
    public static func trainingDays(asOf: Day, horizon: Int, trainDays: Int, step: Int = 7) -> [Day] {
        var out: [Day] = []
        var m = (horizon + step) / step
        while asOf - step * m >= asOf - horizon - trainDays {
            out.append(asOf - step * m)
            m += 1
        }
        return out.reversed()
    }

    /// Test days of each as-of day: every `testStep` days from it, before the next as-of day (or
    /// `dataEnd`), with the label window inside the data.
    public static func run(
        computation c: KPIComputation, committee: CommitteeActivity = CommitteeActivity(), asOfDays: [Day],
        horizon: Int = 30, dataEnd: Day, trainDays: Int = 270, step: Int = 7, testStep: Int = 7, k: Int = 25,
        gbdt: GBDTParameters = GBDTParameters()
    ) -> BacktestResult {
        let sorted = asOfDays.sorted()
        var out: [BacktestDay] = []
        for (n, asOf) in sorted.enumerated() {
            let train = c.propensitySamples(
                days: trainingDays(asOf: asOf, horizon: horizon, trainDays: trainDays, step: step), horizon: horizon,
                committee: committee)
            let choice = CandidateSelection.select(
                samples: train, asOf: asOf, horizon: horizon, k: k, gbdt: gbdt, refitAll: true)
            let until = n + 1 < sorted.count ? sorted[n + 1] : dataEnd + 1
            var testDays: [Day] = []
            var d = asOf
            while d < until && d + horizon <= dataEnd {
                testDays.append(d)
                d = d + max(testStep, 1)
            }
            let test = c.propensitySamples(days: testDays, horizon: horizon, committee: committee)
            let dayNumbers = test.days
            var scores: [RankingCandidate: [Double]] = [:]
            var calibration: [RankingCandidate: [(Double, Double, Int)]] = [:]
            let ks = Array(Set([10, 25, 50, k])).sorted()
            var qualities: [CandidateQuality] = []
            for cand in RankingCandidate.allCases {
                guard let s = choice.scorers[cand] else { continue }
                let v = test.features.map(s.score)
                scores[cand] = v
                qualities.append(
                    CandidateQuality(candidate: cand, quality: quality(v, test.labels, dayNumbers, ks: ks)))
                if cand.isModel {
                    calibration[cand] = deciles(test.features.map { s.probability($0) ?? 0 }, test.labels)
                }
            }
            out.append(
                BacktestDay(
                    asOf: asOf, choice: choice, testDays: testDays, testSamples: test.count,
                    testPositives: test.positives, test: qualities, calibration: calibration, scores: scores,
                    labels: test.labels, days: dayNumbers))
        }
        return pool(out, horizon: horizon, k: k)
    }

    static func pool(_ days: [BacktestDay], horizon: Int, k: Int) -> BacktestResult {
        let ks = Array(Set([10, 25, 50, k])).sorted()
        let labels = days.flatMap(\.labels)
        let dayNumbers = days.flatMap(\.days)
        var pooled: [CandidateQuality] = []
        for cand in RankingCandidate.allCases where days.allSatisfy({ $0.scores[cand] != nil }) {
            let s = days.flatMap { $0.scores[cand]! }
            pooled.append(
                CandidateQuality(
                    candidate: cand, quality: quality(s, labels, dayNumbers, ks: ks, aucWithinDays: true)))
        }
        // Pooled over as-of days, a candidate's scores come from several fits (and the chosen
        // list from several candidates), comparable only within a day: the AUC is each test
        // day's AUC, weighted by its samples; precision is per day anyway.
        var chosenScores: [Double] = []
        for d in days {
            let s = d.scores[d.choice.chosen] ?? d.scores[.rule] ?? []
            chosenScores += s
        }
        let chosen =
            chosenScores.count == labels.count
            ? quality(chosenScores, labels, dayNumbers, ks: ks, aucWithinDays: true)
            : RankingQuality(auc: nil, precisionAt: [:])
        return BacktestResult(
            horizon: horizon, k: k, days: days, pooled: pooled, pooledChosen: chosen, pooledSamples: labels.count,
            pooledPositives: labels.filter { $0 }.count)
    }

    /// Mean predicted probability and observed rate per decile of the predictions.
    static func deciles(_ p: [Double], _ y: [Bool]) -> [(predicted: Double, observed: Double, count: Int)] {
        let order = p.indices.sorted { p[$0] < p[$1] }
        var out: [(Double, Double, Int)] = []
        guard !order.isEmpty else { return out }
        for k in 0..<10 {
            let slice = order[(k * order.count / 10)..<((k + 1) * order.count / 10)]
            guard !slice.isEmpty else { continue }
            out.append(
                (
                    slice.reduce(0) { $0 + p[$1] } / Double(slice.count),
                    Double(slice.filter { y[$0] }.count) / Double(slice.count), slice.count
                ))
        }
        return out
    }

    /// AUC (Mann–Whitney, ties counted half), precision and hits at each k per day, lift of the
    /// top 10 %. `aucWithinDays`: the AUC is the sample-weighted mean of each day's AUC (for
    /// scores that are only comparable within a day).
    public static func quality(
        _ s: [Double], _ y: [Bool], _ days: [Int32], ks: [Int] = [10, 25, 50], aucWithinDays: Bool = false
    ) -> RankingQuality {
        var byDay: [Int32: [Int]] = [:]
        for (i, d) in days.enumerated() { byDay[d, default: []].append(i) }
        var auc: Double?
        if aucWithinDays {
            var sum = 0.0, weight = 0.0
            for (_, idx) in byDay.sorted(by: { $0.key < $1.key }) {
                guard let a = Self.auc(idx.map { s[$0] }, idx.map { y[$0] }) else { continue }
                sum += a * Double(idx.count)
                weight += Double(idx.count)
            }
            auc = weight > 0 ? sum / weight : nil
        } else {
            auc = Self.auc(s, y)
        }
        var precision: [Int: Double] = [:]
        var hitsAt: [Int: Int] = [:]
        // Each day's order, best first; company order (the sample order) breaks ties.
        let ordered = byDay.mapValues { idx in idx.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 } }
        for k in ks {
            // Counted in integers, so the figure does not depend on the order the days are visited in.
            var hits = 0, count = 0
            for (_, idx) in ordered where idx.count >= k {
                hits += idx.prefix(k).filter { y[$0] }.count
                count += 1
            }
            if count > 0 {
                precision[k] = Double(hits) / Double(k * count)
                hitsAt[k] = hits
            }
        }
        var lift: Double?
        let base = Double(y.filter { $0 }.count) / Double(max(s.count, 1))
        if base > 0 {
            var hits = 0, total = 0
            for (_, idx) in ordered {
                let n = max(1, idx.count / 10)
                hits += idx.prefix(n).filter { y[$0] }.count
                total += n
            }
            lift = (Double(hits) / Double(max(total, 1))) / base
        }
        return RankingQuality(auc: auc, precisionAt: precision, hitsAt: hitsAt, liftTop10: lift)
    }

    /// Mann–Whitney AUC with average ranks for ties; nil without both classes.
    static func auc(_ s: [Double], _ y: [Bool]) -> Double? {
        let np = Double(y.filter { $0 }.count), nn = Double(y.count) - np
        guard np > 0, nn > 0 else { return nil }
        let order = s.indices.sorted { s[$0] < s[$1] }
        var ranks = [Double](repeating: 0, count: s.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && s[order[j + 1]] == s[order[i]] { j += 1 }
            let r = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = r }
            i = j + 1
        }
        let sumPos = y.indices.filter { y[$0] }.reduce(0) { $0 + ranks[$1] }
        return (sumPos - np * (np + 1) / 2) / (np * nn)
    }
}
