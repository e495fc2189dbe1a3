import Hummingbird
import KizashiCore

/// The period and tier selection shared by pages: month, quarter or custom range, and a tier.
/// Parsed from the query (`period=2026Q3` or `start=…&end=…`, `tier=1`), so every view is a link.
struct PeriodPicker {
    var period: KPIPeriod
    var tier: Tier?

    enum Problem: Error { case bad(String, field: String) }

    /// `default` when the query names no period.
    static func parse(period: String?, start: String?, end: String?, tier: String?, default def: KPIPeriod) throws
        -> PeriodPicker
    {
        var p = def
        if let period {
            guard let parsed = KPIPeriod(label: period) else {
                throw ProblemDetails.badRequest("period \(period): use 2026Q3, 2026-09 or 2026", field: "period")
            }
            p = parsed
        } else if start != nil || end != nil {
            guard let start, let s = Day(iso: start) else {
                throw ProblemDetails.badRequest("start must be a date YYYY-MM-DD", field: "start")
            }
            guard let end, let e = Day(iso: end) else {
                throw ProblemDetails.badRequest("end must be a date YYYY-MM-DD (exclusive)", field: "end")
            }
            guard s < e else {
                throw ProblemDetails.badRequest("end must be after start (end is exclusive)", field: "end")
            }
            guard e - s <= 3660 else {
                throw ProblemDetails.badRequest("a period can be at most ten years", field: "end")
            }
            p = KPIPeriod(start: s, end: e)
        }
        return PeriodPicker(period: p, tier: try TierParameter.parse(tier))
    }

    var query: String {
        var q = period.kind == .custom ? "start=\(period.start)&end=\(period.end)" : "period=\(period.label)"
        if let tier { q += "&tier=\(tier.rawValue)" }
        return q
    }

    func render(action: String, lang: Language) -> String {
        let kind: String
        switch period.kind {
        case .month: kind = "month"
        case .quarter, .year: kind = "quarter"
        case .custom: kind = "custom"
        }
        let monthValue =
            period.kind == .month
            ? period.label : KPIPeriod.month(year: period.start.year, month: period.start.month).label
        let c = period.start.components
        let quarterValue = period.kind == .quarter ? period.label : "\(c.year)Q\((c.month - 1) / 3 + 1)"
        func sel(_ v: String) -> String { v == kind ? " selected" : "" }
        var h =
            "<form class=\"toolbar\" method=\"get\" action=\"\(action)\" aria-label=\"\(L10n.t("period.label", lang))\">"
        h += "<label>\(L10n.t("period.label", lang))<select id=\"period-kind\" name=\"kind\">"
        h += "<option value=\"month\"\(sel("month"))>\(L10n.t("period.month", lang))</option>"
        h += "<option value=\"quarter\"\(sel("quarter"))>\(L10n.t("period.quarter", lang))</option>"
        h += "<option value=\"custom\"\(sel("custom"))>\(L10n.t("period.custom", lang))</option></select></label>"
        h +=
            "<label data-period=\"month\">\(L10n.t("period.month", lang))<input type=\"month\" name=\"month\" value=\"\(monthValue)\"></label>"
        h +=
            "<label data-period=\"quarter\">\(L10n.t("period.quarter", lang))<input name=\"quarter\" value=\"\(quarterValue)\" pattern=\"[0-9]{4}Q[1-4]\" size=\"7\"></label>"
        h +=
            "<label data-period=\"custom\">\(L10n.t("period.start", lang))<input type=\"date\" name=\"start\" value=\"\(period.start)\"></label>"
        h +=
            "<label data-period=\"custom\">\(L10n.t("period.end", lang))<input type=\"date\" name=\"end\" value=\"\(period.end)\"></label>"
        h += TierParameter.select(tier, lang)
        h += "<button class=\"primary\" type=\"submit\">\(L10n.t("apply", lang))</button>"
        h += "<span class=\"meta\">\(esc(DisplayFormat.period(period, lang)))</span></form>"
        return h
    }
}

extension PeriodPicker {
    /// From a request: `period=`, else the picker form's `kind` with `month`/`quarter`/`start`+`end`, else `default`.
    static func parse(_ request: Request, default def: KPIPeriod) throws -> PeriodPicker {
        var period = request.query("period")
        var start = request.query("start"), end = request.query("end")
        switch request.query("kind") {
        case "month": period = request.query("month") ?? period
        case "quarter": period = request.query("quarter") ?? period
        case "custom": period = nil
        default:
            // The API's own query (no picker form): a period and a custom range at once is
            // ambiguous, and refused rather than one of them silently ignored.
            if period != nil && (start != nil || end != nil) {
                throw ProblemDetails.badRequest("give period, or start and end, not both", field: "period")
            }
        }
        if request.query("kind") != nil && request.query("kind") != "custom" { start = nil; end = nil }
        return try parse(period: period, start: start, end: end, tier: request.query("tier"), default: def)
    }
}
