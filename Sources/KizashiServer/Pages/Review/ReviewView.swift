import KizashiCore

/// The review page: a period chooser (the weekly and monthly readings and the quarters around
/// today), the downloads to take to the meeting, and the review itself, as `kizashi digest
/// --format html` writes it but in the dashboard's own styles.
struct ReviewView {
    let digest: Digest
    let query: ReviewQuery
    let today: Day
    let lang: Language

    func t(_ key: String) -> String { esc(L10n.t(key, lang)) }

    func render() -> String {
        var h = chooser()
        let q = query.query(today: today)
        h += "<section class=\"panel\"><h2>\(t("review.downloads"))</h2><p>"
        h += "<a class=\"button\" href=\"/api/v1/report.xlsx?\(esc(q))\" download>\(t("review.xlsx"))</a> "
        h += "<a class=\"button\" href=\"/api/v1/digest?\(esc(q))\">\(t("review.json"))</a></p>"
        var command = "kizashi digest --period \(query.reading)"
        if let tier = query.tier { command += " --tier \(tier.rawValue)" }
        h += "<p class=\"meta\">\(esc(L10n.t("review.cli", lang, "")))<code>\(esc(command))</code></p></section>"
        h += "<h2>\(esc(DigestText.title(digest, lang)))</h2>"
        return h + DigestHTML.sections(digest, language: lang, inlineStyles: false)
    }

    /// The readings offered: last week, last month, this and the previous quarter, this year —
    /// and the one asked for when it is none of these (a link to 2026-10 keeps its choice).
    var readings: [(value: String, label: String)] {
        let quarter = KPIPeriod.currentQuarter(of: today)
        let year = KPIPeriod(label: String(today.year))
        var all: [(String, String)] = [
            (DigestPeriod.defaultReading, L10n.t("review.lastWeek", lang)),
            ("last-month", L10n.t("review.lastMonth", lang)),
            (quarter.label, quarter.label), (quarter.previous.label, quarter.previous.label),
        ]
        if let year { all.append((year.label, year.label)) }
        if !all.contains(where: { $0.0 == query.reading }) { all.append((query.reading, query.reading)) }
        return all
    }

    func chooser() -> String {
        var h = "<form class=\"toolbar\" method=\"get\" action=\"/review\" aria-label=\"\(t("review.period"))\">"
        h += "<label>\(t("review.period"))<select name=\"period\">"
        for r in readings {
            h +=
                "<option value=\"\(esc(r.value))\"\(r.value == query.reading ? " selected" : "")>\(esc(r.label))</option>"
        }
        h += "</select></label>"
        h += TierParameter.select(query.tier, lang)
        if query.asOf != today { h += "<input type=\"hidden\" name=\"as_of\" value=\"\(query.asOf)\">" }
        h += "<button class=\"primary\" type=\"submit\">\(t("review.show"))</button></form>"
        return h
    }
}
