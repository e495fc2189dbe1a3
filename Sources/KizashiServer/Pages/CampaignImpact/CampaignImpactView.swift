import KizashiCore

/// Renders `CampaignImpactModel` as HTML: period and tier pickers, model tabs, the sortable tables
/// per campaign and per channel, the model chart and the Markov removal effects.
struct CampaignImpactView {
    let model: CampaignImpactModel
    let lang: Language
    let periodPicker: PeriodPicker

    func render() -> String {
        let m = model, r = m.report, q = m.query
        var h = periodPicker.render(action: "/campaigns", lang: lang)
        // The model tabs keep the period, tier and sort.
        h += "<nav class=\"toolbar\" aria-label=\"\(L10n.t("attribution.model", lang))\">"
        for model in AttributionModel.allCases {
            var next = q
            next.model = model
            let current = model == q.model ? " aria-current=\"page\" class=\"button\"" : ""
            h +=
                "<a href=\"\(esc(link(next)))\"\(current)>\(L10n.t("attribution.model.\(model.rawValue)", lang))</a>"
        }
        h += "</nav>"
        if r.totalOpportunities == 0 && r.totalWon == 0 && r.campaigns.isEmpty {
            h += "<p class=\"notice\">\(L10n.t("attribution.empty", lang))</p>"
        }
        if let low = m.lowestPerCost {
            let text = "\(low.key) (\(perCost(low.pipelinePerCost(q.model))))"
            h += "<p class=\"notice\" role=\"status\">\(esc(L10n.t("attribution.lowestPerCost", lang, text)))</p>"
        }
        h += table("attribution.byCampaign", m.campaignRows, campaigns: true)
        h += table("attribution.byChannel", m.channelRows, campaigns: false)
        h += unattributedLine()
        h += chart()
        h += markov()
        h +=
            "<p class=\"meta\">\(esc(AttributionTableRenderer.parametersLine(r.parameters, language: lang)))</p>"
        return h
    }

    func link(_ q: CampaignImpactModel.Query) -> String {
        "/campaigns?\(periodPicker.query)&\(CampaignImpactModel.queryString(q))"
    }

    func money(_ x: Double?) -> String { x.map { DisplayFormat.yenCompact($0, lang) } ?? "—" }
    func perCost(_ x: Double?) -> String { x.map { DisplayFormat.decimal($0, digits: 2) + "×" } ?? "—" }

    func table(_ titleKey: String, _ rows: [AttributionReport.Entry], campaigns: Bool) -> String {
        let q = model.query
        let id = campaigns ? "by-campaign" : "by-channel"
        func header(_ key: String, _ sort: CampaignImpactModel.SortKey?, num: Bool = true) -> String {
            SortableHeader.render(
                L10n.t(key, lang), sort: sort, in: q, by: \.sort, descending: \.descending, numeric: num,
                ascendingFirst: .name
            ) { "\(link($0))#\(id)" }
        }
        var h =
            "<section class=\"panel\" aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(L10n.t(titleKey, lang)) · \(L10n.t("attribution.model.\(q.model.rawValue)", lang))</h2>"
        h += "<p class=\"meta\">\(L10n.t("attribution.sortHint", lang))</p><table><thead><tr>"
        h += header(campaigns ? "attribution.campaign" : "attribution.channel", .name, num: false)
        if campaigns { h += header("attribution.channel", nil, num: false) }
        h += header("attribution.cost", .cost) + header("attribution.touches", .touches)
        h += header("attribution.influenced", .influenced) + header("attribution.influencedPipeline", nil)
        h += header("attribution.pipeline", .pipeline) + header("attribution.revenue", .revenue)
        h += header("attribution.roi", .roi) + header("attribution.perCost", .perCost)
        h += "</tr></thead><tbody>"
        for e in rows {
            let f = e[q.model]
            let name: String
            switch e.kind {
            case .campaign: name = "<code>\(esc(e.key))</code> \(esc(e.name ?? ""))"
            case .direct: name = esc(L10n.directTouchName(e.key, lang))
            case .channel: name = esc(L10n.channelName(e.key, lang))
            }
            h += "<tr><td>\(name)</td>"
            if campaigns { h += "<td>\(esc(e.channel.map { L10n.channelName($0, lang) } ?? ""))</td>" }
            h += "<td class=\"num\">\(money(e.cost))</td>"
            h += "<td class=\"num\">\(DisplayFormat.integer(e.touches, lang))</td>"
            h += "<td class=\"num\">\(DisplayFormat.integer(e.influencedOpportunities, lang))</td>"
            h += "<td class=\"num\">\(money(e.influencedPipeline))</td>"
            h += "<td class=\"num\">\(money(f.pipeline))</td><td class=\"num\">\(money(f.revenue))</td>"
            h += "<td class=\"num\">\(e.roi(q.model).map(DisplayFormat.percent) ?? "—")</td>"
            h += "<td class=\"num\">\(perCost(e.pipelinePerCost(q.model)))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }

    func unattributedLine() -> String {
        let u = model.report.unattributed(model.query.model)
        return
            "<p class=\"meta\">\(esc(L10n.t("attribution.unattributedLine", lang, DisplayFormat.integer(u.opportunities, lang), money(u.pipeline), DisplayFormat.integer(u.won, lang), money(u.revenue))))</p>"
    }

    func chart() -> String {
        let title = L10n.t("attribution.chart", lang)
        var h = "<section class=\"panel\" aria-labelledby=\"models-h\"><h2 id=\"models-h\">\(title)</h2>"
        guard !model.chartCampaigns.isEmpty else { return h + "<p>\(L10n.t("detail.noData", lang))</p></section>" }
        let models = AttributionModel.allCases
        let groups = model.chartCampaigns.map { e in
            SVGChart.BarGroup(
                label: e.name ?? e.key, values: models.map { e[$0].pipeline },
                valueTexts: models.map { money(e[$0].pipeline) })
        }
        h += SVGChart.groupedBars(
            groups, series: models.map { L10n.t("attribution.model.\($0.rawValue)", lang) }, label: title)
        return h + "<p class=\"meta\">\(L10n.t("attribution.chart.note", lang))</p></section>"
    }

    func markov() -> String {
        let r = model.report
        var h =
            "<section class=\"panel\" aria-labelledby=\"markov-h\"><h2 id=\"markov-h\">\(L10n.t("attribution.markov", lang))</h2>"
        h += "<p>\(L10n.t("attribution.markov.explain", lang))</p>"
        guard let p = r.conversionProbability, p > 0 else {
            return h + "<p class=\"notice\">\(L10n.t("attribution.markov.none", lang))</p></section>"
        }
        h += "<p class=\"meta\">\(esc(L10n.t("attribution.markov.conversion", lang, DisplayFormat.percent(p))))</p>"
        h +=
            "<table><thead><tr><th scope=\"col\">\(L10n.t("attribution.channel", lang))</th><th scope=\"col\" class=\"num\">RE</th><th scope=\"col\"></th></tr></thead><tbody>"
        for (e, re) in zip(r.channels, r.removalEffects) {
            let pct = Int((min(max(re ?? 0, 0), 1) * 100).rounded())
            h +=
                "<tr><td>\(esc(e.key))</td><td class=\"num\">\(re.map(DisplayFormat.percent) ?? "—")</td><td><div class=\"attain\" role=\"presentation\"><span style=\"width:\(pct)%\"></span></div></td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
