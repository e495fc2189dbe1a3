/// The pieces of a digest its renderings share (markdown, Slack and, for the funnel, HTML): values
/// as `kizashi kpi` displays them, changes with their sign, the bottleneck in one sentence.
public enum DigestText {
    static func value(_ v: KPIValue, _ d: KPIDefinition, _ digest: Digest, _ lang: Language) -> String {
        KPIFormat.display(v, kind: d.kind, currency: digest.current.parameters.currency, language: lang)
    }

    /// "+1.2 pt" for ratios (a change of percentages is in points), "+3" or "-¥120,000" otherwise.
    static func change(_ c: KPIValue, _ d: KPIDefinition, _ digest: Digest, _ lang: Language) -> String {
        guard let x = c.doubleValue else { return "—" }
        let sign = x > 0 ? "+" : (x < 0 ? "-" : "±")
        let size: KPIValue
        if case .count(let n) = c {
            size = .count(n.magnitude > Int.max.magnitude ? Int.max : abs(n))
        } else {
            size = .number(abs(x))
        }
        if d.kind == .ratio {
            return sign + KPIFormat.fixed(abs(x) * 100, 1) + L10n.t("digest.points", lang)
        }
        return sign + value(size, d, digest, lang)
    }

    /// Each funnel step's cells, unescaped, for every rendering: the step, its count and
    /// conversion, then the previous period's count and conversion ("—" where there is none).
    static func funnel(_ digest: Digest, _ lang: Language) -> [[String]] {
        let ratio = { (v: KPIValue?) in
            v.map { KPIFormat.display($0, kind: .ratio, currency: "", language: lang) } ?? "—"
        }
        return digest.current.funnel.enumerated().map { i, s in
            let p = i < digest.previous.funnel.count ? digest.previous.funnel[i] : nil
            return [
                L10n.t("report.funnel.\(s.step)", lang), KPIFormat.grouped(s.count), ratio(s.conversion),
                p.map { KPIFormat.grouped($0.count) } ?? "—", ratio(p?.conversion),
            ]
        }
    }

    static func goal(_ g: GoalAttainment, _ d: KPIDefinition, _ digest: Digest, _ lang: Language) -> (String, String) {
        (
            value(.number(g.target), d, digest, lang),
            KPIFormat.display(g.attainment, kind: .ratio, currency: "", language: lang)
        )
    }

    static func bottleneck(_ b: Bottleneck?, _ lang: Language) -> String {
        switch b {
        case .byGoals(let phase, let kpi, let a)?:
            let name = KPICatalog.byKey[kpi]?.name(lang) ?? kpi
            let att = KPIFormat.display(.number(a), kind: .ratio, currency: "", language: lang)
            return L10n.t("digest.bottleneck.goals", lang, phase.name(lang), name, att)
        case .byFunnel(let step, let c, let p, _)?:
            let ratio = { (v: KPIValue) in KPIFormat.display(v, kind: .ratio, currency: "", language: lang) }
            return L10n.t("digest.bottleneck.funnel", lang, L10n.t("report.funnel.\(step)", lang), ratio(p), ratio(c))
        case nil:
            return L10n.t("digest.bottleneck.none", lang)
        }
    }

    public static func title(_ digest: Digest, _ lang: Language) -> String {
        let tier = digest.tier.map { L10n.t("report.tier", lang, String($0.rawValue)) } ?? ""
        // An owner's own review says whose accounts it lists (the name is checked: no line breaks).
        let owner = digest.owner.map { " — " + L10n.t("digest.ownerTitle", lang, $0) } ?? ""
        let segment = digest.segment.map { " — " + L10n.t("digest.segmentTitle", lang, $0) } ?? ""
        return L10n.t("digest.title", lang, digest.period.start.description, digest.period.lastDay.description)
            + tier + owner + segment
    }

    static func subtitle(_ digest: Digest, _ lang: Language) -> String {
        let p = digest.previous.period
        return L10n.t(
            "digest.subtitle", lang, p.start.description, p.lastDay.description, digest.asOf.description)
    }

    static func campaign(_ r: CampaignEfficiency.Row, _ digest: Digest, _ lang: Language, name: String) -> String {
        let money = { (x: Double) in
            KPIFormat.display(.number(x), kind: .money, currency: digest.current.parameters.currency, language: lang)
        }
        return L10n.t(
            "digest.campaign", lang, name, money(r.pipeline), money(r.cost), KPIFormat.fixed(r.pipelinePerCost, 2))
    }

    static func account(_ e: ApproachEntry, _ list: RankedApproachList, _ lang: Language) -> (String, String) {
        let value = e.rankValue ?? (list.candidate == .engagement ? e.account.score : e.priority)
        let rank =
            RankedApproachList.rankValueName(list.candidate, lang) + " "
            + RankedApproachList.rankValueText(value, list.candidate)
        let tier = L10n.t("tier.number", lang, String(e.account.tier.rawValue))
        var detail = e.reasons.map { $0.text(lang) }
        detail.append(e.action.text(lang, topic: e.actionTopic))
        return (
            L10n.t("digest.account", lang, e.account.companyId, tier, rank),
            detail.joined(separator: L10n.t("digest.separator", lang))
        )
    }

    /// "2026-08-01 展示会出展（東京）（キャンペーン C1）ティア1": the day, the title, what it concerns.
    /// The four lists of `DigestSignals`, with their headings' keys, in the order rendered.
    static func signalLists(_ s: DigestSignals) -> [(key: String, accounts: [DigestSignals.Account])] {
        [
            ("digest.signals.risers", s.risers), ("digest.signals.fallers", s.fallers),
            ("digest.signals.newSurges", s.newSurges), ("digest.signals.competitors", s.competitorResearch),
        ]
    }

    /// "Name (Tier 1): score 62.3 (+12.4)" — the change since the section's first day — then the topics.
    static func signal(_ a: DigestSignals.Account, _ lang: Language, name: String) -> String {
        let sign = a.change > 0 ? "+" : (a.change < 0 ? "-" : "±")
        var text = L10n.t(
            "digest.signals.account", lang, name, L10n.t("tier.number", lang, String(a.tier.rawValue)),
            KPIFormat.fixed(a.score, 1), sign + KPIFormat.fixed(abs(a.change), 1))
        if !a.topics.isEmpty { text += L10n.t("digest.signals.topics", lang, a.topics.joined(separator: ", ")) }
        return text
    }

    static func initiative(_ i: Initiative, _ lang: Language, title: String) -> String {
        var text = "\(i.on) " + title
        if let c = i.campaignId { text += L10n.t("digest.initiative.campaign", lang, c) }
        if let tier = i.tier { text += " · " + L10n.t("tier.number", lang, String(tier.rawValue)) }
        return text
    }
}
