import Foundation

/// `kizashi backtest` as JSON and as a table: every candidate side by side, per as-of day and
/// pooled, with the choice the list made on each day and its validation figures.
public enum BacktestRenderer {
    static func q(_ r: RankingQuality) -> JSONValue {
        var fields: [(String, JSONValue)] = [("auc", r.auc.map { .number($0) } ?? .null)]
        for k in r.precisionAt.keys.sorted() {
            fields.append(("precision_at_\(k)", .number(r.precisionAt[k]!)))
            fields.append(("hits_at_\(k)", .int(r.hitsAt[k] ?? 0)))
        }
        fields.append(("lift_top_10_percent", r.liftTop10.map { .number($0) } ?? .null))
        return .object(fields)
    }

    static func candidates(_ list: [CandidateQuality]) -> JSONValue {
        .object(list.map { ($0.candidate.rawValue, q($0.quality)) })
    }

    public static func choiceJSON(_ c: CandidateChoice) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("candidate", .string(c.chosen.rawValue)), ("validated", .bool(c.validated)), ("k", .int(c.k)),
            ("horizon_days", .int(c.horizon)),
            ("fit", days(c.fitDays, samples: c.fitSamples, positives: c.fitPositives, count: nil)),
            (
                "validation",
                days(
                    c.validationDays, samples: c.validationSamples, positives: c.validationPositives,
                    count: c.validationDayCount)
            ),
            ("validation_quality", candidates(c.validation)),
        ]
        if case .logistic(let m) = c.scorer {
            fields.append(("coefficients", .object(zip(PropensityFeatures.names, m.weights).map { ($0, .number($1)) })))
        }
        if case .gbdt(let m) = c.scorer {
            fields.append(("trees", .int(m.trees.count)))
            fields.append(
                ("gain_importance", .object(zip(PropensityFeatures.names, m.gainImportance).map { ($0, .number($1)) })))
        }
        return .object(fields)
    }

    static func days(_ r: ClosedRange<Day>?, samples: Int, positives: Int, count: Int?) -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("first_day", r.map { .string($0.lowerBound.description) } ?? .null),
            ("last_day", r.map { .string($0.upperBound.description) } ?? .null),
        ]
        if let count { f.append(("days", .int(count))) }
        f += [("samples", .int(samples)), ("positives", .int(positives))]
        return .object(f)
    }

    public static func json(_ r: BacktestResult) -> JSONValue {
        .object([
            ("horizon_days", .int(r.horizon)), ("k", .int(r.k)),
            (
                "as_of_days",
                .array(
                    r.days.map { d in
                        .object([
                            ("as_of", .string(d.asOf.description)), ("chosen", choiceJSON(d.choice)),
                            (
                                "test",
                                .object([
                                    ("days", .array(d.testDays.map { .string($0.description) })),
                                    ("samples", .int(d.testSamples)), ("positives", .int(d.testPositives)),
                                ])
                            ),
                            ("candidates", candidates(d.test)),
                            (
                                "calibration",
                                .object(
                                    d.calibration.sorted { $0.key < $1.key }.map { c, rows in
                                        (
                                            c.rawValue,
                                            .array(
                                                rows.map {
                                                    .object([
                                                        ("predicted", .number($0.predicted)),
                                                        ("observed", .number($0.observed)), ("count", .int($0.count)),
                                                    ])
                                                })
                                        )
                                    })
                            ),
                        ])
                    })
            ),
            (
                "pooled",
                .object([
                    ("samples", .int(r.pooledSamples)), ("positives", .int(r.pooledPositives)),
                    ("candidates", candidates(r.pooled)), ("chosen", q(r.pooledChosen)),
                ])
            ),
        ])
    }

    static func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }

    static func row(_ name: String, _ q: RankingQuality) -> String {
        func pk(_ k: Int) -> String {
            q.precisionAt[k].map { String(format: "%.3f (%d)", $0, q.hitsAt[k] ?? 0) } ?? "—"
        }
        return name.padding(toLength: 22, withPad: " ", startingAt: 0) + " " + f(q.auc) + "   "
            + [pk(10), pk(25), pk(50)].map { $0.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined()
            + f(q.liftTop10) + "\n"
    }

    /// The column header; words from `L10n` (the metric names stay as they are in both languages).
    static func header(_ lang: Language) -> String {
        let hits = L10n.t("backtest.hits", lang)
        let cells = [10, 25, 50].map { "P@\($0) (\(hits))".padding(toLength: 14, withPad: " ", startingAt: 0) }
        return String(repeating: " ", count: 23) + "AUC     " + cells.joined() + L10n.t("backtest.lift", lang) + "\n"
    }

    /// Every candidate's validation figures, the chosen one starred.
    public static func choiceTable(_ c: CandidateChoice, lang: Language) -> String {
        var out = header(lang)
        for v in c.validation {
            out += row(v.candidate.rawValue + (v.candidate == c.chosen ? " *" : ""), v.quality)
        }
        return out
    }

    /// The table `kizashi backtest` prints, in `language` (every sentence from `L10n`; candidate
    /// names are the keys the JSON and `--format json` use).
    public static func table(_ r: BacktestResult, language lang: Language = .en) -> String {
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, lang, arguments: args) }
        var out = t("backtest.title", String(r.horizon), String(r.k)) + "\n"
        for d in r.days {
            let c = d.choice
            out += "\n" + t(
                "backtest.asOf", d.asOf.description, String(d.testDays.count), String(d.testSamples),
                String(d.testPositives)) + "\n"
            let range = c.validationDays.map { "\($0.lowerBound) … \($0.upperBound)" } ?? "—"
            out += t(
                "backtest.chosen", String(c.validationDayCount), range, String(c.validationSamples),
                String(c.validationPositives), c.validated ? c.chosen.rawValue : t("backtest.unvalidated")) + "\n"
            out += t("backtest.validation") + "\n" + header(lang)
            for v in c.validation {
                out += "  " + row(v.candidate.rawValue + (v.candidate == c.chosen ? " *" : ""), v.quality)
            }
            out += t("backtest.test") + "\n" + header(lang)
            for x in d.test {
                out += "  " + row(x.candidate.rawValue + (x.candidate == c.chosen ? " *" : ""), x.quality)
            }
            for (cand, rows) in d.calibration.sorted(by: { $0.key < $1.key }) {
                out += t("backtest.calibration", cand.rawValue)
                out += rows.map { "\(f($0.predicted))→\(f($0.observed))" }.joined(separator: " ") + "\n"
            }
        }
        out += "\n" + t("backtest.pooled", String(r.days.count), String(r.pooledSamples), String(r.pooledPositives))
        out += "\n" + header(lang)
        for p in r.pooled { out += row(p.candidate.rawValue, p.quality) }
        out += row(t("backtest.list"), r.pooledChosen)
        out += "\n" + t("backtest.legend", String(r.k)) + "\n"
        return out
    }
}
