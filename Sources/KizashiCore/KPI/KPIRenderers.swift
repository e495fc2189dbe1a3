/// Text renderings of KPI reports for the terminal (`--format table`) and spreadsheets (`csv`).
public enum KPIFormat {
    /// A value for people: ratios as %, money with the currency and separators, null as "—".
    public static func display(_ v: KPIValue, kind: KPIDefinition.Kind, currency: String, language: Language) -> String
    {
        guard let x = v.doubleValue else { return "—" }
        switch kind {
        case .count: return grouped(Int(x.rounded()))
        case .ratio: return fixed(x * 100, 1) + "%"
        case .money:
            let sign = currency == "JPY" ? "¥" : (currency == "USD" ? "$" : currency + " ")
            return sign + grouped(Int(x.rounded()))
        case .score: return fixed(x, 1)
        case .years: return fixed(x, 1) + (language == .ja ? "年" : " y")
        case .multiple: return fixed(x, 2) + "×"
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func fixed(_ x: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let r = (abs(x) * scale).rounded()
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
        if language == .ja {
            return "パラメータ: タイムゾーン \(p.timeZone.identifier); 重み \(weights); 半減期 \(f(p.halfLifeDays))日; "
                + "期間 \(p.windowDays)日; スケール \(f(p.scoreScale)); エンゲージ閾値 \(f(p.engagedThreshold)); 鮮度 \(p.freshnessDays)日; "
                + "サージ 現在≥\(p.surgeMinCurrent) 上昇≥\(p.surgeMinDelta); 粗利率 \(f(p.grossMargin)); 寿命上限 \(f(p.lifetimeCapYears))年; 通貨 \(p.currency)"
        }
        return "Parameters: time zone \(p.timeZone.identifier); weights \(weights); half-life \(f(p.halfLifeDays)) d; "
            + "window \(p.windowDays) d; scale \(f(p.scoreScale)); engaged ≥ \(f(p.engagedThreshold)); freshness \(p.freshnessDays) d; "
            + "surge current ≥ \(p.surgeMinCurrent), rise ≥ \(p.surgeMinDelta); gross margin \(f(p.grossMargin)); "
            + "lifetime cap \(f(p.lifetimeCapYears)) y; currency \(p.currency)"
    }

    public static func render(_ r: KPIReport, language: Language) -> String {
        let ja = language == .ja
        var lines: [String] = []
        let title = ja ? "ABM KPI レポート" : "ABM KPI report"
        let tierText = r.tier.map { ja ? "  ティア\($0.rawValue)" : "  tier \($0.rawValue)" } ?? ""
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
                    line += "   " + (ja ? "目標 " : "target ") + target + (ja ? "  達成率 " : "  attainment ") + att
                }
                lines.append(line)
            }
        }
        lines.append("")
        lines.append(ja ? "■ ファネル" : "■ Funnel")
        let stepNames: [String: (String, String)] = [
            "targets": ("ターゲット", "Targets"), "engaged": ("エンゲージ", "Engaged"), "sql": ("SQL", "SQL"),
            "opportunity": ("商談", "Opportunity"), "won": ("受注", "Won"),
        ]
        for s in r.funnel {
            let name = ja ? stepNames[s.step]?.0 ?? s.step : stepNames[s.step]?.1 ?? s.step
            let conv =
                s.conversion.isNull
                ? "" : "  " + KPIFormat.display(s.conversion, kind: .ratio, currency: "", language: language)
            lines.append(
                "  " + KPIFormat.pad(name, 14) + KPIFormat.pad(KPIFormat.grouped(s.count), 8, right: true) + conv)
        }
        if !r.topTopics.isEmpty {
            lines.append("")
            lines.append(ja ? "■ 注目トピック" : "■ Top intent topics")
            for t in r.topTopics.prefix(10) {
                lines.append("  " + KPIFormat.pad(t.topic, 24) + KPIFormat.pad(String(t.accounts), 6, right: true))
            }
        }
        lines.append("")
        switch r.bottleneck {
        case .byGoals(let phase, let kpi, let a)?:
            let name = KPICatalog.byKey[kpi]?.name(language) ?? kpi
            let att = KPIFormat.display(.number(a), kind: .ratio, currency: "", language: language)
            lines.append(
                ja
                    ? "ボトルネック: \(phase.name(language))（\(name) 達成率 \(att)）"
                    : "Bottleneck: \(phase.name(language)) (\(name) at \(att) of target)")
        case .byFunnel(let step, let c, let p, _)?:
            let name = ja ? stepNames[step]?.0 ?? step : stepNames[step]?.1 ?? step
            let cs = KPIFormat.display(c, kind: .ratio, currency: "", language: language)
            let ps = KPIFormat.display(p, kind: .ratio, currency: "", language: language)
            lines.append(
                ja
                    ? "ボトルネック: ファネル「\(name)」の転換率が前期 \(ps) → 今期 \(cs) に低下"
                    : "Bottleneck: funnel step \(name) fell from \(ps) to \(cs) against the previous period")
        case nil:
            lines.append(
                ja
                    ? "ボトルネック: なし（目標未設定、前期比で低下したステップなし）"
                    : "Bottleneck: none (no targets set and no funnel step fell against the previous period)")
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
            KPIFormat.pad(language == .ja ? "月" : "Month", 8)
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
