/// The review as Slack mrkdwn text (a message's `text`): Slack draws no tables, so each KPI is
/// one bullet line with its previous value, change, target and attainment.
public enum DigestSlack {
    public static func render(_ digest: Digest, language lang: Language) -> String {
        func t(_ key: String) -> String { L10n.t(key, lang) }
        var out: [String] = [
            "*" + escape(DigestText.title(digest, lang)) + "*", "_" + escape(DigestText.subtitle(digest, lang)) + "_",
        ]

        out += ["", "*" + t("digest.section.kpis") + "*"]
        let movements = digest.movements
        for phase in ABMPhase.allCases {
            out.append("_" + phase.name(lang) + "_")
            for m in movements where m.definition.phase == phase {
                var line = L10n.t(
                    "digest.slack.kpi", lang, m.definition.name(lang),
                    DigestText.value(m.value, m.definition, digest, lang),
                    DigestText.value(m.previous, m.definition, digest, lang),
                    DigestText.change(m.change, m.definition, digest, lang))
                if let g = m.goal {
                    let (target, attainment) = DigestText.goal(g, m.definition, digest, lang)
                    line += L10n.t("digest.slack.goal", lang, target, attainment)
                }
                out.append("• " + escape(line))
            }
        }

        out += ["", "*" + t("digest.section.bottleneck") + "*"]
        out.append(escape(DigestText.bottleneck(digest.current.bottleneck, lang)))
        out.append(
            escape(L10n.t("digest.bottleneck.previous", lang, DigestText.bottleneck(digest.previous.bottleneck, lang))))

        out += ["", "*" + t("digest.section.funnel") + "*"]
        for cells in DigestText.funnel(digest, lang) {
            out.append("• " + L10n.t("digest.slack.funnel", lang, arguments: cells))
        }

        out += ["", "*" + t("digest.section.approachNow") + "*"]
        if digest.approachNow.entries.isEmpty { out.append(t("digest.approachNow.none")) }
        for (i, e) in digest.approachNow.entries.enumerated() {
            let (head, detail) = DigestText.account(e, digest.approachNow, lang)
            out.append("\(i + 1). *\(escape(e.account.name))* \(escape(head)) — \(escape(detail))")
        }
        out.append("_" + escape(digest.approachNow.why(lang)) + "_")

        if let signals = digest.signals {
            out += [
                "",
                "*" + escape(L10n.t("digest.section.signals", lang, signals.since.description, signals.day.description))
                    + "*",
            ]
            for (key, accounts) in DigestText.signalLists(signals) {
                out.append("_" + t(key) + "_")
                if accounts.isEmpty { out.append(t("digest.signals.none")) }
                for a in accounts { out.append("• " + escape(DigestText.signal(a, lang, name: a.name))) }
            }
        }

        out += ["", "*" + t("digest.section.campaigns") + "*"]
        if digest.campaigns.best.isEmpty { out.append(t("digest.campaigns.none")) }
        for (key, rows) in [
            ("digest.campaigns.best", digest.campaigns.best), ("digest.campaigns.worst", digest.campaigns.worst),
        ]
        where !rows.isEmpty {
            out.append("_" + t(key) + "_")
            for r in rows { out.append("• " + escape(DigestText.campaign(r, digest, lang, name: r.name))) }
        }
        out += ["", "*" + t("digest.section.initiatives") + "*"]
        if digest.initiatives.isEmpty { out.append(t("digest.initiatives.none")) }
        for i in digest.initiatives { out.append("• " + escape(DigestText.initiative(i, lang, title: i.title))) }
        return out.joined(separator: "\n") + "\n"
    }

    /// Slack's three control characters (api.slack.com, "Escaping text"): `&`, `<` and `>`, so an
    /// imported name cannot mention a channel or open a link.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
