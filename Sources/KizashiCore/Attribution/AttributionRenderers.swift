/// Which rows a table or CSV shows: campaigns (with the direct keys) or channels.
public enum AttributionBreakdown: String, CaseIterable, Sendable {
    case campaign, channel
}

/// `kizashi attribution --format table`: one block per model, rows per campaign (and direct key)
/// or per channel, then the unattributed remainder, the removal effects and the parameters.
public enum AttributionTableRenderer {
    public static func render(
        _ r: AttributionReport, models: [AttributionModel], by: AttributionBreakdown, currency: String,
        language: Language
    ) -> String {
        func t(_ key: String, _ args: String...) -> String { L10n.t(key, language, arguments: args) }
        func money(_ x: Double?) -> String {
            KPIFormat.display(x.map { .number($0) } ?? .null, kind: .money, currency: currency, language: language)
        }
        func ratio(_ x: Double?, _ kind: KPIDefinition.Kind) -> String {
            KPIFormat.display(x.map { .number($0) } ?? .null, kind: kind, currency: currency, language: language)
        }
        var lines: [String] = []
        let tierText = r.tier.map { t("attribution.tier", String($0.rawValue)) } ?? ""
        lines.append(
            "\(t("attribution.report"))  \(r.period.start) – \(r.period.lastDay)  (\(r.period.label))\(tierText)")
        let rows: [AttributionReport.Entry] = by == .campaign ? r.campaigns + r.direct : r.channels
        func label(_ e: AttributionReport.Entry) -> String {
            switch e.kind {
            case .campaign: return "\(e.key) \(e.name ?? "")"
            case .direct: return L10n.directTouchName(e.key, language)
            case .channel: return L10n.channelName(e.key, language)
            }
        }
        let head = [
            t(by == .campaign ? "attribution.campaign" : "attribution.channel"),
            by == .campaign ? t("attribution.channel") : nil, t("attribution.cost"), t("attribution.touches"),
            t("attribution.influenced"), t("attribution.influencedPipeline"), t("attribution.pipeline"),
            t("attribution.opportunities"), t("attribution.revenue"), t("attribution.roi"), t("attribution.perCost"),
        ].compactMap { $0 }
        for m in models {
            var table: [[String]] = [head]
            for e in rows {
                var cells = [label(e)]
                if by == .campaign { cells.append(e.channel.map { L10n.channelName($0, language) } ?? "") }
                cells += [
                    e.cost.map { money($0) } ?? "—", KPIFormat.grouped(e.touches),
                    KPIFormat.grouped(e.influencedOpportunities), money(e.influencedPipeline), money(e[m].pipeline),
                    KPIFormat.fixed(e[m].opportunities, 2), money(e[m].revenue), ratio(e.roi(m), .ratio),
                    ratio(e.pipelinePerCost(m), .multiple),
                ]
                table.append(cells)
            }
            let widths = head.indices.map { c in table.map { KPIFormat.width($0[c]) }.max() ?? 0 }
            lines.append("")
            lines.append("■ \(t("attribution.model")): \(t("attribution.model.\(m.rawValue)"))")
            for row in table {
                let cells = row.enumerated().map { c, s in
                    KPIFormat.pad(s, widths[c], right: c > (by == .campaign ? 1 : 0))
                }
                lines.append("  " + cells.joined(separator: "  "))
            }
            let u = r.unattributed(m)
            lines.append(
                "  "
                    + t(
                        "attribution.unattributedLine", KPIFormat.grouped(u.opportunities), money(u.pipeline),
                        KPIFormat.grouped(u.won), money(u.revenue)))
        }
        lines.append("")
        lines.append("■ \(t("attribution.markov"))")
        if let p = r.conversionProbability, p > 0 {
            lines.append("  " + t("attribution.markov.conversion", KPIFormat.fixed(p * 100, 2) + "%"))
            let width = r.channels.map { KPIFormat.width($0.key) }.max() ?? 0
            for (e, re) in zip(r.channels, r.removalEffects) {
                lines.append("  " + KPIFormat.pad(e.key, width) + "  " + ratio(re, .ratio))
            }
        } else {
            lines.append("  " + t("attribution.markov.none"))
        }
        lines.append("")
        lines.append(parametersLine(r.parameters, language: language))
        return lines.joined(separator: "\n")
    }

    public static func parametersLine(_ p: AttributionParameters, language: Language) -> String {
        L10n.t(
            "attribution.parameters", language, String(p.lookbackDays), JSONValue.format(p.halfLifeDays),
            p.touchTypes.map { L10n.t("activity.\($0.rawValue)", language) }.joined(separator: ", "))
    }
}

/// `kizashi attribution --format csv`: one row per (row, model), numbers unrounded, for
/// spreadsheets; the unattributed remainder as rows of kind `unattributed`. Text from imported
/// files (ids, names, channels) is neutralised against formula injection.
public enum AttributionCSVRenderer {
    public static let header = [
        "row", "key", "name", "channel", "cost", "touches", "influenced_opportunities", "influenced_pipeline", "model",
        "pipeline", "opportunities", "revenue", "won", "roi", "pipeline_per_cost",
    ]

    public static func render(_ r: AttributionReport, models: [AttributionModel], by: AttributionBreakdown) -> String {
        func n(_ x: Double?) -> String { x.map(JSONValue.format) ?? "" }
        var out = header.joined(separator: ",") + "\n"
        let rows: [AttributionReport.Entry] = by == .campaign ? r.campaigns + r.direct : r.channels
        for e in rows {
            let kind: String
            switch e.kind {
            case .campaign: kind = "campaign"
            case .direct: kind = "direct"
            case .channel: kind = "channel"
            }
            for m in models {
                let f = e[m]
                out +=
                    [
                        kind, SpreadsheetCell.neutralised(e.key), SpreadsheetCell.neutralised(e.name ?? ""),
                        SpreadsheetCell.neutralised(e.kind == .channel ? "" : (e.channel ?? "")), n(e.cost),
                        String(e.touches), String(e.influencedOpportunities), n(e.influencedPipeline), m.rawValue,
                        n(f.pipeline), n(f.opportunities), n(f.revenue), n(f.won), n(e.roi(m)), n(e.pipelinePerCost(m)),
                    ].map(field).joined(separator: ",") + "\n"
            }
        }
        for m in models {
            let u = r.unattributed(m)
            out +=
                [
                    "unattributed", "", "", "", "", "", "", "", m.rawValue, n(u.pipeline), String(u.opportunities),
                    n(u.revenue), String(u.won), "", "",
                ].joined(separator: ",") + "\n"
        }
        return out
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break (names come from imported files).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
