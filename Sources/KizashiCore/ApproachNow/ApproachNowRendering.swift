/// The "approach now" list as JSON (API, `kizashi now --format json`) and as a text table.
extension ApproachEntry {
    public func json(_ lang: Language) -> JSONValue {
        func s(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        return .object([
            ("company_id", .string(account.companyId)), ("name", .string(account.name)),
            ("tier", .int(account.tier.rawValue)), ("priority", .number(priority)),
            ("score", .number(account.score)), ("score_change_7d", .number(account.scoreChange7d)),
            ("open_pipeline", .number(account.openPipeline)), ("penalized_open_deal", .bool(penalized)),
            ("model_probability", modelProbability.map { .number($0) } ?? .null),
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

public enum ApproachNowRenderer {
    /// A plain-text list for the terminal: rank, priority, company, reasons, contact and action.
    public static func render(_ entries: [ApproachEntry], weights: ApproachWeights, language lang: Language) -> String {
        var out = L10n.t("now.cli.title", lang) + "\n"
        let w = weights.all.map { "\($0.factor.name(lang)) \(Int(($0.weight * 100).rounded()))" }.joined(
            separator: ", ")
        out += L10n.t("now.cli.points", lang) + w + "\n\n"
        for (i, e) in entries.enumerated() {
            out +=
                "\(i + 1). \(e.account.name) (\(e.account.companyId), \(L10n.t("tier.number", lang, String(e.account.tier.rawValue))))  "
            out += L10n.t("now.cli.priority", lang) + String(format: "%.1f", e.priority) + "\n"
            if !e.reasons.isEmpty { out += "   " + e.reasons.map { $0.text(lang) }.joined(separator: "; ") + "\n" }
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
        }
        return out
    }
}
