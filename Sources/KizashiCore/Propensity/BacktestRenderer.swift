import Foundation

public enum BacktestRenderer {
    static func q(_ r: RankingQuality) -> JSONValue {
        .object([
            ("auc", r.auc.map { .number($0) } ?? .null),
            ("precision_at_10", r.precisionAt[10].map { .number($0) } ?? .null),
            ("precision_at_25", r.precisionAt[25].map { .number($0) } ?? .null),
            ("precision_at_50", r.precisionAt[50].map { .number($0) } ?? .null),
            ("lift_top_10_percent", r.liftTop10.map { .number($0) } ?? .null),
        ])
    }

    public static func json(_ r: BacktestResult) -> JSONValue {
        .object([
            ("as_of", .string(r.asOf.description)), ("horizon_days", .int(r.horizon)),
            ("train", .object([("samples", .int(r.trainSamples)), ("positives", .int(r.trainPositives))])),
            ("test", .object([("samples", .int(r.testSamples)), ("positives", .int(r.testPositives))])),
            ("model", q(r.model)), ("rule_score", q(r.rule)), ("engagement_score", q(r.engagement)),
            ("model_beats_rule", .bool(r.modelWins)),
            (
                "calibration",
                .array(
                    r.calibration.map {
                        .object([
                            ("predicted", .number($0.predicted)), ("observed", .number($0.observed)),
                            ("count", .int($0.count)),
                        ])
                    })
            ),
            ("coefficients", .object(r.coefficients.map { ($0.feature, .number($0.weight)) })),
            ("excluded_features", .array(r.excludedFeatures.map { .string($0) })),
        ])
    }

    public static func table(_ r: BacktestResult) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
        var out = "Backtest as of \(r.asOf), horizon \(r.horizon) days\n"
        out += "train: \(r.trainSamples) account-days, \(r.trainPositives) with an opportunity; "
        out += "test: \(r.testSamples), \(r.testPositives)\n\n"
        out += "                     AUC     P@10    P@25    P@50    lift top 10%\n"
        for (name, q) in [("model", r.model), ("rule score", r.rule), ("engagement score", r.engagement)] {
            out += name.padding(toLength: 20, withPad: " ", startingAt: 0)
            out +=
                " \(f(q.auc))   \(f(q.precisionAt[10]))   \(f(q.precisionAt[25]))   \(f(q.precisionAt[50]))   \(f(q.liftTop10))\n"
        }
        out +=
            "\nThe approach-now list would use: \(r.modelWins ? "the model (it beats the rule score)" : "the rule score")\n"
        out += "\nCalibration (mean predicted → observed, by decile):\n"
        for c in r.calibration { out += "  \(f(c.predicted)) → \(f(c.observed))  (\(c.count))\n" }
        out += "\nCoefficients (standardised features):\n"
        for c in r.coefficients {
            out += "  \(c.feature.padding(toLength: 18, withPad: " ", startingAt: 0)) \(f(c.weight))\n"
        }
        if !r.excludedFeatures.isEmpty {
            out +=
                "Left out (the model ranked the validation days better without them): \(r.excludedFeatures.joined(separator: ", "))\n"
        }
        return out
    }
}
