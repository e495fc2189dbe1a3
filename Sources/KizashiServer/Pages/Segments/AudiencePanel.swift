import KizashiApp
import KizashiCore

/// The audience downloads of the segments page (issue 27 §2): for the target list and for the
/// chosen segment, the counts of accounts and of contacts with usable keys next to one download
/// per format. Editors get the links (the export route needs editor); others see the counts.
struct AudiencePanel {
    let previews: [AudienceService.Preview]
    let tier: Tier?
    let day: Day
    let segmentName: String?
    let canExport: Bool
    let lang: Language

    func t(_ key: String) -> String { esc(L10n.t(key, lang)) }

    func render() -> String {
        var h = "<section class=\"audiences\"><h2>\(t("audiences.title"))</h2>"
        h += "<form method=\"get\" action=\"/segments\">"
        if let segmentName { h += "<input type=\"hidden\" name=\"name\" value=\"\(esc(segmentName))\">" }
        h += "<input type=\"hidden\" name=\"on\" value=\"\(day)\"><label>\(t("audiences.tier")) <select name=\"tier\">"
        h += "<option value=\"\"\(tier == nil ? " selected" : "")>\(t("audiences.allTiers"))</option>"
        for x in Tier.allCases {
            h += "<option value=\"\(x.rawValue)\"\(tier == x ? " selected" : "")>\(x.rawValue)</option>"
        }
        h += "</select></label> <button>\(t("segments.show"))</button></form>"
        h += "<table class=\"data\"><thead><tr><th>\(t("audiences.source"))</th>"
        for key in ["accounts", "withDomain", "contacts", "withEmail", "withPhone", "withKey"] {
            h += "<th class=\"num\">\(t("audiences.\(key)"))</th>"
        }
        h += "<th>\(t("audiences.download"))</th></tr></thead><tbody>"
        for p in previews { h += row(p) }
        h += "</tbody></table><p class=\"hint\">\(t("audiences.hashed"))</p></section>"
        return h
    }

    func row(_ p: AudienceService.Preview) -> String {
        let label: String
        switch p.source {
        case .targetList: label = t("audiences.targetList")
        case .segment(let name): label = esc(L10n.t("audiences.segment", lang, name))
        }
        let c = p.counts
        var h = "<tr><td>\(label)</td>"
        for n in [
            c.accounts, c.accountsWithDomain, c.contacts, c.contactsWithEmail, c.contactsWithPhone, c.contactsWithKey,
        ] {
            h += "<td class=\"num\">\(n)</td>"
        }
        h += "<td>"
        if canExport {
            h += AudienceFormat.allCases.map { f in
                var q = "from=\(urlEncode(p.source.description))&format=\(f.rawValue)&on=\(p.day)"
                if let tier = p.tier { q += "&tier=\(tier.rawValue)" }
                return
                    "<a href=\"\(esc("/api/v1/audiences/export?" + q))\" download>\(t("audiences.format.\(f.rawValue)"))</a>"
            }.joined(separator: " · ")
        } else {
            h += t("audiences.editorsOnly")
        }
        return h + "</td></tr>"
    }
}
