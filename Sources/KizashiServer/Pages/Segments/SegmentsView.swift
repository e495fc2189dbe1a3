import KizashiApp
import KizashiCore

/// The segments page: every saved segment with its rule, and the members of the chosen one on a
/// day with the facts its rule was judged on.
struct SegmentsView {
    let segments: [SavedSegment]
    let evaluation: SegmentEvaluation?
    let day: Day
    let lang: Language

    func t(_ key: String) -> String { esc(L10n.t(key, lang)) }

    func render() -> String {
        guard !segments.isEmpty else { return "<p class=\"notice\">\(t("segments.none"))</p>" }
        var h = "<table class=\"data\"><thead><tr><th>\(t("segments.name"))</th><th>\(t("segments.rule"))</th>"
        h += "<th>\(t("segments.refreshed"))</th><th>\(t("segments.feeds"))</th></tr></thead><tbody>"
        for s in segments {
            let current = s.name == evaluation?.segment.name ? " aria-current=\"true\"" : ""
            let link = "/segments?name=\(urlEncode(s.name))&on=\(day)"
            h +=
                "<tr\(current)><td><a href=\"\(esc(link))\">\(esc(s.name))</a></td><td><code>\(esc(s.rule))</code></td>"
            h += "<td>\(s.refreshedOn.map(\.description) ?? "—")</td><td>\(feed(s.feed))</td></tr>"
        }
        h += "</tbody></table>"
        if let evaluation { h += members(evaluation) }
        return h
    }

    /// "tier 2 (owner 山田)" when the segment feeds the target list (`kizashi segment feed`), else "—".
    func feed(_ f: SegmentFeed?) -> String {
        guard let f else { return "—" }
        let tier = L10n.t("segments.feedTier", lang, String(f.tier.rawValue))
        return esc(f.owner.map { tier + " " + L10n.t("segments.feedOwner", lang, $0) } ?? tier)
    }

    func members(_ e: SegmentEvaluation) -> String {
        var h = "<h2>\(esc(e.segment.name))</h2>"
        h +=
            "<form method=\"get\" action=\"/segments\"><input type=\"hidden\" name=\"name\" value=\"\(esc(e.segment.name))\">"
        h += "<label>\(t("segments.on")) <input type=\"date\" name=\"on\" value=\"\(e.day)\"></label>"
        h += " <button>\(t("segments.show"))</button></form>"
        h += "<p>\(esc(L10n.t("segments.members", lang, e.day.description, String(e.members.count))))</p>"
        h +=
            "<table class=\"data\"><thead><tr><th>\(t("segments.company"))</th><th class=\"num\">\(t("segments.tier"))</th>"
        h += "<th class=\"num\">\(t("segments.score"))</th><th class=\"num\">\(t("segments.change"))</th>"
        h += "<th>\(t("segments.stage"))</th><th>\(t("segments.surging"))</th><th>\(t("segments.missing"))</th>"
        h += "</tr></thead><tbody>"
        for f in e.members {
            let link = "/accounts/\(urlEncode(f.companyId))"
            h +=
                "<tr><td><a href=\"\(esc(link))\">\(esc(f.name))</a></td><td class=\"num\">\(f.tier.map { String($0.rawValue) } ?? "—")</td>"
            h += "<td class=\"num\">\(esc(SegmentRenderer.oneDecimal(f.score)))</td>"
            h += "<td class=\"num\">\(esc(SegmentRenderer.oneDecimal(f.scoreChange7d, signed: true)))</td>"
            h += "<td>\(esc(f.stage.map { L10n.t("journey.stage.\($0.key)", lang) } ?? "—"))</td>"
            h += "<td>\(esc(f.surgingTopics.joined(separator: "、")))</td>"
            h +=
                "<td>\(esc(f.missingRoles.map { L10n.t("role.\($0.rawValue)", lang) }.sorted().joined(separator: "、")))</td></tr>"
        }
        return h + "</tbody></table>"
    }
}
