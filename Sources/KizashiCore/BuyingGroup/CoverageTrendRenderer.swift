/// The buying-group KPI over a period (`kizashi journey --period P --coverage`, issue 26 §3):
/// per point (the day before the period, each month end, the period's last day), the targets,
/// those with every role covered, and the share — overall and per tier.
public enum CoverageTrendRenderer {
    public typealias Point = (day: Day, coverage: [BuyingGroupCoverage])

    public static func json(_ points: [Point], period: KPIPeriod) -> JSONValue {
        .object([
            ("period", .string(period.label)),
            (
                "points",
                .array(
                    points.map { p in
                        .object([
                            ("day", .string(p.day.description)), ("coverage", BuyingGroupCoverage.summary(p.coverage)),
                        ])
                    })
            ),
        ])
    }

    /// `day,tier,targets,full_coverage,share` with tier `all`, 1, 2, 3.
    public static func csv(_ points: [Point]) -> String {
        var out = "day,tier,targets,full_coverage,share\n"
        for p in points {
            for c in CoverageCount.counts(p.coverage) {
                out += "\(p.day),\(c.group),\(c.targets),\(c.full),\(c.share.map(JSONValue.format) ?? "")\n"
            }
        }
        return out
    }

    public static func table(_ points: [Point], period: KPIPeriod, language lang: Language) -> String {
        var out = L10n.t("coverage.trend.title", lang, period.label) + "\n"
        let head =
            [L10n.t("coverage.trend.day", lang), L10n.t("coverage.trend.all", lang)]
            + Tier.allCases.map { L10n.t("tier.number", lang, String($0.rawValue)) }
        var rows = [head]
        for p in points {
            rows.append(
                [p.day.description]
                    + CoverageCount.counts(p.coverage).map { c in
                        guard let share = c.share else { return "—" }
                        let shown = KPIFormat.display(.number(share), kind: .ratio, currency: "", language: lang)
                        return "\(c.full)/\(c.targets) (\(shown))"
                    })
        }
        let widths = (0..<head.count).map { c in rows.map { KPIFormat.width($0[c]) }.max() ?? 0 }
        for r in rows {
            out +=
                r.enumerated().map { c, cell in KPIFormat.pad(cell, widths[c], right: c > 0) }.joined(separator: "  ")
                + "\n"
        }
        return out + L10n.t("coverage.trend.note", lang)
    }
}
