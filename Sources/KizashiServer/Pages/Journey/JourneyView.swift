import KizashiCore

/// The journey page: the period and tier pickers, the flow from the stages at the start to those
/// at the end (our own SVG), the counts, the movement, the step conversion and the velocity,
/// with the rules in force (docs/journeys.md).
struct JourneyView {
    let report: JourneyMovementReport
    let lang: Language
    let periodPicker: PeriodPicker

    func name(_ s: JourneyStage?) -> String { L10n.stageName(s, rules: report.rules, lang) }
    func t(_ key: String, _ args: String...) -> String { L10n.t(key, lang, arguments: args) }

    func render() -> String {
        let f = report.accounts
        var h = periodPicker.render(action: "/journey", lang: lang)
        h += "<p class=\"meta\">\(esc(JourneyTableRenderer.rulesLine(report.rules, language: lang)))</p>"
        h +=
            "<section class=\"panel\" aria-labelledby=\"journey-flow\"><h2 id=\"journey-flow\">\(esc(t("journey.flow")))</h2>"
        let stages: [JourneyStage?] = [nil] + JourneyStage.allCases.map { $0 }
        let left = stages.enumerated().map { i, s in
            SVGChart.FlowNode(label: name(s), count: f.matrix[i].reduce(0, +))
        }
        let right = stages.enumerated().map { j, s in
            SVGChart.FlowNode(label: name(s), count: f.matrix.reduce(0) { $0 + $1[j] })
        }
        var links: [SVGChart.FlowLink] = []
        for i in stages.indices {
            for j in stages.indices { links.append(.init(from: i, to: j, count: f.matrix[i][j])) }
        }
        h += SVGChart.flow(
            left: left, right: right, links: links,
            label: "\(t("journey.flow")): \(report.startDay) → \(report.endDay)")
        h += "</section>"
        h += countsTable(f)
        h += movement(f)
        h += conversion(f)
        h += velocity(f)
        if report.tier == nil {
            for (tier, figures) in report.byTier {
                h += "<section class=\"panel\"><h2>\(esc(t("journey.tier", String(tier.rawValue))))</h2>"
                h += countsTable(figures) + movement(figures) + "</section>"
            }
        }
        h += "<p class=\"meta\">\(esc(t("journey.censoredNote")))</p>"
        return h
    }

    func countsTable(_ f: JourneyMovementFigures) -> String {
        var h = "<table><thead><tr><th>\(esc(t("journey.stage")))</th>"
        h += "<th class=\"num\">\(esc(t("journey.atStart", "\(report.startDay)")))</th>"
        h += "<th class=\"num\">\(esc(t("journey.atEnd", "\(report.endDay)")))</th></tr></thead><tbody>"
        for s in JourneyStage.allCases {
            h +=
                "<tr><td>\(esc(name(s)))</td><td class=\"num\">\(DisplayFormat.integer(f.atStart[s.rawValue], lang))</td>"
            h += "<td class=\"num\">\(DisplayFormat.integer(f.atEnd[s.rawValue], lang))</td></tr>"
        }
        return h + "</tbody></table>"
    }

    func movement(_ f: JourneyMovementFigures) -> String {
        let items = [
            ("journey.stayed", f.stayed), ("journey.forward", f.forward), ("journey.skipped", f.skipped),
            ("journey.fellBack", f.fellBack), ("journey.entered", f.entered), ("journey.left", f.left),
        ]
        return "<p>\(esc(t("journey.movement"))): "
            + items.map { "\(esc(t($0.0))) <strong>\(DisplayFormat.integer($0.1, lang))</strong>" }.joined(
                separator: " · ")
            + "</p>"
    }

    func conversion(_ f: JourneyMovementFigures) -> String {
        var h =
            "<section class=\"panel\" aria-labelledby=\"journey-conv\"><h2 id=\"journey-conv\">\(esc(t("journey.conversion")))</h2>"
        h += "<table><thead><tr><th>\(esc(t("journey.step")))</th><th class=\"num\">\(esc(t("journey.accounts")))</th>"
        h +=
            "<th class=\"num\">\(esc(t("journey.converted")))</th><th class=\"num\">\(esc(t("journey.rate")))</th></tr></thead><tbody>"
        for s in JourneyStage.allCases.dropLast() {
            let k = s.rawValue
            let rate =
                f.stepAccounts[k] == 0
                ? "—" : DisplayFormat.percent(Double(f.stepConverted[k]) / Double(f.stepAccounts[k]))
            h +=
                "<tr><td>\(esc("\(name(s)) → \(name(s.next))"))</td><td class=\"num\">\(DisplayFormat.integer(f.stepAccounts[k], lang))</td>"
            h +=
                "<td class=\"num\">\(DisplayFormat.integer(f.stepConverted[k], lang))</td><td class=\"num\">\(rate)</td></tr>"
        }
        return h + "</tbody></table></section>"
    }

    func velocity(_ f: JourneyMovementFigures) -> String {
        var h =
            "<section class=\"panel\" aria-labelledby=\"journey-vel\"><h2 id=\"journey-vel\">\(esc(t("journey.velocity")))</h2>"
        h += "<table><thead><tr><th>\(esc(t("journey.step")))</th>"
        for key in ["journey.enteredSpells", "journey.converted", "journey.censored", "journey.median", "journey.mean"]
        {
            h += "<th class=\"num\">\(esc(t(key)))</th>"
        }
        h += "<th>\(esc(t("journey.method")))</th></tr></thead><tbody>"
        for v in f.velocity {
            h += "<tr><td>\(esc("\(name(v.stage)) → \(name(v.stage.next))"))</td>"
            h +=
                "<td class=\"num\">\(DisplayFormat.integer(v.entered, lang))</td><td class=\"num\">\(DisplayFormat.integer(v.movedOn, lang))</td>"
            h += "<td class=\"num\">\(DisplayFormat.integer(v.censored, lang))</td>"
            h += "<td class=\"num\">\(v.medianDays.map { DisplayFormat.decimal($0) } ?? "—")</td>"
            h += "<td class=\"num\">\(v.meanDays.map { DisplayFormat.decimal($0) } ?? "—")</td>"
            h += "<td>\(esc(t("journey.method.\(v.medianMethod.rawValue)")))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
