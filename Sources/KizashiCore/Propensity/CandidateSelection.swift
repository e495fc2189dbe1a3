import Foundation

/// One candidate's ranking quality on some days.
public struct CandidateQuality: Sendable, Codable {
    public var candidate: RankingCandidate
    public var quality: RankingQuality
}

/// Which candidate the approach-now list uses as of a day, and the evidence: every candidate's
/// figures on the validation days (all strictly before the as-of day, labels included).
public struct CandidateChoice: Sendable, Codable {
    public var asOf: Day
    public var horizon: Int
    /// The list length a BDR works; the choice maximises precision at k.
    public var k: Int
    public var chosen: RankingCandidate
    /// false when the history before the as-of day had no new opportunity to validate on: then
    /// the rule score is used, and said to be unvalidated.
    public var validated: Bool
    public var fitDays: ClosedRange<Day>?
    public var validationDays: ClosedRange<Day>?
    public var validationDayCount: Int
    public var fitSamples: Int
    public var fitPositives: Int
    public var validationSamples: Int
    public var validationPositives: Int
    /// Every candidate on the validation days, in `RankingCandidate` order.
    public var validation: [CandidateQuality]
    /// The scorers refit on every labelled day (only the chosen one unless asked for all).
    public var scorers: [RankingCandidate: PropensityScorer]

    public var scorer: PropensityScorer { scorers[chosen] ?? .rule }
    public func validation(of c: RankingCandidate) -> RankingQuality? {
        validation.first { $0.candidate == c }?.quality
    }
}

/// Honest selection (issue 20 §1): split the labelled days before the as-of day in time — the
/// earlier ones to fit the models, the later ones to validate — and keep the candidate with the
/// most hits in the top k on the validation days (AUC breaking ties, then the simpler candidate),
/// provided it beats sorting by engagement by more than the noise of the counts; otherwise
/// engagement. So a candidate that loses to engagement on validation is never used.
public enum CandidateSelection {
    /// Validation: the last this many sample days (at most half of them).
    public static let validationDays = 8

    public static func select(
        samples: PropensitySamples, asOf: Day, horizon: Int, k: Int = 25,
        candidates: [RankingCandidate] = RankingCandidate.allCases, gbdt: GBDTParameters = GBDTParameters(),
        excluded: Set<Int> = PropensityFeatures.unusedByModels, refitAll: Bool = false, refit: Bool = true
    ) -> CandidateChoice {
        let days = Array(Set(samples.features.map(\.day))).sorted()
        let validationCount = min(validationDays, days.count / 2)
        let firstValidation = validationCount > 0 ? days[days.count - validationCount] : nil
        let fit = samples.filter { d in firstValidation.map { d < $0 } ?? true }
        let check = samples.filter { d in firstValidation.map { d >= $0 } ?? false }
        var choice = CandidateChoice(
            asOf: asOf, horizon: horizon, k: k, chosen: .rule, validated: false,
            fitDays: fit.features.first.map { $0.day...fit.features.last!.day },
            validationDays: check.features.first.map { $0.day...check.features.last!.day },
            validationDayCount: validationCount, fitSamples: fit.count, fitPositives: fit.positives,
            validationSamples: check.count, validationPositives: check.positives, validation: [],
            scorers: [.rule: .rule])
        guard fit.positives > 0, fit.positives < fit.count, check.positives > 0 else { return choice }

        // Fit on the fit days; the trees stop early on the last fifth of them (inner validation),
        // so the validation days judge every candidate without having tuned any of them.
        var trees = 0
        var scorers: [RankingCandidate: PropensityScorer] = [:]
        for c in candidates {
            switch c {
            case .engagement: scorers[c] = .engagement
            case .rule: scorers[c] = .rule
            case .logistic:
                scorers[c] = .logistic(LogisticRegression.train(x: fit.rows, y: fit.labels, excluded: excluded))
            case .gbdt:
                let m = trainTrees(fit, parameters: gbdt, excluded: excluded)
                trees = m.trees.count
                scorers[c] = .gbdt(m)
            }
        }
        let ks = Array(Set([10, 25, 50, k])).sorted()
        let checkDays = check.days
        choice.validation = candidates.sorted().compactMap { c in
            scorers[c].map { s in
                CandidateQuality(
                    candidate: c,
                    quality: PropensityBacktest.quality(check.features.map(s.score), check.labels, checkDays, ks: ks))
            }
        }
        // Precision at k exists only on days with at least k accounts: without one, there is
        // nothing to choose on (the rule score ranks, said as unvalidated).
        guard choice.validation.contains(where: { $0.quality.hitsAt[k] != nil }) else {
            choice.validation = []
            return choice
        }
        var best = choice.validation.first
        for q in choice.validation.dropFirst() where isBetter(q.quality, than: best!.quality, k: k) { best = q }
        // Beating engagement by less than the noise of a hit count is no evidence: the winner must
        // have more hits than engagement by more than one standard error of the difference,
        // √(hits + engagement's hits) (counts as Poisson; the two are positively correlated, so
        // this errs towards the plainest list).
        if let b = best, b.candidate != .engagement,
            let e = choice.validation.first(where: { $0.candidate == .engagement })
        {
            let hb = Double(b.quality.hitsAt[k] ?? 0), he = Double(e.quality.hitsAt[k] ?? 0)
            if hb - he <= (hb + he).squareRoot() { best = e }
        }
        choice.chosen = best?.candidate ?? .rule
        choice.validated = true

        // Refit on every labelled day (the validation days are the most recent evidence).
        guard refit else { return choice }
        choice.scorers = [:]
        for c in candidates where refitAll || c == choice.chosen {
            switch c {
            case .engagement: choice.scorers[c] = .engagement
            case .rule: choice.scorers[c] = .rule
            case .logistic:
                choice.scorers[c] = .logistic(
                    LogisticRegression.train(x: samples.rows, y: samples.labels, excluded: excluded))
            case .gbdt:
                var p = gbdt
                p.maxTrees = max(trees, 1)
                choice.scorers[c] = .gbdt(
                    GradientBoostedTrees.train(x: samples.rows, y: samples.labels, parameters: p, excluded: excluded))
            }
        }
        return choice
    }

    /// More hits in the top k; on equal hits, a higher AUC.
    static func isBetter(_ a: RankingQuality, than b: RankingQuality, k: Int) -> Bool {
        let ha = a.hitsAt[k] ?? 0, hb = b.hitsAt[k] ?? 0
        if ha != hb { return ha > hb }
        return (a.auc ?? 0) > (b.auc ?? 0)
    }

    /// Trees grown on the first four fifths of the fit days, stopped early on the last fifth.
    static func trainTrees(_ fit: PropensitySamples, parameters: GBDTParameters, excluded: Set<Int>)
        -> GradientBoostedTrees
    {
        let days = Array(Set(fit.features.map(\.day))).sorted()
        let cut = days.count >= 5 ? days[days.count * 4 / 5] : nil
        guard let cut else {
            return GradientBoostedTrees.train(x: fit.rows, y: fit.labels, parameters: parameters, excluded: excluded)
        }
        let early = fit.filter { $0 < cut }, late = fit.filter { $0 >= cut }
        return GradientBoostedTrees.train(
            x: early.rows, y: early.labels, validation: (late.rows, late.labels), parameters: parameters,
            excluded: excluded)
    }
}
