import KizashiApp
import KizashiCore

/// Renders `OverviewModel` as HTML.
struct OverviewView {
    let model: OverviewModel
    let lang: Language
    /// Query string of the current period and tier selection (without `?`).
    let periodPicker: PeriodPicker

    func render() -> String {
        var h = periodPicker.render(action: "/", lang: lang)
        if let checklist = model.checklist { h += Self.checklist(checklist, lang) }
        if model.empty { h += "<p class=\"notice\">\(L10n.t("phase.empty", lang))</p>" }
        if !model.targetsElsewhere.isEmpty {
            let links = model.targetsElsewhere.prefix(4).map {
                "<a href=\"/?period=\(urlEncode($0.label))\">\(esc(DisplayFormat.period($0, lang)))</a>"
            }.joined(separator: ", ")
            h += "<p class=\"notice\">\(L10n.t("overview.targetsElsewhere", lang, links))</p>"
        }
        h += bottleneckNotice()
        if let review = model.review {
            h +=
                "<section class=\"panel review\" aria-labelledby=\"review-h\"><h2 id=\"review-h\">\(L10n.t("review.title", lang))</h2><p style=\"white-space:pre-line\">\(esc(review.note))</p></section>"
        }
        // The funnel counts accounts that reached at least each step, which is why its numbers
        // differ from the KPI cards' (docs/kpis.md §The funnel and the bottleneck).
        h +=
            "<div class=\"grid2\"><section class=\"panel\" aria-labelledby=\"funnel-h\"><h2 id=\"funnel-h\" title=\"\(esc(L10n.t("funnel.tooltip", lang)))\">\(L10n.t("funnel.title", lang))</h2><p class=\"meta\">\(L10n.t("funnel.subtitle", lang))</p><details class=\"meta\"><summary>\(L10n.t("funnel.why", lang))</summary><p>\(esc(L10n.t("funnel.tooltip", lang)))</p></details>"
        let bars = model.funnel.map { s in
            SVGChart.FunnelBar(
                label: L10n.t("funnel.step.\(s.step)", lang),
                count: s.count, countText: DisplayFormat.integer(s.count, lang),
                conversionText: s.conversion.doubleValue.map(DisplayFormat.percent),
                highlighted: s.step == model.highlightedStep)
        }
        h += SVGChart.funnel(bars, label: L10n.t("funnel.title", lang))
        h += "</section></div>"
        for (phase, cards) in model.phases {
            h +=
                "<section class=\"phase\" aria-labelledby=\"ph-\(phase.rawValue)\"><h2 id=\"ph-\(phase.rawValue)\">\(esc(phase.name(lang)))</h2><div class=\"cards\">"
            for c in cards { h += card(c) }
            h += "</div></section>"
        }
        if !model.initiatives.isEmpty || model.initiativeFormToken != nil {
            // The initiative log (issue 24 §3): what the orange ticks on the trends are.
            h +=
                "<section class=\"panel\" aria-labelledby=\"initiatives-h\"><h2 id=\"initiatives-h\">\(L10n.t("initiative.log", lang))</h2><ul>"
            for m in model.initiatives { h += "<li>\(esc(m.label))</li>" }
            h += "</ul>"
            if let token = model.initiativeFormToken { h += initiativeForm(token) }
            h += "</section>"
        }
        return h
    }

    /// Logging an initiative from the dashboard (editors): posts to /initiatives, back here.
    func initiativeForm(_ csrf: String) -> String {
        """
        <form method="post" action="/initiatives" class="toolbar"><input type="hidden" name="_csrf" value="\(esc(csrf))">
        <input type="hidden" name="next" value="/?\(esc(periodPicker.query))">
        <label>\(L10n.t("initiative.on", lang)) <input type="date" name="on" required></label>
        <label>\(L10n.t("initiative.what", lang)) <input type="text" name="title" maxlength="200" required></label>
        <label>\(L10n.t("initiative.campaign", lang)) <input type="text" name="campaign_id" maxlength="200"></label>
        <button type="submit">\(L10n.t("initiative.add", lang))</button></form>
        """
    }

    /// The setup steps of a new workspace, ticked when done, each linking to its page.
    static func checklist(_ c: SetupChecklist, _ lang: Language) -> String {
        var h = "<section class=\"panel\" id=\"setup\"><h2>\(L10n.t("setup.title", lang))</h2><ol class=\"checklist\">"
        for step in SetupChecklist.Step.allCases {
            let done = c.done[step] == true
            h +=
                "<li class=\"\(done ? "done" : "open")\"><span aria-hidden=\"true\">\(done ? "☑" : "☐")</span> <a href=\"\(step.link)\">\(L10n.t("setup.\(step.rawValue)", lang))</a>\(done ? " <span class=\"meta\">\(L10n.t("setup.done", lang))</span>" : "")</li>"
        }
        return h + "</ol></section>"
    }

    func bottleneckNotice() -> String {
        guard let b = model.bottleneck else {
            return "<p class=\"notice\">\(L10n.t("funnel.none", lang))</p>"
        }
        let text: String
        switch b {
        case .byGoals(let phase, let kpi, let a):
            let name = KPICatalog.byKey[kpi]?.name(lang) ?? kpi
            text = L10n.t("funnel.bottleneck.goals", lang, phase.name(lang), name, DisplayFormat.percent(a))
        case .byFunnel(let step, let c, let p, _):
            let name = L10n.t("funnel.step.\(step)", lang)
            let now = c.doubleValue.map(DisplayFormat.percent) ?? "—"
            let before = p.doubleValue.map(DisplayFormat.percent) ?? "—"
            text = L10n.t("funnel.bottleneck.funnel", lang, name, before, now)
        }
        return
            "<p class=\"notice\" role=\"status\"><strong>\(L10n.t("funnel.bottleneck", lang)):</strong> \(esc(text))</p>"
    }

    func card(_ c: OverviewModel.Card) -> String {
        let name = c.definition.name(lang)
        var h = "<article class=\"card\" id=\"kpi-\(c.key)\"><h3>\(esc(name))</h3>"
        h +=
            "<div class=\"value\" data-kpi=\"\(c.key)\">\(esc(DisplayFormat.kpi(c.value, kind: c.definition.kind, lang)))</div>"
        if let target = c.target {
            let a = c.attainment ?? 0
            let pct = Int((min(max(a, 0), 1) * 100).rounded())
            h +=
                "<div class=\"meta\">\(L10n.t("card.target", lang)) \(esc(DisplayFormat.kpi(.number(target), kind: c.definition.kind, lang))) · \(L10n.t("card.attainment", lang)) \(c.attainment.map(DisplayFormat.percent) ?? "—")</div>"
            h +=
                "<div class=\"attain\(a >= 1 ? "" : " miss")\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"\(pct)\" aria-label=\"\(L10n.t("card.attainment", lang))\"><span style=\"width:\(pct)%\"></span></div>"
        } else {
            h += "<div class=\"meta\">\(L10n.t("card.noTarget", lang))</div>"
        }
        if let change = c.change {
            let cls = c.changeIsGood.map { $0 ? "up" : "down" } ?? ""
            let arrow = change > 0 ? "▲" : (change < 0 ? "▼" : "±")
            let text: String
            switch c.definition.kind {
            case .ratio: text = String(format: "%.1f pt", abs(change) * 100)
            default: text = DisplayFormat.kpi(.number(abs(change)), kind: c.definition.kind, lang)
            }
            h += "<div class=\"meta \(cls)\">\(arrow) \(esc(text)) \(L10n.t("card.vsPrevious", lang))</div>"
        }
        h += SVGChart.sparkline(
            c.trend, label: "\(name): \(L10n.t("card.trend", lang))",
            markers: model.initiatives.map { ($0.position, $0.label) })
        if c.key == "roi" {
            // PDCA (issue 21): from the programme's ROI to which campaigns made it.
            h +=
                "<div class=\"meta\"><a href=\"/campaigns?\(esc(periodPicker.query))\">\(L10n.t("attribution.roiLink", lang))</a></div>"
        }
        return h + "</article>"
    }
}
