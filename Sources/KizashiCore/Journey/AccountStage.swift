/// One target account's stage on a day.
public struct AccountStage: Sendable, Equatable {
    public var companyId: String
    public var tier: Tier
    public var stage: JourneyStage

    public init(companyId: String, tier: Tier, stage: JourneyStage) {
        self.companyId = companyId
        self.tier = tier
        self.stage = stage
    }

    /// Every target's stage on `day`, ordered by company ID (code points).
    public static func list(_ c: JourneyComputation, on day: Day) -> [AccountStage] {
        let tiers = c.tiers(on: day)
        let stages = c.stages(on: day, tiers: tiers)
        var out: [AccountStage] = []
        for i in c.companyIds.indices {
            guard let s = stages[i], let t = Tier(rawValue: Int(tiers[i])) else { continue }
            out.append(AccountStage(companyId: c.companyIds[i], tier: t, stage: s))
        }
        return out.sorted { $0.companyId.unicodeScalars.lexicographicallyPrecedes($1.companyId.unicodeScalars) }
    }
}

/// `kizashi journey --on DAY`: every target's stage on one day.
public enum AccountStageRenderer {
    public static func json(_ list: [AccountStage], day: Day, rules: JourneyRules) -> JSONValue {
        .object([
            ("day", .string("\(day)")), ("rules", rules.json),
            (
                "accounts",
                .array(
                    list.map {
                        .object([
                            ("company_id", .string($0.companyId)), ("tier", .int($0.tier.rawValue)),
                            ("stage", .string($0.stage.key)),
                        ])
                    })
            ),
        ])
    }

    public static func csv(_ list: [AccountStage]) -> String {
        var out = "company_id,tier,stage\n"
        for a in list {
            out +=
                "\(JourneyCSVRenderer.field(SpreadsheetCell.neutralised(a.companyId))),\(a.tier.rawValue),\(a.stage.key)\n"
        }
        return out
    }

    /// Counts per stage, then one line per account.
    public static func table(_ list: [AccountStage], day: Day, rules: JourneyRules, language: Language) -> String {
        var lines = [
            "\(L10n.t("journey.title", language))  \(day)", JourneyTableRenderer.rulesLine(rules, language: language),
            "",
        ]
        for s in JourneyStage.allCases {
            let n = list.filter { $0.stage == s }.count
            lines.append(
                "  \(KPIFormat.pad(L10n.stageName(s, rules: rules, language), 14)) \(KPIFormat.pad(KPIFormat.grouped(n), 8, right: true))"
            )
        }
        lines.append("")
        for a in list {
            lines.append(
                "  \(a.companyId)  \(L10n.t("journey.tier", language, String(a.tier.rawValue)))  \(L10n.stageName(a.stage, rules: rules, language))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
