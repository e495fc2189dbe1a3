/// The workbook a team takes to the review meeting (issue 24 §2, `kizashi report --format xlsx`):
/// the KPI sheet (each KPI's value, target, attainment, previous period and change — the
/// figures `kizashi kpi` prints), the monthly trends, the funnel, the target accounts and the
/// campaigns. Arranges figures computed elsewhere; computes nothing but the layout.
public struct MeetingWorkbook: Sendable {
    public var current: KPIReport
    public var previous: KPIReport
    /// One report per month, oldest first (the trend sheet's columns).
    public var monthly: [KPIReport]
    /// The target accounts on the period's last day (or today); the sheet keeps `current`'s tier.
    public var accounts: AccountList
    public var attribution: AttributionReport

    public init(
        current: KPIReport, previous: KPIReport, monthly: [KPIReport], accounts: AccountList,
        attribution: AttributionReport
    ) {
        self.current = current
        self.previous = previous
        self.monthly = monthly
        self.accounts = accounts
        self.attribution = attribution
    }

    public func document(_ lang: Language) -> XLSXDocument {
        XLSXDocument(sheets: [
            kpiSheet(lang), trendSheet(lang), funnelSheet(lang), accountSheet(lang), campaignSheet(lang),
        ])
    }

    func t(_ key: String, _ lang: Language) -> XLSXDocument.Cell { .text(L10n.t(key, lang)) }

    /// A KPI value as a number cell in the format of its kind; null is an empty cell.
    func cell(_ v: KPIValue, _ kind: KPIDefinition.Kind) -> XLSXDocument.Cell {
        guard let x = v.doubleValue else { return .empty }
        return .number(x, format(kind))
    }

    func format(_ kind: KPIDefinition.Kind) -> XLSXDocument.Format {
        switch kind {
        case .count: .integer
        case .ratio: .percent
        case .money: current.parameters.currency == "JPY" ? .yen : .integer
        case .score, .years, .multiple: .decimal
        }
    }

    var money: XLSXDocument.Format { format(.money) }

    func kpiSheet(_ lang: Language) -> XLSXDocument.Sheet {
        var rows: [[XLSXDocument.Cell]] = [
            [
                t("workbook.phase", lang), t("digest.column.kpi", lang), t("workbook.key", lang),
                t("digest.column.current", lang), t("digest.column.target", lang), t("digest.column.attainment", lang),
                t("digest.column.previous", lang), t("digest.column.change", lang),
            ]
        ]
        for m in Digest.movements(current: current, previous: previous) {
            let kind = m.definition.kind
            rows.append([
                .text(m.definition.phase.name(lang)), .text(m.definition.name(lang)), .text(m.definition.key),
                cell(m.value, kind), m.goal.map { .number($0.target, format(kind)) } ?? .empty,
                m.goal.map { cell($0.attainment, .ratio) } ?? .empty, cell(m.previous, kind), cell(m.change, kind),
            ])
        }
        return .init(
            name: L10n.t("workbook.sheet.kpis", lang), widths: [16, 30, 24, 16, 16, 12, 16, 16], rows: rows)
    }

    func trendSheet(_ lang: Language) -> XLSXDocument.Sheet {
        var rows: [[XLSXDocument.Cell]] = [
            [t("digest.column.kpi", lang), t("workbook.key", lang)] + monthly.map { .text($0.period.label) }
        ]
        for d in KPICatalog.all {
            rows.append([.text(d.name(lang)), .text(d.key)] + monthly.map { cell($0[d.key] ?? .null, d.kind) })
        }
        return .init(
            name: L10n.t("workbook.sheet.monthly", lang), widths: [30, 24] + monthly.map { _ in 14 }, rows: rows)
    }

    func funnelSheet(_ lang: Language) -> XLSXDocument.Sheet {
        var rows: [[XLSXDocument.Cell]] = [
            [
                t("digest.column.step", lang), t("digest.column.current", lang), t("digest.column.conversion", lang),
                t("digest.column.previous", lang), t("digest.column.conversion", lang),
            ]
        ]
        for (i, s) in current.funnel.enumerated() {
            let p = i < previous.funnel.count ? previous.funnel[i] : nil
            rows.append([
                t("report.funnel.\(s.step)", lang), .number(Double(s.count), .integer), cell(s.conversion, .ratio),
                p.map { .number(Double($0.count), .integer) } ?? .empty,
                p.map { cell($0.conversion, .ratio) } ?? .empty,
            ])
        }
        return .init(name: L10n.t("workbook.sheet.funnel", lang), widths: [24, 12, 12, 12, 12], rows: rows)
    }

    func accountSheet(_ lang: Language) -> XLSXDocument.Sheet {
        var rows: [[XLSXDocument.Cell]] = [
            [
                t("workbook.companyId", lang), t("accounts.company", lang), t("workbook.tier", lang),
                t("accounts.icp", lang), t("accounts.score", lang), t("accounts.change", lang),
                t("accounts.contacts", lang), t("accounts.topics", lang), t("accounts.last", lang),
                t("accounts.pipeline", lang),
            ]
        ]
        let zone = current.parameters.timeZone
        let tier = current.tier
        let listed = accounts.rows.filter { tier == nil || $0.tier == tier }
        for r in listed.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.companyId < $1.companyId }) {
            rows.append([
                .text(r.companyId), .text(r.name), .number(Double(r.tier.rawValue), .integer),
                .text(L10n.t(r.icpMatch ? "workbook.yes" : "workbook.no", lang)), .number(r.score, .decimal),
                .number(r.scoreChange7d, .decimal), .number(Double(r.engagedContacts), .integer),
                .text(r.topTopics.joined(separator: ", ")), r.lastActivity.map { .date(zone.day(of: $0)) } ?? .empty,
                .number(r.openPipeline, money),
            ])
        }
        return .init(
            name: L10n.t("workbook.sheet.accounts", lang), widths: [14, 32, 6, 6, 10, 10, 10, 36, 14, 16], rows: rows)
    }

    func campaignSheet(_ lang: Language) -> XLSXDocument.Sheet {
        let model = AttributionModel.linear
        var rows: [[XLSXDocument.Cell]] = [
            [
                t("attribution.campaign", lang), t("name", lang), t("attribution.channel", lang),
                t("attribution.cost", lang), t("attribution.touches", lang), t("attribution.influenced", lang),
                t("attribution.influencedPipeline", lang), t("attribution.pipeline", lang),
                t("attribution.revenue", lang), t("attribution.roi", lang), t("attribution.perCost", lang),
            ]
        ]
        for e in attribution.campaigns {
            rows.append([
                .text(e.key), .text(e.name ?? ""), .text(e.channel ?? ""), e.cost.map { .number($0, money) } ?? .empty,
                .number(Double(e.touches), .integer), .number(Double(e.influencedOpportunities), .integer),
                .number(e.influencedPipeline, money), .number(e[model].pipeline, money),
                .number(e[model].revenue, money), e.roi(model).map { .number($0, .percent) } ?? .empty,
                e.pipelinePerCost(model).map { .number($0, .decimal) } ?? .empty,
            ])
        }
        return .init(
            name: L10n.t("workbook.sheet.campaigns", lang), widths: [14, 30, 14, 14, 10, 12, 16, 16, 16, 10, 14],
            rows: rows)
    }
}
