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

    /// The table `kizashi backtest` prints, in `language` (every word from `L10n`).
    public static func table(_ r: BacktestResult, language: Language = .en) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, language, arguments: args) }
        var out = t("backtest.title", r.asOf.description, String(r.horizon)) + "\n"
        out +=
            t(
                "backtest.samples", String(r.trainSamples), String(r.trainPositives), String(r.testSamples),
                String(r.testPositives)) + "\n\n"
        // Names in the first column (Japanese ones are wide: terminal columns, not characters), figures right-aligned.
        let names = [("backtest.model", r.model), ("backtest.rule", r.rule), ("backtest.engagement", r.engagement)]
        let first = names.map { KPIFormat.width(t($0.0)) }.max()! + 2
        func cell(_ s: String) -> String { KPIFormat.pad(s, 8, right: true) }
        out +=
            KPIFormat.pad("", first) + ["AUC", "P@10", "P@25", "P@50"].map(cell).joined() + "  " + t("backtest.lift")
            + "\n"
        for (key, q) in names {
            out += KPIFormat.pad(t(key), first)
            out +=
                [q.auc, q.precisionAt[10], q.precisionAt[25], q.precisionAt[50], q.liftTop10].map { cell(f($0)) }
                .joined() + "\n"
        }
        out += "\n" + t(r.modelWins ? "backtest.uses.model" : "backtest.uses.rule") + "\n"
        out += "\n" + t("backtest.calibration") + "\n"
        for c in r.calibration { out += "  \(f(c.predicted)) → \(f(c.observed))  (\(c.count))\n" }
        out += "\n" + t("backtest.coefficients") + "\n"
        for c in r.coefficients {
            out += "  \(c.feature.padding(toLength: 18, withPad: " ", startingAt: 0)) \(f(c.weight))\n"
        }
        if !r.excludedFeatures.isEmpty {
            out += t("backtest.excluded", r.excludedFeatures.joined(separator: ", ")) + "\n"
        }
        return out
    }
}
