import Foundation

/// Ranking quality on held-out days.
public struct RankingQuality: Sendable, Equatable {
    public var auc: Double?
    /// Mean over test days of the share of positives among the top K.
    public var precisionAt: [Int: Double]
    /// Positive rate among the top 10 % ÷ the base rate.
    public var liftTop10: Double?
}

public struct BacktestResult: Sendable {
    public var asOf: Day
    public var horizon: Int
    public var trainSamples: Int
    public var trainPositives: Int
    public var testSamples: Int
    public var testPositives: Int
    public var model: RankingQuality
    public var rule: RankingQuality
    public var engagement: RankingQuality
    /// Mean predicted probability and observed rate per decile of the test predictions.
    public var calibration: [(predicted: Double, observed: Double, count: Int)]
    public var coefficients: [(feature: String, weight: Double)]
    /// The fitted, calibrated model (to rank today's accounts with when it wins).
    public var fitted: LogisticRegression
    /// Features left out by selection on the validation days (their coefficient is 0).
    public var excludedFeatures: [String] = []
    /// The model is used by the list when it ranks better than the rule score on held-out days.
    public var modelWins: Bool { (model.auc ?? 0) > (rule.auc ?? 0) }
}

/// `kizashi backtest`: train before `asOf`, test after it (time split), compare with the rule
/// score and with "sort by engagement score".
public enum PropensityBacktest {
    /// Sample days: every `step` days. Training days d satisfy d + horizon < asOf (labels known
    /// before asOf); test days start at asOf and leave room for their horizon before `dataEnd`.
    public static func run(
        computation c: KPIComputation, committee: CommitteeActivity = CommitteeActivity(), asOf: Day,
        horizon: Int = 30, dataEnd: Day, trainDays: Int = 270, step: Int = 7
    ) -> BacktestResult {
        func samples(_ days: [Day]) -> (x: [[Double]], y: [Bool], f: [PropensityFeatures]) {
            var x: [[Double]] = [], y: [Bool] = [], fs: [PropensityFeatures] = []
            for d in days {
                for f in c.propensityFeatures(on: d, committee: committee) {
                    x.append(f.values)
                    y.append(c.opportunityCreated(companyId: f.companyId, after: d, within: horizon))
                    fs.append(f)
                }
            }
            return (x, y, fs)
        }
        var trainDaysList: [Day] = []
        var d = asOf - horizon - 1
        while d > asOf - horizon - 1 - trainDays {
            trainDaysList.append(d)
            d = d - step
        }
        trainDaysList.reverse()
        var testDaysList: [Day] = []
        d = asOf
        while d + horizon <= dataEnd {
            testDaysList.append(d)
            d = d + step
        }
        let train = samples(trainDaysList)
        let test = samples(testDaysList)
        // Fit on the first 80 % of training days, calibrate on the last 20 %, then refit on all.
        let cut = trainDaysList.count * 4 / 5
        let early = Set(trainDaysList.prefix(cut).map(\.daysSinceEpoch))
        var fitX: [[Double]] = [], fitY: [Bool] = [], calX: [[Double]] = [], calY: [Bool] = []
        for (i, f) in train.f.enumerated() {
            if early.contains(f.day.daysSinceEpoch) {
                fitX.append(train.x[i])
                fitY.append(train.y[i])
            } else {
                calX.append(train.x[i])
                calY.append(train.y[i])
            }
        }
        // Feature selection on the same time split: a feature is left out when the model fitted
        // without it ranks the later (validation) days better. Static fit features, for instance,
        // can describe who buys at all yet not *when*; kept, they would cost accuracy on new days.
        var excluded = Set<Int>()
        if !fitX.isEmpty && calY.contains(true) && calY.contains(false) {
            let calDays = train.f.filter { !early.contains($0.day.daysSinceEpoch) }.map(\.day.daysSinceEpoch)
            func validationAUC(_ ex: Set<Int>) -> Double {
                let m = LogisticRegression.train(x: fitX, y: fitY, iterations: 250, excluded: ex)
                return quality(calX.map(m.logit), calY, calDays).auc ?? 0
            }
            var best = validationAUC([])
            // Greedy backward elimination, one feature at a time, while it helps by a margin.
            while excluded.count < PropensityFeatures.names.count - 1 {
                var choice: (Int, Double)?
                for j in PropensityFeatures.names.indices where !excluded.contains(j) {
                    let a = validationAUC(excluded.union([j]))
                    if a > best + 0.002, a > (choice?.1 ?? 0) { choice = (j, a) }
                }
                guard let (j, a) = choice else { break }
                excluded.insert(j)
                best = a
            }
        }
        var model = LogisticRegression.train(
            x: fitX.isEmpty ? train.x : fitX, y: fitX.isEmpty ? train.y : fitY, excluded: excluded)
        if !calX.isEmpty && calY.contains(true) { model.calibrate(x: calX, y: calY) }

        let modelScores = test.x.map(model.probability)
        let ruleScores = test.f.map { RuleScore.score($0) }
        let engagementScores = test.x.map { $0[2] }
        let days = test.f.map(\.day.daysSinceEpoch)
        var calibration: [(Double, Double, Int)] = []
        let order = modelScores.indices.sorted { modelScores[$0] < modelScores[$1] }
        if !order.isEmpty {
            for k in 0..<10 {
                let slice = order[(k * order.count / 10)..<((k + 1) * order.count / 10)]
                guard !slice.isEmpty else { continue }
                calibration.append(
                    (
                        slice.reduce(0) { $0 + modelScores[$1] } / Double(slice.count),
                        Double(slice.filter { test.y[$0] }.count) / Double(slice.count), slice.count
                    ))
            }
        }
        return BacktestResult(
            asOf: asOf, horizon: horizon, trainSamples: train.x.count, trainPositives: train.y.filter { $0 }.count,
            testSamples: test.x.count, testPositives: test.y.filter { $0 }.count,
            model: quality(modelScores, test.y, days), rule: quality(ruleScores, test.y, days),
            engagement: quality(engagementScores, test.y, days), calibration: calibration,
            coefficients: zip(PropensityFeatures.names, model.weights).map { ($0, $1) }, fitted: model,
            excludedFeatures: excluded.sorted().map { PropensityFeatures.names[$0] })
    }

    /// AUC (Mann–Whitney, ties counted half), precision at 10/25/50 per day averaged, lift of the top 10 %.
    public static func quality(_ s: [Double], _ y: [Bool], _ days: [Int32]) -> RankingQuality {
        let pos = s.indices.filter { y[$0] }, neg = s.indices.filter { !y[$0] }
        var auc: Double?
        if !pos.isEmpty && !neg.isEmpty {
            // Rank-based: sort all, sum the ranks of positives (average ranks for ties).
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
            let sumPos = pos.reduce(0) { $0 + ranks[$1] }
            let np = Double(pos.count), nn = Double(neg.count)
            auc = (sumPos - np * (np + 1) / 2) / (np * nn)
        }
        var byDay: [Int32: [Int]] = [:]
        for (i, d) in days.enumerated() { byDay[d, default: []].append(i) }
        var precision: [Int: Double] = [:]
        for k in [10, 25, 50] {
            // The mean over days of hits/k is Σhits / (k · days): counted in integers, so the
            // figure does not depend on the order the days are visited in (a dictionary's, which
            // changes from run to run: summed as doubles, the last digit did).
            var hits = 0, count = 0
            for (_, idx) in byDay where idx.count >= k {
                let top = idx.sorted { s[$0] > s[$1] }.prefix(k)
                hits += top.filter { y[$0] }.count
                count += 1
            }
            if count > 0 { precision[k] = Double(hits) / Double(k * count) }
        }
        var lift: Double?
        let base = Double(pos.count) / Double(max(s.count, 1))
        if base > 0 {
            var hits = 0, total = 0
            for (_, idx) in byDay {
                let n = max(1, idx.count / 10)
                let top = idx.sorted { s[$0] > s[$1] }.prefix(n)
                hits += top.filter { y[$0] }.count
                total += n
            }
            lift = (Double(hits) / Double(max(total, 1))) / base
        }
        return RankingQuality(auc: auc, precisionAt: precision, liftTop10: lift)
    }
}
