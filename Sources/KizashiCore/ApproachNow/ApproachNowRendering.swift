/// The "approach now" list as JSON (API, `kizashi now --format json`) and as a text table.
extension ApproachEntry {
    public func json(_ lang: Language) -> JSONValue {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        return .object([
            ("company_id", .string(account.companyId)), ("name", .string(account.name)),
            ("tier", .int(account.tier.rawValue)), ("priority", .number(priority)),
            ("score", .number(account.score)), ("score_change_7d", .number(account.scoreChange7d)),
            ("open_pipeline", .number(account.openPipeline)), ("in_open_deal", .bool(inOpenDeal)),
            ("model_probability", modelProbability.map { .number($0) } ?? .null),
            ("rank_value", rankValue.map { .number($0) } ?? .null),
            (
                "model_drivers",
                .array(
                    drivers.map {
                        .object([
                            ("feature", .string($0.feature)), ("value", .number($0.value)),
                            ("contribution", .number($0.contribution)), ("text", .string($0.text(lang))),
                        ])
                    })
            ),
            (
                "factors",
                .array(
                    factors.map {
                        .object([
                            ("factor", .string($0.factor.rawValue)), ("value", .number($0.value)),
                            ("points", .number($0.points)),
                        ])
                    })
            ),
            ("reasons", .array(reasons.map { .string($0.text(lang)) })),
            (
                "coverage_gaps",
                .array(
                    coverageGaps.map {
                        .object([
                            ("role", s($0.role?.rawValue)), ("department", s($0.department)),
                            ("text", .string(L10n.requirementName($0, lang))),
                        ])
                    })
            ),
            ("interests", .array(interests.map { .string($0) })),
            (
                "contact",
                contact.map {
                    .object([
                        ("contact_id", .string($0.id)), ("name", s($0.name)), ("department", s($0.department)),
                        ("role", s($0.role?.rawValue)),
                    ])
                } ?? .null
            ),
            (
                "next_action",
                .object([("code", .string(action.rawValue)), ("text", .string(action.text(lang, topic: actionTopic)))])
            ),
        ])
    }
}

extension ApproachWeights {
    public var json: JSONValue {
        .object(
            all.map { ($0.factor.rawValue, .number($0.weight)) } + [
                ("open_pipeline_multiplier", .number(openPipelineMultiplier)),
                ("reengaging_momentum", .number(reengagingMomentum)), ("recent_days", .int(recentDays)),
            ])
    }
}

extension RankedApproachList {
    /// The list for the API and `kizashi now --format json`: the choice and its evidence, the
    /// ranked accounts and, apart, the accounts in a deal that are re-engaging.
    public func json(_ lang: Language, asOf: Day, weights: ApproachWeights) -> JSONValue {
        .object([
            ("as_of", .string(asOf.description)), ("model", .string(candidate.rawValue)),
            (
                "ranking",
                choice.map { $0.json(lang) } ?? .object([("why", .string(L10n.t("now.choice.unvalidated", lang)))])
            ),
            ("weights", weights.json),
            ("accounts", .array(entries.map { $0.json(lang) })),
            ("in_deal_reengaging", .array(inDeal.map { $0.json(lang) })),
        ])
    }

    /// The why-line under the list: the choice, or that none could be validated.
    public func why(_ lang: Language) -> String { choice?.why(lang) ?? L10n.t("now.choice.unvalidated", lang) }
}

public enum ApproachNowRenderer {
    /// A plain-text list for the terminal: rank, priority, company, reasons, contact and action.
    public static func render(
        _ entries: [ApproachEntry], weights: ApproachWeights, language lang: Language,
        rankedBy candidate: RankingCandidate = .rule
    ) -> String {
        var out = L10n.t("now.cli.title", lang) + "\n"
        let w = weights.all.map { "\($0.factor.name(lang)) \(Int(($0.weight * 100).rounded()))" }.joined(
            separator: ", ")
        out += L10n.t("now.cli.points", lang) + w + "\n\n"
        for (i, e) in entries.enumerated() {
            out +=
                "\(i + 1). \(e.account.name) (\(e.account.companyId), \(L10n.t("tier.number", lang, String(e.account.tier.rawValue))))  "
            // The number the list is ordered by first, named; the engagement score beside it under
            // its own name (issue 28 §5: one ranking, the order matching the number shown).
            let value = e.rankValue ?? (candidate == .engagement ? e.account.score : e.priority)
            out += RankedApproachList.rankValueName(candidate, lang) + " "
            out += RankedApproachList.rankValueText(value, candidate)
            if candidate != .engagement {
                out += " · " + L10n.t("now.cli.engagement", lang) + String(format: "%.1f", e.account.score)
            }
            out += "\n"
            if !e.reasons.isEmpty { out += "   " + e.reasons.map { $0.text(lang) }.joined(separator: "; ") + "\n" }
            if let gap = e.coverageGapText(lang) { out += "   " + gap + "\n" }
            if !e.interests.isEmpty {
                out +=
                    L10n.t("now.cli.interests", lang)
                    + e.interests.map { WebPageName.interest($0, lang) }.joined(
                        separator: ", ") + "\n"
            }
            if let c = e.contact {
                out +=
                    L10n.t("now.cli.contact", lang)
                    + [c.name ?? c.id, c.department, c.role.map { L10n.t("role.\($0.rawValue)", lang) }].compactMap {
                        $0
                    }
                    .joined(separator: " / ") + "\n"
            }
            out += L10n.t("now.cli.next", lang) + e.action.text(lang, topic: e.actionTopic) + "\n"
            if !e.drivers.isEmpty {
                out += L10n.t("now.cli.drivers", lang) + e.drivers.map { $0.text(lang) }.joined(separator: "; ") + "\n"
            }
        }
        return out
    }

    /// The whole list: the ranked accounts, the why-line, then the accounts in a deal.
    public static func render(_ list: RankedApproachList, weights: ApproachWeights, language lang: Language) -> String {
        var out = render(list.entries, weights: weights, language: lang, rankedBy: list.candidate)
        out += "\n" + list.why(lang) + "\n"
        out += "\n" + L10n.t("now.cli.inDeal", lang) + "\n"
        out += L10n.t("now.inDeal.note", lang, String(format: "%g", weights.reengagingMomentum)) + "\n"
        if list.inDeal.isEmpty { out += L10n.t("now.inDeal.none", lang) + "\n" }
        for (i, e) in list.inDeal.enumerated() {
            out +=
                "\(i + 1). \(e.account.name) (\(e.account.companyId), \(L10n.t("tier.number", lang, String(e.account.tier.rawValue))))  "
            out += e.reasons.map { $0.text(lang) }.joined(separator: "; ") + "\n"
        }
        return out
    }
}
