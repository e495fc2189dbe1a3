/// The approach-now list's choice of ranking, the model's reasons and the in-deal part (issue 20).
/// `{0}`, `{1}` are arguments.
extension L10n {
    static let propensity: [String: (en: String, ja: String)] = [
        "now.candidate.engagement": ("the engagement score", "エンゲージメントスコア"),
        "now.candidate.rule": ("the rule score", "ルールスコア"),
        "now.candidate.logistic": ("the logistic model", "ロジスティック回帰モデル"),
        "now.candidate.gbdt": ("the gradient-boosted trees", "勾配ブースティング木"),
        "now.choice.why": (
            "Ranked by {0}: on {1} validation days before today ({2} – {3}) its top {4} held {5} accounts that opened an opportunity within {6} days (precision {7}, AUC {9}); sorting by engagement held {8}.",
            "{0}で順位付け：今日より前の検証日{1}日（{2}〜{3}）で、上位{4}社のうち{6}日以内に商談が生まれたのは{5}社（適合率{7}、AUC {9}）。エンゲージメント順では{8}社。"
        ),
        "now.choice.whyEngagement": (
            "Ranked by {0}: on {1} validation days before today ({2} – {3}) no other candidate's top {4} held more accounts that opened an opportunity within {6} days than its {5} (precision {7}, AUC {9}).",
            "{0}で順位付け：今日より前の検証日{1}日（{2}〜{3}）で、上位{4}社のうち{6}日以内に商談が生まれたのは{5}社（適合率{7}、AUC {9}）。これを上回る候補はありませんでした。"
        ),
        "now.choice.unvalidated": (
            "Ranked by the rule score: the history before today is too small to validate any ranking on (it needs new opportunities on the fit and validation days, and at least a full list of accounts on a validation day).",
            "ルールスコアで順位付け：今日より前の履歴が、順位付けの検証には足りません（学習日と検証日の新規商談、および検証日に一覧の件数以上のアカウントが必要です）。"
        ),
        "now.choice.details": ("Every candidate on the validation days", "検証日での各候補の成績"),
        "now.choice.hits": ("new opportunities in the top k", "上位k社の新規商談"),
        "now.inDeal.title": ("In a deal — re-engaging", "商談中 — 再接触"),
        "now.inDeal.note": (
            "Accounts with an open opportunity whose engagement score rose at least {0} points in 7 days: news for their account owner, not new prospects.",
            "商談が進行中で、エンゲージメントスコアが7日間で{0}以上上昇したアカウント。新規開拓ではなく担当営業への連絡事項です。"
        ),
        "now.inDeal.none": ("No account in a deal is re-engaging.", "再接触中の商談中アカウントはありません。"),
        "now.drivers": ("Why the model ranks it here", "モデルがこの順位とした理由"),
        "now.driver": ("{0}: {1}", "{0}：{1}"),
        "now.cli.drivers": ("   model: ", "   モデル: "),
        "now.cli.engagement": ("engagement score ", "エンゲージメントスコア "),
        "now.cli.inDeal": ("In a deal — re-engaging", "商談中 — 再接触"),
        "now.feature.icp_match": ("ICP match", "ICP適合"),
        "now.feature.tier_fit": ("Tier", "ティア"),
        "now.feature.engagement": ("Engagement score", "エンゲージメントスコア"),
        "now.feature.momentum": ("Engagement rise in 7 days", "7日間のエンゲージメント上昇"),
        "now.feature.surging_topics": ("Surging intent topics", "サージ中のインテントトピック"),
        "now.feature.forms_events_7d": ("Forms and events this week", "今週のフォーム・イベント"),
        "now.feature.web_visits_7d": ("Web visits this week", "今週のWeb訪問"),
        "now.feature.open_pipeline": ("Open pipeline", "進行中の商談"),
        "now.feature.committee_7d": ("Decision makers and influencers this week", "今週の決裁者・影響者"),
        "now.feature.people_7d": ("People engaged this week", "今週接点のあった人数"),
        "now.feature.pricing_7d": ("Pricing-page visits this week", "今週の料金ページ閲覧"),
        "now.feature.high_intent_recency": ("Recent pricing visit, form or event", "直近の料金閲覧・フォーム・イベント"),
        "now.feature.burst_7_90": ("Activity this week against its own 90-day level", "90日平均に対する今週の活動量"),
        "now.feature.people_growth": ("More people than the week before", "前週より増えた接点人数"),
        "now.feature.people_30d": ("People engaged in 30 days", "30日間に接点のあった人数"),
        "now.feature.departments_7d": ("Departments engaged this week", "今週接点のあった部署数"),
        "now.feature.intent_max": ("Highest intent score this week", "今週の最高インテントスコア"),
        "now.feature.competitor_7d": ("Competitor research this week", "今週の競合調査"),
        "now.feature.last_opportunity_recency": ("A recent earlier opportunity", "最近の過去商談"),
        "now.feature.active_days_30d": ("Active days in 30", "30日間の活動日数"),
        "model.retrain.format": ("the stored form of rankings changed", "保存形式が変わりました"),
        "model.retrain.features": ("the feature list changed", "特徴量の一覧が変わりました"),
        "model.retrain.data": (
            "companies, contacts, targets or opportunities changed since training",
            "学習後に企業・コンタクト・ターゲット・商談が変わりました"
        ),
        "model.retrain.settings": ("the settings changed since training", "学習後に設定が変わりました"),
        "model.retrain.trained-after-day": (
            "it was trained as of a later day (its validation used labels after this day)",
            "この日より後の日付で学習されています（検証にこの日より後の結果を使っています）"
        ),
        "model.retrain.too-old": (
            "it is more than {0} days older than this day", "この日より{0}日以上前に学習されています"
        ),
        "model.none": (
            "No ranking is trained yet: run `kizashi model train`.",
            "学習済みの順位付けはまだありません。`kizashi model train` を実行してください。"
        ),
        "model.trained": ("Trained {0} as of {1}", "{0}に学習（基準日 {1}）"),
        "model.current": ("in use for {0}", "{0}の一覧に使用中"),
        "model.stale": ("not used for {0}: {1}", "{0}の一覧には使いません：{1}"),
        "model.training": (
            "Training the ranking as of {0} (validation days before it)…", "{0}時点の順位付けを学習しています（それより前の検証日を使用）…"
        ),
        "model.trainedIn": ("Trained in {0} s.", "学習に{0}秒かかりました。"),
        "model.fingerprint": ("Trained on", "学習データ"),
        "model.features": ("Features", "特徴量"),
    ]
}
