/// The review as Markdown, to paste into a wiki or the meeting notes: the KPI table (this
/// period, the previous one, the change, target and attainment), the bottleneck, the funnel,
/// the approach-now top 10 and the campaigns' pipeline per cost.
public enum DigestMarkdown {
    public static func render(_ digest: Digest, language lang: Language) -> String {
        func t(_ key: String) -> String { L10n.t(key, lang) }
        var out: [String] = ["# " + DigestText.title(digest, lang), "", DigestText.subtitle(digest, lang), ""]

        out.append("## " + t("digest.section.kpis"))
        let movements = digest.movements
        for phase in ABMPhase.allCases {
            out += ["", "### " + phase.name(lang), ""]
            out.append(
                "| "
                    + [
                        "digest.column.kpi", "digest.column.current", "digest.column.previous", "digest.column.change",
                        "digest.column.target", "digest.column.attainment",
                    ].map(t).joined(separator: " | ") + " |")
            out.append("|---|---:|---:|---:|---:|---:|")
            for m in movements where m.definition.phase == phase {
                let goal = m.goal.map { DigestText.goal($0, m.definition, digest, lang) } ?? ("", "")
                let cells = [
                    m.definition.name(lang), DigestText.value(m.value, m.definition, digest, lang),
                    DigestText.value(m.previous, m.definition, digest, lang),
                    DigestText.change(m.change, m.definition, digest, lang), goal.0, goal.1,
                ]
                out.append("| " + cells.map(escape).joined(separator: " | ") + " |")
            }
        }

        out += ["", "## " + t("digest.section.bottleneck"), ""]
        out.append(escape(DigestText.bottleneck(digest.current.bottleneck, lang)))
        out.append("")
        out.append(
            L10n.t("digest.bottleneck.previous", lang, escape(DigestText.bottleneck(digest.previous.bottleneck, lang))))

        out += ["", "## " + t("digest.section.funnel"), ""]
        out.append(
            "| "
                + [
                    "digest.column.step", "digest.column.current", "digest.column.conversion", "digest.column.previous",
                    "digest.column.conversion",
                ].map(t).joined(separator: " | ") + " |")
        out.append("|---|---:|---:|---:|---:|")
        for cells in DigestText.funnel(digest, lang) { out.append("| " + cells.joined(separator: " | ") + " |") }

        out += ["", "## " + t("digest.section.approachNow"), ""]
        if digest.approachNow.entries.isEmpty { out.append(t("digest.approachNow.none")) }
        for (i, e) in digest.approachNow.entries.enumerated() {
            let (head, detail) = DigestText.account(e, digest.approachNow, lang)
            out.append("\(i + 1). **\(escape(e.account.name))** \(escape(head))  ")
            out.append("   " + escape(detail))
        }
        out += ["", escape(digest.approachNow.why(lang))]

        if let signals = digest.signals {
            out += [
                "", "## " + L10n.t("digest.section.signals", lang, signals.since.description, signals.day.description),
                "",
            ]
            for (key, accounts) in DigestText.signalLists(signals) {
                out.append("**" + t(key) + "**")
                out.append("")
                if accounts.isEmpty { out.append(t("digest.signals.none")) }
                for a in accounts { out.append("- " + escape(DigestText.signal(a, lang, name: a.name))) }
                out.append("")
            }
        }

        out += ["", "## " + t("digest.section.campaigns"), ""]
        if digest.campaigns.best.isEmpty { out.append(t("digest.campaigns.none")) }
        for (key, rows) in [
            ("digest.campaigns.best", digest.campaigns.best), ("digest.campaigns.worst", digest.campaigns.worst),
        ]
        where !rows.isEmpty {
            out.append("**" + t(key) + "**")
            out.append("")
            for r in rows { out.append("- " + DigestText.campaign(r, digest, lang, name: escape(r.name))) }
            out.append("")
        }
        out += ["", "## " + t("digest.section.initiatives"), ""]
        if digest.initiatives.isEmpty { out.append(t("digest.initiatives.none")) }
        for i in digest.initiatives {
            out.append("- " + escape(DigestText.initiative(i, lang, title: i.title)))
        }
        return out.joined(separator: "\n").trimmingTrailingNewlines() + "\n"
    }

    /// Names come from imported files: characters Markdown would read as formatting (or a
    /// table cell's end, or a new line) are escaped, so a company name cannot restructure the page.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "|", "#": out += "\\" + String(c)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
