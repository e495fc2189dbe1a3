/// Holdout experiments (issue 24 §4): `kizashi experiment`, the experiments page.
extension L10n {
    static let experiments: [String: (en: String, ja: String)] = [
        "nav.experiments": ("Experiments", "効果検証"),
        "experiment.title": ("Holdout experiments", "ホールドアウト実験（効果検証）"),
        "experiment.lede": (
            "A random share of the ICP accounts is kept off the target list; the difference between the targeted accounts and this holdout is what ABM added.",
            "ICP アカウントの一部を無作為に選び、ターゲットから外しています。ターゲット群とホールドアウト群の差が ABM の効果です。"
        ),
        "experiment.none": (
            "No experiment yet. Create one with kizashi experiment create --name NAME --from ICP --holdout 20% --seed 7 --start DATE.",
            "実験はまだありません。kizashi experiment create --name 名前 --from ICP --holdout 20% --seed 7 --start 日付 で作成します。"
        ),
        "experiment.report.title": ("Experiment {0}: {1} to {2} (end exclusive)", "実験 {0}：{1} 〜 {2}（終了日を含まない）"),
        "experiment.figure": ("Figure", "指標"),
        "experiment.treated": ("Treated", "ターゲット群"),
        "experiment.holdout": ("Holdout", "ホールドアウト群"),
        "experiment.difference": ("Difference", "差"),
        "experiment.ci95": ("95% CI", "95%信頼区間"),
        "experiment.accounts": ("Accounts", "アカウント数"),
        "experiment.engaged_rate": ("Engaged rate", "エンゲージ率"),
        "experiment.opportunity_rate": ("Accounts with an opportunity", "商談化したアカウントの割合"),
        "experiment.pipeline_per_account": ("Pipeline per account", "アカウントあたりパイプライン"),
        "experiment.win_rate": ("Win rate", "契約率"),
        "experiment.revenue_per_account": ("Revenue per account", "アカウントあたり受注額"),
        "experiment.incremental_pipeline": ("Incremental pipeline: {0} (95% CI {1})", "増分パイプライン：{0}（95%信頼区間 {1}）"),
        "experiment.abm_cost": ("ABM cost in the period: {0} {1}", "期間中の ABM 投資額：{0} {1}"),
        "experiment.implied_roi": (
            "Implied ROI (incremental revenue − cost) / cost: {0}", "増分受注額から見た ROI（増分受注額 − 投資額）÷ 投資額：{0}"
        ),
        "experiment.missing": (
            "%d experiment accounts are no longer in the workspace (merged or deleted) and are left out.",
            "%d 件の実験アカウントはワークスペースにもうありません（統合または削除）。集計から除いています。"
        ),
        "experiment.holdout_refused": (
            "{0} is in the holdout of the running experiment {1}: targeting it would spoil the comparison. Add it anyway with --override-holdout (API: \"override_holdout\": true).",
            "{0} は実行中の実験「{1}」のホールドアウト群です。ターゲットにすると比較が成り立ちません。それでも追加する場合は --override-holdout（API では \"override_holdout\": true）を指定してください。"
        ),
        "experiment.holdout_listed": (
            "%d holdout accounts are on the target list today: remove them (kizashi target-list remove ID) so they are not treated.",
            "ホールドアウト群のうち %d 件が現在ターゲットリストにあります。施策の対象にならないよう外してください（kizashi target-list remove ID）。"
        ),
        "initiative.log": ("Initiatives (orange ticks on the trends)", "施策ログ（推移グラフのオレンジの線）"),
        "initiative.on": ("Day", "実施日"),
        "initiative.what": ("What was done", "施策"),
        "initiative.campaign": ("Campaign ID (optional)", "キャンペーン ID（任意）"),
        "initiative.add": ("Log initiative", "施策を記録"),
        "review.title": ("Review note (Check / Act)", "振り返りメモ（Check / Act）"),
        "experiment.running": ("running", "実行中"),
        "experiment.ended": ("ended {0}", "{0} 終了"),
        "experiment.start": ("Start", "開始日"),
        "experiment.share": ("Holdout share", "ホールドアウト比率"),
        "experiment.seed": ("Seed", "シード"),
        "experiment.interval_note": (
            "Bars: 95% confidence intervals of treated − holdout (Newcombe for rates, Welch for amounts per account). An interval that does not cross 0 is a difference the data supports.",
            "バー：ターゲット群 − ホールドアウト群の 95% 信頼区間（割合は Newcombe 法、アカウントあたり金額は Welch 法）。0 をまたがない区間は、データが裏付ける差です。"
        ),
    ]
}
