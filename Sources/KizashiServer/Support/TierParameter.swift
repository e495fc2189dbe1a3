import KizashiCore

/// `tier` in a query (`?tier=2`) or a JSON body (`"tier": 2`): 1, 2 or 3, checked one way by
/// every page and route that narrows to a tier.
enum TierParameter {
    static var problem: ProblemDetails { ProblemDetails.badRequest("tier must be 1, 2 or 3", field: "tier") }

    /// nil when absent; anything but 1, 2 or 3 is a 400 naming the field.
    static func parse(_ value: Int?) throws -> Tier? {
        guard let value else { return nil }
        guard let tier = Tier(rawValue: value) else { throw problem }
        return tier
    }

    static func parse(_ text: String?) throws -> Tier? {
        guard let text else { return nil }
        guard let value = Int(text) else { throw problem }
        return try parse(value)
    }

    /// The tier field of a page's filter form (all tiers, or the one `selected`), one markup for
    /// every page that narrows to a tier.
    static func select(_ selected: Tier?, _ lang: Language) -> String {
        var h =
            "<label>\(esc(L10n.t("tier.label", lang)))<select name=\"tier\"><option value=\"\">\(esc(L10n.t("tier.all", lang)))</option>"
        for t in Tier.allCases {
            h +=
                "<option value=\"\(t.rawValue)\"\(selected == t ? " selected" : "")>\(esc(L10n.t("tier.number", lang, String(t.rawValue))))</option>"
        }
        return h + "</select></label>"
    }
}
