import KizashiCore

/// The Settings page's ICP section (issue 22 §3): a form a marketer can use — industries,
/// countries and prefectures ticked from the workspace's own values, employee and revenue ranges —
/// with the live match count, and the raw icp.json behind a toggle for whoever prefers it.
struct SettingsICPView {
    let model: SettingsModel
    let lang: Language
    let csrf: String

    func render() -> String {
        let m = model
        let disabled = m.canEdit ? "" : " disabled"
        let hidden = "<input type=\"hidden\" name=\"_csrf\" value=\"\(esc(csrf))\">"
        let icp = m.icp
        var h = "<section class=\"panel\" id=\"icp\"><h2>\(L10n.t("settings.icp", lang))</h2>"
        h += "<form method=\"post\" action=\"/settings/icp/form\" id=\"icp-form\">\(hidden)"
        h += checkboxes("industry", "settings.icp.industries", m.icpChoices.industries, icp?.industries, disabled)
        h += range("employees", "settings.icp.employees", icp?.employees, disabled)
        h += range("revenue", "settings.icp.revenue", icp?.annualRevenue, disabled)
        h += checkboxes("country", "settings.icp.countries", m.icpChoices.countries, icp?.countries, disabled)
        h += checkboxes("region", "settings.icp.regions", m.icpChoices.regions, icp?.regions, disabled)
        let count = DisplayFormat.integer(m.icpMatches, lang)
        h +=
            "<p aria-live=\"polite\">\(L10n.t("settings.icpMatches", lang, m.icpMatches).replacingOccurrences(of: count, with: "<strong id=\"icp-count\">\(count)</strong>")) / \(DisplayFormat.integer(m.companies, lang))</p>"
        h += "<button class=\"primary\" type=\"submit\"\(disabled)>\(L10n.t("settings.save", lang))</button></form>"
        h += "<details><summary>\(L10n.t("settings.icp.raw", lang))</summary>"
        h += "<form method=\"post\" action=\"/settings/icp\">\(hidden)"
        h +=
            "<label for=\"icp-json\">icp.json</label><br><textarea id=\"icp-json\" name=\"icp\" rows=\"10\" cols=\"80\" spellcheck=\"false\"\(disabled)>\(esc(m.icpJSON))</textarea>"
        h +=
            "<br><button type=\"submit\"\(disabled)>\(L10n.t("settings.save", lang))</button></form></details></section>"
        return h
    }

    func checkboxes(_ name: String, _ key: String, _ values: [String], _ chosen: [String]?, _ disabled: String)
        -> String
    {
        var h = "<fieldset class=\"icp-choices\"><legend>\(L10n.t(key, lang))</legend>"
        if values.isEmpty { h += "<span class=\"meta\">\(L10n.t("settings.icp.noValues", lang))</span>" }
        let ticked = Set(chosen ?? [])
        for v in values {
            h +=
                "<label><input type=\"checkbox\" name=\"\(name)\" value=\"\(esc(v))\"\(ticked.contains(v) ? " checked" : "")\(disabled)> \(esc(v))</label> "
        }
        return h + "</fieldset>"
    }

    func range(_ name: String, _ key: String, _ r: IdealCustomerProfile.NumericRange?, _ disabled: String) -> String {
        func value(_ x: Double?) -> String { x.map { JSONValue.format($0) } ?? "" }
        var h = "<fieldset class=\"icp-range\"><legend>\(L10n.t(key, lang))</legend>"
        h +=
            "<label>\(L10n.t("settings.icp.min", lang)) <input name=\"\(name)_min\" value=\"\(esc(value(r?.min)))\" size=\"12\" maxlength=\"40\" inputmode=\"numeric\"\(disabled)></label> "
        h +=
            "<label>\(L10n.t("settings.icp.max", lang)) <input name=\"\(name)_max\" value=\"\(esc(value(r?.max)))\" size=\"12\" maxlength=\"40\" inputmode=\"numeric\"\(disabled)></label>"
        return h + "</fieldset>"
    }
}

extension ICPForm {
    /// The ICP form's fields as posted (`industry`, `country`, `region` repeated; the ranges' min/max).
    static func profile(_ form: FormData) throws -> IdealCustomerProfile {
        try profile(
            lists: ["industry": form.all("industry"), "country": form.all("country"), "region": form.all("region")],
            numbers: Dictionary(
                uniqueKeysWithValues: ["employees_min", "employees_max", "revenue_min", "revenue_max"].map {
                    ($0, form[$0] ?? "")
                }))
    }
}
