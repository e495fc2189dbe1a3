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
        "backtest.title": (
            "Backtest, horizon {0} days, list length k = {1}", "バックテスト（予測期間 {0}日、リストの長さ k = {1}）"
        ),
        "backtest.asOf": (
            "As of {0}: test {1} days from {0}, {2} account-days, {3} with a new opportunity",
            "基準日 {0}：{0}からのテスト日 {1}日、{2} 企業日（うち新規商談 {3}）"
        ),
        "backtest.chosen": (
            "  chosen on {0} validation days {1} ({2} account-days, {3} positive): {4}",
            "  検証日 {0}日（{1}、{2} 企業日、うち商談化 {3}）で選択：{4}"
        ),
        "backtest.unvalidated": ("rule (not validated: too little history)", "rule（検証なし：履歴が足りません）"),
        "backtest.validation": ("  validation:", "  検証日:"),
        "backtest.test": ("  test:", "  テスト日:"),
        "backtest.hits": ("hits", "的中"),
        "backtest.lift": ("lift top 10%", "上位10%リフト"),
        "backtest.calibration": (
            "  calibration {0} (predicted → observed by decile): ", "  較正 {0}（十分位ごとの予測 → 実績）: "
        ),
        "backtest.pooled": (
            "Pooled over {0} as-of day(s): {1} account-days, {2} positive (AUC: mean of each test day's, by samples)",
            "基準日 {0}日分を合算：{1} 企業日、うち商談化 {2}（AUC はテスト日ごとの値を企業日数で加重平均）"
        ),
        "backtest.list": ("the list (chosen)", "リスト（選択どおり）"),
        "backtest.legend": (
            "* = the candidate the list used on that day (most hits in the top {0} on validation days before it; AUC breaks ties).",
            "* = その日にリストが使った候補（それより前の検証日で上位{0}社の的中が最多。同数は AUC で決定）。"
        ),
    ]
}
