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

    static let header =
        "                       AUC     P@10 (hits)   P@25 (hits)   P@50 (hits)   lift top 10%\n"

    /// Every candidate's validation figures, the chosen one starred.
    public static func choiceTable(_ c: CandidateChoice, lang: Language) -> String {
        var out = header
        for v in c.validation {
            out += row(v.candidate.rawValue + (v.candidate == c.chosen ? " *" : ""), v.quality)
        }
        return out
    }

    public static func table(_ r: BacktestResult) -> String {
        var out = "Backtest, horizon \(r.horizon) days, list length k = \(r.k)\n"
        for d in r.days {
            let c = d.choice
            out += "\nAs of \(d.asOf): test \(d.testDays.count) days from \(d.asOf), \(d.testSamples) account-days, "
            out += "\(d.testPositives) with a new opportunity\n"
            out += "  chosen on \(c.validationDayCount) validation days "
            out += "\(c.validationDays.map { "\($0.lowerBound) … \($0.upperBound)" } ?? "—") "
            out += "(\(c.validationSamples) account-days, \(c.validationPositives) positive): "
            out += c.validated ? "\(c.chosen.rawValue)\n" : "rule (not validated: too little history)\n"
            out += "  validation:\n" + header.dropFirst(0)
            for v in c.validation {
                out += "  " + row(v.candidate.rawValue + (v.candidate == c.chosen ? " *" : ""), v.quality)
            }
            out += "  test:\n" + header
            for t in d.test {
                out += "  " + row(t.candidate.rawValue + (t.candidate == c.chosen ? " *" : ""), t.quality)
            }
            for (cand, rows) in d.calibration.sorted(by: { $0.key < $1.key }) {
                out += "  calibration \(cand.rawValue) (predicted → observed by decile): "
                out += rows.map { "\(f($0.predicted))→\(f($0.observed))" }.joined(separator: " ") + "\n"
            }
        }
        out += "\nPooled over \(r.days.count) as-of day(s): \(r.pooledSamples) account-days, "
        out += "\(r.pooledPositives) positive (AUC: mean of each test day's, by samples)\n" + header
        for p in r.pooled { out += row(p.candidate.rawValue, p.quality) }
        out += row("the list (chosen)", r.pooledChosen)
        out += "\n* = the candidate the list used on that day (most hits in the top \(r.k) on validation days "
        out += "before it; AUC breaks ties).\n"
        return out
    }
}
