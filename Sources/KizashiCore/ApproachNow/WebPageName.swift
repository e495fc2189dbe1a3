/// A page of the customer's site as a person calls it, from its path: `/pricing` → 料金ページ,
/// `/case-studies/it-abm` → 導入事例: it abm. Interests and timelines show this instead of the raw
/// path (issue 28 §8); the API keeps the path.
public enum WebPageName {
    public static func name(_ path: String, _ lang: Language) -> String {
        let clean = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var segments = clean.split(separator: "/").map(String.init)
        if segments.last == "index.html" { segments.removeLast() }
        let whole = "/" + segments.joined(separator: "/")
        if L10n.table["page.\(whole)"] != nil { return L10n.t("page.\(whole)", lang) }
        guard let last = segments.last else { return L10n.t("page./", lang) }
        let words = last.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        if segments.count > 1, L10n.table["page.section.\(segments[0])"] != nil {
            return L10n.t("page.section.\(segments[0])", lang, words)
        }
        return words
    }

    /// An interest of the approach-now list: a path becomes a page name; a topic stays as it is.
    public static func interest(_ text: String, _ lang: Language) -> String {
        text.hasPrefix("/") ? name(text, lang) : text
    }
}
