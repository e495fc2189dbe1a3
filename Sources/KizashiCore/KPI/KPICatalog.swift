/// The four ABM phases (kpis.md headings).
public enum ABMPhase: String, CaseIterable, Sendable {
    case targetDefinition = "target_definition"
    case engagement
    case pipeline
    case closeAndROI = "close_and_roi"

    public func name(_ lang: Language) -> String { L10n.t("phase.\(rawValue)", lang) }
}

/// One KPI key of kpis.md, with its phase, names, and whether lower is better (for attainment).
public struct KPIDefinition: Sendable {
    public let key: String
    public let phase: ABMPhase
    public let ja: String
    public let en: String
    /// kpis.md §The funnel and the bottleneck: for `duplicate_rate` and `targets_outside_icp`,
    /// attainment = target / actual.
    public let lowerIsBetter: Bool
    /// Omitted from `by_tier` (kpis.md §Output: "the keys that are not about the target set").
    public let notAboutTargetSet: Bool
    public let kind: Kind

    public enum Kind: Sendable { case count, ratio, money, score, years, multiple }

    public func name(_ lang: Language) -> String { L10n.t("kpi.\(key)", lang) }
}

/// Every key `kpis` holds, in output order (phase by phase, in the order kpis.md names them).
public enum KPICatalog {
    public static let all: [KPIDefinition] = [
        d("target_coverage", .targetDefinition, "ターゲットアカウントリストカバー率", "Target list coverage", .ratio),
        d("icp_companies", .targetDefinition, "ICP該当企業数", "ICP companies", .count, notTarget: true),
        d("targets", .targetDefinition, "ターゲットアカウント数", "Target accounts", .count),
        d("targets_outside_icp", .targetDefinition, "ICP外ターゲット数", "Targets outside ICP", .count, lower: true),
        d("list_precision", .targetDefinition, "リスト精度", "List precision", .ratio),
        d("data_quality", .targetDefinition, "アカウントデータ品質", "Account data quality", .ratio),
        d("completeness", .targetDefinition, "網羅性", "Completeness", .ratio),
        d("validity", .targetDefinition, "正確性", "Validity", .ratio),
        d("freshness", .targetDefinition, "鮮度", "Freshness", .ratio),
        d("duplicate_rate", .targetDefinition, "重複率", "Duplicate rate", .ratio, lower: true),
        d("avg_engagement", .engagement, "平均エンゲージメントスコア", "Average engagement score", .score),
        d("engaged_accounts", .engagement, "エンゲージ企業数", "Engaged accounts", .count),
        d("engaged_rate", .engagement, "エンゲージ率", "Engaged rate", .ratio),
        d("target_web_visit_rate", .engagement, "ターゲットアカウントのウェブサイト訪問率", "Target web visit rate", .ratio),
        d("target_traffic_share", .engagement, "ターゲット流入シェア", "Target traffic share", .ratio),
        d("intent_accounts", .engagement, "インテント検出企業数", "Accounts with intent", .count),
        d("competitor_research_accounts", .engagement, "競合調査企業数", "Competitor research accounts", .count),
        d("surging_accounts", .engagement, "サージ企業数", "Surging accounts", .count),
        d("sql_count", .pipeline, "SQL創出数", "SQLs created", .count),
        d("meetings", .pipeline, "ミーティング獲得数", "Meetings", .count),
        d("opportunities_created", .pipeline, "商談獲得数", "Opportunities created", .count),
        d("pipeline_created", .pipeline, "パイプライン創出額", "Pipeline created", .money),
        d("win_rate", .closeAndROI, "契約率", "Win rate", .ratio),
        d("win_rate_non_target", .closeAndROI, "契約率（非ターゲット）", "Win rate (non-target)", .ratio, notTarget: true),
        d("win_rate_lift", .closeAndROI, "契約率リフト", "Win rate lift", .multiple),
        d("closed_won_revenue", .closeAndROI, "受注額", "Closed-won revenue", .money),
        d("acv", .closeAndROI, "平均契約単価", "ACV", .money),
        d("acv_non_target", .closeAndROI, "平均契約単価（非ターゲット）", "ACV (non-target)", .money, notTarget: true),
        d("ltv", .closeAndROI, "顧客生涯価値", "LTV", .money),
        d("arpa", .closeAndROI, "顧客あたり年間売上", "ARPA", .money),
        d("annual_churn", .closeAndROI, "年間解約率", "Annual churn", .ratio, lower: true),
        d("lifetime_years", .closeAndROI, "平均顧客寿命（年）", "Lifetime (years)", .years),
        d("abm_cost", .closeAndROI, "ABM投資額", "ABM cost", .money, notTarget: true, lower: true),
        d("roi", .closeAndROI, "ROI", "ROI", .ratio, notTarget: true),
        d("pipeline_per_cost", .closeAndROI, "投資あたりパイプライン", "Pipeline per cost", .multiple, notTarget: true),
    ]

    public static let byKey: [String: KPIDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    /// Keys of a `by_tier` entry, in output order.
    public static let tierKeys: [String] = all.filter { !$0.notAboutTargetSet }.map(\.key)

    private static func d(
        _ key: String, _ phase: ABMPhase, _ ja: String, _ en: String, _ kind: KPIDefinition.Kind,
        notTarget: Bool = false, lower: Bool = false
    ) -> KPIDefinition {
        KPIDefinition(
            key: key, phase: phase, ja: ja, en: en, lowerIsBetter: lower, notAboutTargetSet: notTarget, kind: kind)
    }
}
