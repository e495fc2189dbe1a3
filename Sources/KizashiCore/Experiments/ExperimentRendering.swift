import Foundation

/// The JSON and the terminal table of experiments (issue 24 §4), written once so the CLI and the
/// API print the same bytes. Ratios are fractions and money is unrounded in JSON (kpis.md §Output).
public enum ExperimentRendering {
    /// One experiment, without its account list (`accounts` true adds it).
    public static func json(_ e: Experiment, accounts: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(e.name)), ("from", .string(e.population.rawValue)),
            ("holdout", .string(e.share.description)), ("holdout_share", .number(e.share.fraction)),
            ("seed", .string(String(e.seed))), ("start", .string(e.start.description)),
            ("ended_on", e.endedOn.map { .string($0.description) } ?? .null),
            ("treated_accounts", .int(e.count(.treated))), ("holdout_accounts", .int(e.count(.holdout))),
        ]
        if accounts {
            pairs.append(
                (
                    "accounts",
                    .array(
                        e.accounts.map {
                            .object([
                                ("company_id", .string($0.companyId)), ("group", .string($0.group.rawValue)),
                                ("stratum", .string($0.stratum)),
                            ])
                        })
                ))
        }
        return .object(pairs)
    }

    public static func json(_ r: ExperimentReport) -> JSONValue {
        func n(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        func interval(_ i: ConfidenceIntervals.Interval?) -> JSONValue {
            i.map { .object([("lower", .number($0.lower)), ("upper", .number($0.upper))]) } ?? .null
        }
        func group(_ g: ExperimentReport.GroupFigures) -> JSONValue {
            .object([
                ("accounts", .int(g.accounts)), ("engaged_accounts", .int(g.engaged)),
                ("engaged_rate", n(g.engagedRate)), ("accounts_with_opportunity", .int(g.withOpportunity)),
                ("opportunity_rate", n(g.opportunityRate)), ("pipeline", .number(g.pipeline)),
                ("pipeline_per_account", n(g.pipelinePerAccount)), ("won", .int(g.won)), ("closed", .int(g.closed)),
                ("win_rate", n(g.winRate)), ("revenue", .number(g.revenue)),
                ("revenue_per_account", n(g.revenuePerAccount)),
            ])
        }
        func proportion(_ p: ProportionComparison) -> JSONValue {
            .object([
                ("difference", n(p.difference)), ("ci95", interval(p.interval)),
                ("method", .string("newcombe_hybrid_score")),
            ])
        }
        func mean(_ m: MeanComparison) -> JSONValue {
            .object([
                ("difference", n(m.difference)), ("ci95", interval(m.interval)), ("df", n(m.degreesOfFreedom)),
                ("method", .string("welch")),
            ])
        }
        func scaled(_ s: MeanComparison.Scaled?) -> JSONValue {
            s.map { .object([("value", .number($0.value)), ("ci95", interval($0.interval))]) } ?? .null
        }
        return .object([
            ("experiment", .string(r.experiment)),
            (
                "period",
                .object([("start", .string(r.period.start.description)), ("end", .string(r.period.end.description))])
            ),
            ("groups", .object([("treated", group(r.treated)), ("holdout", group(r.holdout))])),
            ("missing_accounts", .int(r.missingAccounts)),
            (
                "differences",
                .object([
                    ("engaged_rate", proportion(r.engagedRate)), ("opportunity_rate", proportion(r.opportunityRate)),
                    ("pipeline_per_account", mean(r.pipelinePerAccount)), ("win_rate", proportion(r.winRate)),
                    ("revenue_per_account", mean(r.revenuePerAccount)),
                ])
            ),
            ("incremental_pipeline", scaled(r.incrementalPipeline)),
            ("incremental_revenue", scaled(r.incrementalRevenue)),
            ("abm_cost", .number(r.abmCost)), ("implied_roi", n(r.impliedROI)),
            ("incremental_pipeline_per_cost", n(r.incrementalPipelinePerCost)),
            (
                "parameters",
                .object([
                    ("engaged_threshold", .number(r.parameters.engagedThreshold)),
                    ("currency", .string(r.parameters.currency)), ("confidence", .number(0.95)),
                ])
            ),
        ])
    }

    /// The terminal table: one line per figure, treated and holdout side by side, then the
    /// difference and its interval.
    public static func table(_ r: ExperimentReport, lang: Language) -> String {
        func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func pp(_ x: Double?) -> String { x.map { String(format: "%+.1f pt", $0 * 100) } ?? "—" }
        func money(_ x: Double?) -> String { x.map { NumberText.grouped(rounding: $0, minus: "-") } ?? "—" }
        func ci(_ i: ConfidenceIntervals.Interval?, _ f: (Double?) -> String) -> String {
            i.map { "[\(f($0.lower)), \(f($0.upper))]" } ?? "—"
        }
        let t = r.treated, h = r.holdout
        var rows: [[String]] = [
            [
                L10n.t("experiment.figure", lang), L10n.t("experiment.treated", lang),
                L10n.t("experiment.holdout", lang), L10n.t("experiment.difference", lang),
                L10n.t("experiment.ci95", lang),
            ],
            [L10n.t("experiment.accounts", lang), String(t.accounts), String(h.accounts), "", ""],
            [
                L10n.t("experiment.engaged_rate", lang), pct(t.engagedRate), pct(h.engagedRate),
                pp(r.engagedRate.difference), ci(r.engagedRate.interval, pp),
            ],
            [
                L10n.t("experiment.opportunity_rate", lang), pct(t.opportunityRate), pct(h.opportunityRate),
                pp(r.opportunityRate.difference), ci(r.opportunityRate.interval, pp),
            ],
            [
                L10n.t("experiment.pipeline_per_account", lang), money(t.pipelinePerAccount),
                money(h.pipelinePerAccount),
                money(r.pipelinePerAccount.difference), ci(r.pipelinePerAccount.interval, money),
            ],
            [
                L10n.t("experiment.win_rate", lang), pct(t.winRate), pct(h.winRate), pp(r.winRate.difference),
                ci(r.winRate.interval, pp),
            ],
            [
                L10n.t("experiment.revenue_per_account", lang), money(t.revenuePerAccount), money(h.revenuePerAccount),
                money(r.revenuePerAccount.difference), ci(r.revenuePerAccount.interval, money),
            ],
        ]
        rows = pad(rows)
        var out = L10n.t(
            "experiment.report.title", lang, r.experiment, r.period.start.description, r.period.end.description)
        out += "\n" + rows.map { $0.joined(separator: "  ").trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
        out +=
            L10n.t(
                "experiment.incremental_pipeline", lang, money(r.incrementalPipeline?.value),
                ci(r.incrementalPipeline?.interval, money)) + "\n"
        out += L10n.t("experiment.abm_cost", lang, money(r.abmCost), r.parameters.currency) + "\n"
        out += L10n.t("experiment.implied_roi", lang, r.impliedROI.map { String(format: "%.2f", $0) } ?? "—") + "\n"
        if r.missingAccounts > 0 { out += L10n.t("experiment.missing", lang, r.missingAccounts) + "\n" }
        return out
    }

    /// Columns padded to their widest cell (East Asian wide characters count two).
    static func pad(_ rows: [[String]]) -> [[String]] {
        func width(_ s: String) -> Int {
            s.unicodeScalars.reduce(0) { w, u in
                let v = u.value
                let wide =
                    (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                    || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                    || (0xFFE0...0xFFE6).contains(v)
                return w + (wide ? 2 : 1)
            }
        }
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? width($0[c]) : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in cell + String(repeating: " ", count: max(0, widths[c] - width(cell))) }
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
