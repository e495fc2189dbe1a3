/// What the command line prints beyond the reports: `target set`/`target list` and `backtest`.
extension L10n {
    static let cli: [String: (en: String, ja: String)] = [
        "cli.target.set": ("target {0} ({1}) = {2} for {3}{4}", "目標 {0}（{1}）= {2}　期間 {3}{4}"),
        "cli.target.none": (
            "No KPI targets set. Example: kizashi target set sql_count 40 --period 2026Q3",
            "KPI目標は未設定です。例: kizashi target set sql_count 40 --period 2026Q3"
        ),
        "cli.target.tier": ("tier {0}", "ティア{0}"),
        "cli.target.allTiers": ("all", "全体"),
        "cli.settings.legend": (
            "(* = set in this workspace; others are the defaults of kpis.md)", "（* = このワークスペースで設定した値。その他は kpis.md の既定値）"
        ),
        "backtest.title": ("Backtest as of {0}, horizon {1} days", "バックテスト（基準日 {0}、予測期間 {1}日）"),
        "backtest.samples": (
            "train: {0} account-days, {1} with an opportunity; test: {2}, {3}",
            "学習: {0} 企業日（うち商談化 {1}）／検証: {2} 企業日（うち商談化 {3}）"
        ),
        "backtest.lift": ("lift top 10%", "上位10%リフト"),
        "backtest.model": ("model", "傾向スコアモデル"),
        "backtest.rule": ("rule score", "ルールスコア"),
        "backtest.engagement": ("engagement score", "エンゲージメントスコア"),
        "backtest.uses.model": (
            "The approach-now list would use: the model (it beats the rule score)",
            "「今アプローチすべき企業」の順位付け: モデル（ルールスコアを上回るため）"
        ),
        "backtest.uses.rule": (
            "The approach-now list would use: the rule score", "「今アプローチすべき企業」の順位付け: ルールスコア"
        ),
        "backtest.calibration": (
            "Calibration (mean predicted → observed, by decile):", "較正（十分位ごとの予測平均 → 実績）:"
        ),
        "backtest.coefficients": ("Coefficients (standardised features):", "係数（標準化した特徴量）:"),
        "backtest.excluded": (
            "Left out (the model ranked the validation days better without them): {0}",
            "除外した特徴量（除いた方が検証期間の順位付けが良かったもの）: {0}"
        ),
    ]
}
