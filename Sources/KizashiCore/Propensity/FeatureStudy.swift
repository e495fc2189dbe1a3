/// Issue 20 §2: candidate features added one at a time to the models' base set (the rule score's
/// factors), each kept only when the models rank the validation days better with it. Validation
/// days lie before each as-of day, so the test days of a backtest from the first as-of day on
/// never decide a feature.
public struct FeatureStudyStep: Sendable {
    /// nil: the base set.
    public var feature: String?
    /// Hits in the top k on the validation days, summed over the as-of days, per model.
    public var logisticHits: Int
    public var gbdtHits: Int
    /// Mean validation AUC over the as-of days, per model.
    public var logisticAUC: Double
    public var gbdtAUC: Double
    public var kept: Bool

    /// What a feature must improve: the better model's hits, then (by more than 0.001) the two
    /// AUCs together.
    var merit: (Int, Double) { (max(logisticHits, gbdtHits), logisticAUC + gbdtAUC) }
}

public enum FeatureStudy {
    /// The models' starting set: the rule score's factors but open_pipeline (0 for every sample).
    public static let base = [
        "icp_match", "tier_fit", "engagement", "momentum", "surging_topics", "forms_events_7d", "web_visits_7d",
        "committee_7d", "people_7d",
    ]

    /// `days`: per as-of day, the samples of its sample days (before it).
    public static func run(
        days: [(asOf: Day, samples: PropensitySamples)], horizon: Int, k: Int,
        candidates: [String] = KPIComputation.signalNames, gbdt: GBDTParameters = GBDTParameters()
    ) -> [FeatureStudyStep] {
        func measure(_ kept: [String], _ feature: String?) -> FeatureStudyStep {
            var step = FeatureStudyStep(
                feature: feature, logisticHits: 0, gbdtHits: 0, logisticAUC: 0, gbdtAUC: 0, kept: false)
            var counted = 0
            for d in days {
                let c = CandidateSelection.select(
                    samples: d.samples, asOf: d.asOf, horizon: horizon, k: k, candidates: [.logistic, .gbdt],
                    gbdt: gbdt, excluded: PropensityFeatures.excluded(keeping: kept), refit: false)
                guard c.validated else { continue }
                counted += 1
                step.logisticHits += c.validation(of: .logistic)?.hitsAt[k] ?? 0
                step.gbdtHits += c.validation(of: .gbdt)?.hitsAt[k] ?? 0
                step.logisticAUC += c.validation(of: .logistic)?.auc ?? 0
                step.gbdtAUC += c.validation(of: .gbdt)?.auc ?? 0
            }
            step.logisticAUC /= Double(max(counted, 1))
            step.gbdtAUC /= Double(max(counted, 1))
            return step
        }
        var kept = base
        var best = measure(kept, nil)
        best.kept = true
        var out = [best]
        for f in candidates where !kept.contains(f) {
            var step = measure(kept + [f], f)
            let (h, a) = step.merit, (bh, ba) = best.merit
            // Equal hits: the AUCs must rise by more than rounding noise.
            if h > bh || (h == bh && a > ba + 0.001) {
                step.kept = true
                kept.append(f)
                best = step
            }
            out.append(step)
        }
        return out
    }
}

public enum FeatureStudyRenderer {
    public static func table(_ steps: [FeatureStudyStep], k: Int) -> String {
        var out = "Features added one at a time (validation days before each as-of day; hits in the top \(k))\n"
        out += "feature                    logistic hits  AUC     gbdt hits  AUC     kept\n"
        for s in steps {
            out += (s.feature ?? "(base set)").padding(toLength: 27, withPad: " ", startingAt: 0)
            out += String(s.logisticHits).padding(toLength: 15, withPad: " ", startingAt: 0)
            out += String(format: "%.3f   ", s.logisticAUC)
            out += String(s.gbdtHits).padding(toLength: 11, withPad: " ", startingAt: 0)
            out += String(format: "%.3f   ", s.gbdtAUC) + (s.kept ? "yes" : "no") + "\n"
        }
        return out
    }
}
