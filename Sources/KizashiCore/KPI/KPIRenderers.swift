/// Text renderings of KPI reports for the terminal (`--format table`) and spreadsheets (`csv`).
public enum KPIFormat {
    /// A value for people: ratios as %, money with the currency and separators, null as "—".
    public static func display(_ v: KPIValue, kind: KPIDefinition.Kind, currency: String, language: Language) -> String
    {
        guard let x = v.doubleValue else { return "—" }
        switch kind {
        case .count: return NumberText.grouped(rounding: x, minus: "-")
        case .ratio: return fixed(x * 100, 1) + "%"
        case .money:
            // Japanese readers count yen in 万 and 億, as the overview does (issue 28 §8).
            if currency == "JPY" && language == .ja { return YenText.compact(x, .ja, minus: "-") }
            let sign = currency == "JPY" ? "¥" : (currency == "USD" ? "$" : currency + " ")
            return sign + NumberText.grouped(rounding: x, minus: "-")
        case .score: return fixed(x, 1)
        case .years: return fixed(x, 1) + L10n.t("unit.years.short", language)
        case .multiple: return fixed(x, 2) + "×"
        }
    }

    static func grouped(_ n: Int) -> String { NumberText.grouped(n, minus: "-") }

    static func fixed(_ x: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let r = (abs(x) * scale).rounded()
        // Beyond what an Int holds (no real KPI), the grouped whole number says so without trapping.
        guard r < 9e18 else { return NumberText.grouped(rounding: x, minus: "-") }
        let whole = Int(r / scale), frac = Int(r) - whole * Int(scale)
        let f = String(frac)
        return (x < 0 && r != 0 ? "-" : "") + String(whole)
            + (places > 0 ? "." + String(repeating: "0", count: places - f.count) + f : "")
    }

    /// Terminal columns a string occupies (East Asian wide characters take two).
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }

    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, w - width(s)))
        return right ? gap + s : s + gap
    }
}

public enum KPITableRenderer {
    /// The parameters a report used, on one line (kpis.md: every output states them).
    public static func parametersLine(_ p: ScoringParameters, language: Language) -> String {
        let weights = ActivityType.allCases.map { "\($0.rawValue) \(JSONValue.format(p.weight($0)))" }.joined(
            separator: ", ")
        let f = JSONValue.format
        return L10n.t(
            "report.parameters", language, p.timeZone.identifier, weights, f(p.halfLifeDays), String(p.windowDays),
            f(p.scoreScale), f(p.engagedThreshold), String(p.freshnessDays), String(p.surgeMinCurrent),
            String(p.surgeMinDelta), f(p.grossMargin))
            + L10n.t("report.parameters.tail", language, f(p.lifetimeCapYears), p.currency)
    }

    public static func render(_ r: KPIReport, language: Language) -> String {
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, language, arguments: args) }
        var lines: [String] = []
        let title = t("report.title")
        let tierText = r.tier.map { t("report.tier", String($0.rawValue)) } ?? ""
        lines.append("\(title)  \(r.period.start) – \(r.period.lastDay)  (\(r.period.label))\(tierText)")
        let goals = Dictionary(
            r.goals.filter { $0.tier == r.tier }.map { ($0.kpi, $0) }, uniquingKeysWith: { a, _ in a })
        let values = Dictionary(uniqueKeysWithValues: r.kpis.map { ($0.key, $0.value) })
        let nameWidth = KPICatalog.all.map { KPIFormat.width($0.name(language)) }.max() ?? 30
        for phase in ABMPhase.allCases {
            lines.append("")
            lines.append("■ \(phase.name(language))")
            for d in KPICatalog.all where d.phase == phase {
                let v = KPIFormat.display(
                    values[d.key] ?? .null, kind: d.kind, currency: r.parameters.currency, language: language)
                var line = "  " + KPIFormat.pad(d.name(language), nameWidth) + "  " + KPIFormat.pad(v, 16, right: true)
                if let g = goals[d.key] {
                    let target = KPIFormat.display(
                        .number(g.target), kind: d.kind, currency: r.parameters.currency, language: language)
                    let att = KPIFormat.display(g.attainment, kind: .ratio, currency: "", language: language)
                    line += "   " + t("report.target") + target + t("report.attainment") + att
                }
                lines.append(line)
            }
        }
        lines.append("")
        lines.append(t("report.funnel"))
        for s in r.funnel {
            let name = t("report.funnel.\(s.step)")
            let conv =
                s.conversion.isNull
                ? "" : "  " + KPIFormat.display(s.conversion, kind: .ratio, currency: "", language: language)
            lines.append(
                "  " + KPIFormat.pad(name, 14) + KPIFormat.pad(KPIFormat.grouped(s.count), 8, right: true) + conv)
        }
        if !r.topTopics.isEmpty {
            lines.append("")
            lines.append(t("report.topics"))
            for t in r.topTopics.prefix(10) {
                lines.append("  " + KPIFormat.pad(t.topic, 24) + KPIFormat.pad(String(t.accounts), 6, right: true))
            }
        }
        lines.append("")
        switch r.bottleneck {
        case .byGoals(let phase, let kpi, let a)?:
            let name = KPICatalog.byKey[kpi]?.name(language) ?? kpi
            let att = KPIFormat.display(.number(a), kind: .ratio, currency: "", language: language)
            lines.append(t("report.bottleneck.goals", phase.name(language), name, att))
        case .byFunnel(let step, let c, let p, _)?:
            let name = t("report.funnel.\(step)")
            let cs = KPIFormat.display(c, kind: .ratio, currency: "", language: language)
            let ps = KPIFormat.display(p, kind: .ratio, currency: "", language: language)
            lines.append(t("report.bottleneck.funnel", name, ps, cs))
        case nil:
            lines.append(t("report.bottleneck.none"))
        }
        lines.append("")
        lines.append(parametersLine(r.parameters, language: language))
        return lines.joined(separator: "\n")
    }
}

/// One header row, then one row per report: period_start, period_end, then every KPI key.
public enum KPICSVRenderer {
    public static func render(_ reports: [KPIReport]) -> String {
        let keys = KPICatalog.all.map(\.key)
        var out = (["period_start", "period_end"] + keys + ["parameters"]).joined(separator: ",") + "\n"
        for r in reports {
            let v = Dictionary(uniqueKeysWithValues: r.kpis.map { ($0.key, $0.value) })
            // The parameters as compact JSON in one quoted field, so the file states what it used.
            let params = r.json()["parameters"]?.serialized() ?? "{}"
            let quoted = "\"" + String(params.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
            out +=
                ([r.period.start.description, r.period.end.description]
                + keys.map { k in
                    v[k].map { $0.isNull ? "" : $0.description } ?? ""
                } + [quoted]).joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Monthly trend: one row per month, a few headline KPIs per phase.
public enum KPITrendRenderer {
    static let headline = [
        "targets", "data_quality", "avg_engagement", "engaged_rate", "surging_accounts", "sql_count",
        "opportunities_created", "pipeline_created", "win_rate", "closed_won_revenue",
    ]

    public static func render(_ reports: [KPIReport], language: Language) -> String {
        let currency = reports.first?.parameters.currency ?? "JPY"
        let names = headline.map { KPICatalog.byKey[$0]!.name(language) }
        let widths = names.map { max(KPIFormat.width($0), 12) }
        var lines = [
            KPIFormat.pad(L10n.t("report.month", language), 8)
                + zip(names, widths).map { "  " + KPIFormat.pad($0, $1, right: true) }.joined()
        ]
        for r in reports {
            let v = Dictionary(uniqueKeysWithValues: r.kpis.map { ($0.key, $0.value) })
            let cells = headline.enumerated().map { i, k in
                "  "
                    + KPIFormat.pad(
                        KPIFormat.display(
                            v[k] ?? .null, kind: KPICatalog.byKey[k]!.kind, currency: currency, language: language),
                        widths[i], right: true)
            }
            lines.append(KPIFormat.pad(r.period.label, 8) + cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}
