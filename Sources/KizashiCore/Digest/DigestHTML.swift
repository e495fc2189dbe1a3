/// The review as one self-contained HTML page (`kizashi digest --format html`): the same sections
/// and figures as the Markdown, with inline styles only, so it opens from a file, prints, and
/// survives an e-mail client that strips `<style>`. Every text from the data is escaped.
public enum DigestHTML {
    public static func render(_ digest: Digest, language lang: Language) -> String {
        var h = "<!DOCTYPE html><html lang=\"\(lang.rawValue)\"><head><meta charset=\"utf-8\">"
        h += "<title>\(e(DigestText.title(digest, lang)))</title></head>"
        h += "<body style=\"font-family:sans-serif;color:#222;max-width:960px;margin:16px auto\">"
        h += "<h1>\(e(DigestText.title(digest, lang)))</h1>"
        return h + sections(digest, language: lang, inlineStyles: true) + "</body></html>\n"
    }

    /// Everything below the title: the page `/review` shows it inside the dashboard's frame with
    /// the dashboard's own table classes (`inlineStyles: false`); the file and the e-mail carry
    /// their styles inline.
    public static func sections(_ digest: Digest, language lang: Language, inlineStyles: Bool) -> String {
        func t(_ key: String) -> String { e(L10n.t(key, lang)) }
        let cell = inlineStyles ? " style=\"border-bottom:1px solid #ddd;padding:4px 8px;text-align:left\"" : ""
        let num =
            inlineStyles ? " style=\"border-bottom:1px solid #ddd;padding:4px 8px;text-align:right\"" : " class=\"num\""
        let tableOpen =
            inlineStyles ? "<table style=\"border-collapse:collapse;margin:8px 0\">" : "<table class=\"data\">"
        func table(_ head: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
            var h = tableOpen + "<thead><tr>"
            for (i, c) in head.enumerated() { h += "<th scope=\"col\"\(numeric.contains(i) ? num : cell)>\(c)</th>" }
            h += "</tr></thead><tbody>"
            for r in rows {
                h += "<tr>"
                for (i, c) in r.enumerated() { h += "<td\(numeric.contains(i) ? num : cell)>\(c)</td>" }
                h += "</tr>"
            }
            return h + "</tbody></table>"
        }

        var h = "<p>\(e(DigestText.subtitle(digest, lang)))</p>"

        h += "<h2>\(t("digest.section.kpis"))</h2>"
        let movements = digest.movements
        let head = [
            "digest.column.kpi", "digest.column.current", "digest.column.previous", "digest.column.change",
            "digest.column.target", "digest.column.attainment",
        ].map(t)
        for phase in ABMPhase.allCases {
            h += "<h3>\(e(phase.name(lang)))</h3>"
            let rows = movements.filter { $0.definition.phase == phase }.map { m -> [String] in
                let goal = m.goal.map { DigestText.goal($0, m.definition, digest, lang) } ?? ("", "")
                return [
                    m.definition.name(lang), DigestText.value(m.value, m.definition, digest, lang),
                    DigestText.value(m.previous, m.definition, digest, lang),
                    DigestText.change(m.change, m.definition, digest, lang), goal.0, goal.1,
                ].map(e)
            }
            h += table(head, rows, numeric: [1, 2, 3, 4, 5])
        }

        h +=
            "<h2>\(t("digest.section.bottleneck"))</h2><p>\(e(DigestText.bottleneck(digest.current.bottleneck, lang)))</p>"
        h +=
            "<p>\(e(L10n.t("digest.bottleneck.previous", lang, DigestText.bottleneck(digest.previous.bottleneck, lang))))</p>"

        h += "<h2>\(t("digest.section.funnel"))</h2>"
        let funnel = DigestText.funnel(digest, lang).map { $0.map(e) }
        h += table(
            [
                "digest.column.step", "digest.column.current", "digest.column.conversion", "digest.column.previous",
                "digest.column.conversion",
            ].map(t), funnel, numeric: [1, 2, 3, 4])

        h += "<h2>\(t("digest.section.approachNow"))</h2>"
        if digest.approachNow.entries.isEmpty { h += "<p>\(t("digest.approachNow.none"))</p>" }
        h += "<ol>"
        for entry in digest.approachNow.entries {
            let (headText, detail) = DigestText.account(entry, digest.approachNow, lang)
            h += "<li><strong>\(e(entry.account.name))</strong> \(e(headText))<br>\(e(detail))</li>"
        }
        h += "</ol><p>\(e(digest.approachNow.why(lang)))</p>"

        if let signals = digest.signals {
            h +=
                "<h2>\(e(L10n.t("digest.section.signals", lang, signals.since.description, signals.day.description)))</h2>"
            for (key, accounts) in DigestText.signalLists(signals) {
                h += "<h3>\(t(key))</h3>"
                if accounts.isEmpty { h += "<p>\(t("digest.signals.none"))</p>" }
                h +=
                    "<ul>" + accounts.map { "<li>\(e(DigestText.signal($0, lang, name: $0.name)))</li>" }.joined()
                    + "</ul>"
            }
        }

        h += "<h2>\(t("digest.section.campaigns"))</h2>"
        if digest.campaigns.best.isEmpty { h += "<p>\(t("digest.campaigns.none"))</p>" }
        for (key, rows) in [
            ("digest.campaigns.best", digest.campaigns.best), ("digest.campaigns.worst", digest.campaigns.worst),
        ]
        where !rows.isEmpty {
            h += "<h3>\(t(key))</h3><ul>"
            h += rows.map { "<li>\(e(DigestText.campaign($0, digest, lang, name: $0.name)))</li>" }.joined() + "</ul>"
        }

        h += "<h2>\(t("digest.section.initiatives"))</h2>"
        if digest.initiatives.isEmpty { h += "<p>\(t("digest.initiatives.none"))</p>" }
        h +=
            "<ul>"
            + digest.initiatives.map { "<li>\(e(DigestText.initiative($0, lang, title: $0.title)))</li>" }.joined()
        return h + "</ul>"
    }

    static func e(_ s: String) -> String { HTMLText.escape(s) }
}
