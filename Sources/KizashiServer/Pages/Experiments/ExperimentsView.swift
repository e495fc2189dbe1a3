import KizashiCore

/// The experiments page (issue 24 §4): every experiment, and for the chosen one both groups side
/// by side with the differences and their 95 % intervals drawn (`SVGChart.intervals`).
struct ExperimentsView {
    let model: ExperimentsModel
    let lang: Language
    var experiments: [Experiment] { model.experiments }
    var chosen: Experiment? { model.chosen }
    var report: ExperimentReport? { model.report }

    func render() -> String {
        var h = "<p class=\"lede\">\(esc(L10n.t("experiment.lede", lang)))</p>"
        guard !experiments.isEmpty else { return h + "<p class=\"notice\">\(esc(L10n.t("experiment.none", lang)))</p>" }
        h += list()
        if let report { h += comparison(report) }
        return h
    }

    func t(_ key: String) -> String { esc(L10n.t(key, lang)) }

    func list() -> String {
        var h =
            "<table class=\"data\"><thead><tr><th>\(t("name"))</th><th>\(t("experiment.start"))</th>"
        h += "<th class=\"num\">\(t("experiment.share"))</th><th class=\"num\">\(t("experiment.seed"))</th>"
        h +=
            "<th class=\"num\">\(t("experiment.treated"))</th><th class=\"num\">\(t("experiment.holdout"))</th><th></th>"
        h += "</tr></thead><tbody>"
        for e in experiments {
            let state =
                e.endedOn.map { L10n.t("experiment.ended", lang, $0.description) } ?? L10n.t("experiment.running", lang)
            let current = e.name == chosen?.name ? " aria-current=\"true\"" : ""
            let link = "/experiments?name=\(e.name.addingPercentEncodingForQuery())"
            h += "<tr\(current)><td><a href=\"\(esc(link))\">\(esc(e.name))</a></td><td>\(e.start)</td>"
            h += "<td class=\"num\">\(e.share)</td><td class=\"num\">\(e.seed)</td>"
            h += "<td class=\"num\">\(e.count(.treated))</td><td class=\"num\">\(e.count(.holdout))</td>"
            h += "<td>\(esc(state))</td></tr>"
        }
        return h + "</tbody></table>"
    }

    func comparison(_ r: ExperimentReport) -> String {
        func pct(_ x: Double?) -> String { x.map(DisplayFormat.percent) ?? "—" }
        func pp(_ x: Double?) -> String { x.map { String(format: "%+.1f pt", $0 * 100) } ?? "—" }
        func money(_ x: Double?) -> String { x.map { DisplayFormat.yenCompact($0, lang) } ?? "—" }
        func ci(_ i: ConfidenceIntervals.Interval?, _ f: (Double?) -> String) -> String {
            i.map { "[\(f($0.lower)), \(f($0.upper))]" } ?? "—"
        }
        var h =
            "<h2>\(esc(L10n.t("experiment.report.title", lang, r.experiment, r.period.start.description, r.period.end.description)))</h2>"
        h += "<table class=\"data compare\"><thead><tr><th>\(t("experiment.figure"))</th>"
        h += "<th class=\"num\">\(t("experiment.treated"))</th><th class=\"num\">\(t("experiment.holdout"))</th>"
        h +=
            "<th class=\"num\">\(t("experiment.difference"))</th><th class=\"num\">\(t("experiment.ci95"))</th></tr></thead><tbody>"
        let tr = r.treated, ho = r.holdout
        let rows: [(String, String, String, String, String)] = [
            ("experiment.accounts", String(tr.accounts), String(ho.accounts), "", ""),
            (
                "experiment.engaged_rate", pct(tr.engagedRate), pct(ho.engagedRate), pp(r.engagedRate.difference),
                ci(r.engagedRate.interval, pp)
            ),
            (
                "experiment.opportunity_rate", pct(tr.opportunityRate), pct(ho.opportunityRate),
                pp(r.opportunityRate.difference), ci(r.opportunityRate.interval, pp)
            ),
            (
                "experiment.pipeline_per_account", money(tr.pipelinePerAccount), money(ho.pipelinePerAccount),
                money(r.pipelinePerAccount.difference), ci(r.pipelinePerAccount.interval, money)
            ),
            (
                "experiment.win_rate", pct(tr.winRate), pct(ho.winRate), pp(r.winRate.difference),
                ci(r.winRate.interval, pp)
            ),
            (
                "experiment.revenue_per_account", money(tr.revenuePerAccount), money(ho.revenuePerAccount),
                money(r.revenuePerAccount.difference), ci(r.revenuePerAccount.interval, money)
            ),
        ]
        for (key, a, b, d, i) in rows {
            h += "<tr><th scope=\"row\">\(t(key))</th><td class=\"num\">\(a)</td><td class=\"num\">\(b)</td>"
            h += "<td class=\"num\">\(esc(d))</td><td class=\"num\">\(esc(i))</td></tr>"
        }
        h += "</tbody></table>"
        func rateRow(_ key: String, _ c: ProportionComparison) -> SVGChart.IntervalRow {
            .init(
                label: L10n.t(key, lang), estimate: c.difference, lower: c.interval?.lower, upper: c.interval?.upper,
                text: "\(pp(c.difference)) \(ci(c.interval, pp))")
        }
        func moneyRow(_ key: String, _ c: MeanComparison) -> SVGChart.IntervalRow {
            .init(
                label: L10n.t(key, lang), estimate: c.difference, lower: c.interval?.lower, upper: c.interval?.upper,
                text: "\(money(c.difference)) \(ci(c.interval, money))")
        }
        h +=
            "<figure>"
            + SVGChart.intervals(
                [
                    rateRow("experiment.engaged_rate", r.engagedRate),
                    rateRow("experiment.opportunity_rate", r.opportunityRate),
                    rateRow("experiment.win_rate", r.winRate),
                ],
                label: L10n.t("experiment.ci95", lang))
        h += SVGChart.intervals(
            [
                moneyRow("experiment.pipeline_per_account", r.pipelinePerAccount),
                moneyRow("experiment.revenue_per_account", r.revenuePerAccount),
            ],
            label: L10n.t("experiment.ci95", lang))
        h += "<figcaption>\(t("experiment.interval_note"))</figcaption></figure>"
        h +=
            "<p>\(esc(L10n.t("experiment.incremental_pipeline", lang, money(r.incrementalPipeline?.value), ci(r.incrementalPipeline?.interval, money))))</p>"
        h += "<p>\(esc(L10n.t("experiment.abm_cost", lang, money(r.abmCost), "")))</p>"
        h +=
            "<p>\(esc(L10n.t("experiment.implied_roi", lang, r.impliedROI.map { DisplayFormat.decimal($0, digits: 2) } ?? "—")))</p>"
        if r.missingAccounts > 0 {
            h += "<p class=\"notice\">\(esc(L10n.t("experiment.missing", lang, r.missingAccounts)))</p>"
        }
        return h
    }
}

extension String {
    /// Percent-encoded for a query value (everything but unreserved characters).
    fileprivate func addingPercentEncodingForQuery() -> String {
        var out = ""
        for b in utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(b)))
            default: out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}
