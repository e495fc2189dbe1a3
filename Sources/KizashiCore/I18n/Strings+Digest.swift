/// The review written for the meeting (issue 24 §1): `kizashi digest` and `GET /api/v1/digest`.
extension L10n {
    static let digest: [String: (en: String, ja: String)] = [
        "digest.title": ("ABM review {0} – {1}", "ABM 振り返り {0}〜{1}"),
        "digest.subtitle": (
            "Compared with the previous period {0} – {1}; approach-now list as of {2}",
            "比較対象は前期 {0}〜{1}、アプローチリストは {2} 時点"
        ),
        "digest.points": (" pt", " ポイント"),
        "digest.section.kpis": ("KPIs against target and the previous period", "KPI（目標比・前期比）"),
        "digest.section.bottleneck": ("Bottleneck", "ボトルネック"),
        "digest.section.funnel": ("Funnel", "ファネル"),
        "digest.section.approachNow": ("Approach now: top 10", "今アプローチすべき企業（上位10社）"),
        "digest.section.campaigns": (
            "Campaigns: pipeline per cost (linear attribution)", "施策のコストあたりパイプライン（線形アトリビューション）"
        ),
        "digest.column.kpi": ("Indicator", "指標"),
        "digest.column.current": ("This period", "今期"),
        "digest.column.previous": ("Previous period", "前期"),
        "digest.column.change": ("Change", "前期比"),
        "digest.column.target": ("Target", "目標"),
        "digest.column.attainment": ("Attainment", "達成率"),
        "digest.column.step": ("Step", "ステップ"),
        "digest.column.conversion": ("Conversion", "転換率"),
        "digest.bottleneck.goals": ("{0}: {1} at {2} of target", "{0}：{1} の達成率 {2}"),
        "digest.bottleneck.funnel": (
            "Funnel step {0}: conversion fell from {1} to {2} against the period before",
            "ファネル「{0}」の転換率がその前の期間の {1} から {2} に低下"
        ),
        "digest.bottleneck.none": (
            "None (no targets set and no funnel step fell)", "なし（目標未設定、低下したファネルステップなし）"
        ),
        "digest.bottleneck.previous": ("Previous period: {0}", "前期：{0}"),
        "digest.slack.kpi": ("{0}: {1} (previous {2}, change {3})", "{0}：{1}（前期 {2}、前期比 {3}）"),
        "digest.slack.goal": (" · target {0}, attainment {1}", "・目標 {0}、達成率 {1}"),
        "digest.slack.funnel": ("{0}: {1} ({2}); previous {3} ({4})", "{0}：{1}（{2}）、前期 {3}（{4}）"),
        "digest.approachNow.none": ("No account to approach.", "該当する企業はありません。"),
        "digest.account": ("({0}, {1}, {2})", "（{0}、{1}、{2}）"),
        "digest.separator": ("; ", "／"),
        "digest.campaigns.best": ("Best", "上位"),
        "digest.campaigns.worst": ("Worst", "下位"),
        "digest.campaigns.none": (
            "No campaign with a cost in this period.", "この期間にコストが計上された施策はありません。"
        ),
        "digest.section.initiatives": ("What was done (initiative log)", "実施した施策（施策ログ）"),
        "digest.initiatives.none": ("No initiative logged in this period.", "この期間に記録された施策はありません。"),
        "digest.initiative.campaign": (" (campaign {0})", "（キャンペーン {0}）"),
        "digest.campaign": (
            "{0}: pipeline {1} for a cost of {2} ({3}× the cost)", "{0}：パイプライン {1}、コスト {2}（コストの {3} 倍）"
        ),
    ]
}
