/// Journey stages and movement (issue 26): `kizashi journey`, the 「ジャーニー」 page and the
/// account page's stage history.
extension L10n {
    static let journey: [String: (en: String, ja: String)] = [
        "nav.journey": ("Journey", "ジャーニー"),
        "journey.title": ("Account journey", "アカウントジャーニー"),
        "journey.report": ("Account journey (stages and movement)", "アカウントジャーニー（ステージと推移）"),
        "journey.stage.none": ("Not a target", "ターゲット外"),
        "journey.stage.target": ("Target", "ターゲット"),
        "journey.stage.aware": ("Aware", "認知"),
        "journey.stage.engaged": ("Engaged", "エンゲージ"),
        "journey.stage.qualified": ("Qualified", "有望"),
        "journey.stage.opportunity": ("Opportunity", "商談"),
        "journey.stage.customer": ("Customer", "顧客"),
        "journey.stage": ("Stage", "ステージ"),
        "journey.atStart": ("At start ({0})", "期初（{0}）"),
        "journey.atEnd": ("At end ({0})", "期末（{0}）"),
        "journey.movement": ("Movement", "推移"),
        "journey.stayed": ("Stayed", "変化なし"),
        "journey.forward": ("Moved forward one stage", "1段階前進"),
        "journey.skipped": ("Skipped a stage (2+ forward)", "段階を飛ばして前進（2段階以上）"),
        "journey.fellBack": ("Fell back", "後退"),
        "journey.entered": ("Entered the target list", "ターゲットに追加"),
        "journey.left": ("Left the target list", "ターゲットから除外"),
        "journey.matrix": ("Transitions (rows: at start, columns: at end)", "遷移（行: 期初、列: 期末）"),
        "journey.conversion": ("Step conversion", "ステップ転換率"),
        "journey.step": ("Step", "ステップ"),
        "journey.accounts": ("Accounts", "アカウント数"),
        "journey.converted": ("Moved on", "前進"),
        "journey.rate": ("Rate", "転換率"),
        "journey.velocity": ("Velocity (days to the next stage)", "速度（次のステージまでの日数）"),
        "journey.enteredSpells": ("Entered", "流入"),
        "journey.censored": ("Censored", "打ち切り"),
        "journey.median": ("Median days", "中央値（日）"),
        "journey.mean": ("Mean days (moved on)", "平均（日・前進分）"),
        "journey.method": ("Median", "中央値の算出"),
        "journey.method.sample": ("sample", "標本"),
        "journey.method.kaplan_meier": ("Kaplan–Meier", "カプラン・マイヤー"),
        "journey.censoredNote": (
            "Censored: still in the stage on the last day, or fell back / left the list before moving on. Means are over spells that moved on; medians are Kaplan–Meier where any spell is censored.",
            "打ち切り: 最終日もそのステージにいる、または前進する前に後退・ターゲット除外となったもの。平均は前進した分のみ、中央値は打ち切りがあればカプラン・マイヤー推定です。"
        ),
        "journey.tier": ("Tier {0}", "ティア{0}"),
        "journey.all": ("All targets", "全ターゲット"),
        "journey.flow": ("Flow from start to end", "期初から期末への流れ"),
        "journey.history": ("Journey stage history", "ジャーニーステージの履歴"),
        "journey.current": ("Stage today", "現在のステージ"),
        "journey.since": ("Since", "開始日"),
        "journey.signal.sql": ("SQL", "SQL"),
        "journey.signal.meeting": ("meeting", "ミーティング"),
        "journey.signal.decision_maker": ("decision maker's activity", "意思決定者の活動"),
        "setting.journey.aware_window_days": (
            "journey: days in which any activity makes a target Aware (default: window_days)",
            "ジャーニー: 活動があれば「認知」とする日数（既定値は集計期間 window_days）"
        ),
        "setting.journey.engaged_threshold": (
            "journey: score from which a target is Engaged (default: engaged_threshold)",
            "ジャーニー: 「エンゲージ」とするスコア（既定値は engaged_threshold）"
        ),
        "setting.journey.qualified_window_days": (
            "journey: days in which a qualifying signal counts (default: window_days)",
            "ジャーニー: 「有望」の条件を数える日数（既定値は集計期間 window_days）"
        ),
        "setting.journey.qualified_signals": (
            "journey: what makes a target Qualified: sql, meeting, decision_maker (default: all three)",
            "ジャーニー: 「有望」の条件（SQL・ミーティング・意思決定者の活動から選択、既定値はすべて。書式は docs/journeys.md）"
        ),
        "setting.journey.customer_won_days": (
            "journey: days a won deal keeps an account a Customer; 0 = contracts only (default 365)",
            "ジャーニー: 受注から「顧客」とする日数（0 は契約のみ、既定値 365）"
        ),
        "setting.journey.name.target": ("journey: display name of the Target stage", "ジャーニー: 「ターゲット」ステージの表示名"),
        "setting.journey.name.aware": ("journey: display name of the Aware stage", "ジャーニー: 「認知」ステージの表示名"),
        "setting.journey.name.engaged": ("journey: display name of the Engaged stage", "ジャーニー: 「エンゲージ」ステージの表示名"),
        "setting.journey.name.qualified": ("journey: display name of the Qualified stage", "ジャーニー: 「有望」ステージの表示名"),
        "setting.journey.name.opportunity": ("journey: display name of the Opportunity stage", "ジャーニー: 「商談」ステージの表示名"),
        "setting.journey.name.customer": ("journey: display name of the Customer stage", "ジャーニー: 「顧客」ステージの表示名"),
        "setting.buying_group.tier1": (
            "buying group: roles tier 1 needs, e.g. decision_maker,influencer@情報システム部",
            "購買グループ: ティア1に必要な役割（例: 意思決定者と情報システム部の影響者。書式は docs/journeys.md）"
        ),
        "setting.buying_group.tier2": ("buying group: roles tier 2 needs", "購買グループ: ティア2に必要な役割"),
        "setting.buying_group.tier3": ("buying group: roles tier 3 needs", "購買グループ: ティア3に必要な役割"),
        "coverage.title": ("Buying group coverage", "購買グループのカバー状況"),
        "coverage.full": ("Every role has an engaged contact.", "すべての役割にエンゲージしている担当者がいます。"),
        "coverage.role": ("Role", "役割"),
        "coverage.engaged": ("Engaged", "エンゲージ"),
        "coverage.suggested": ("Suggested contacts", "候補の担当者"),
        "coverage.missing": ("No one engaged yet: {0}", "まだエンゲージがありません: {0}"),
        "coverage.anyRole": ("anyone", "任意の役割"),
        "coverage.notTarget": ("Not a target today: no buying group is required.", "本日はターゲットではないため、購買グループの要件はありません。"),
        "coverage.trend.title": (
            "Full buying-group coverage, {0}: targets with every role of their tier engaged",
            "購買グループのフルカバー率（{0}）：ティアの全役割にエンゲージがあるターゲットの割合"
        ),
        "coverage.trend.day": ("Day", "日付"),
        "coverage.trend.all": ("All tiers", "全ティア"),
        "coverage.trend.note": (
            "Points: the day before the period, each month end, the period's last day (full / targets, share).",
            "時点：期間の前日、各月末、期間の最終日（フルカバー数／ターゲット数、割合）。"
        ),
        "coverage.summary": ("Full coverage: {0} of {1} targets ({2})", "フルカバー: ターゲット {1} 社中 {0} 社（{2}）"),
        "journey.rules": (
            "Rules: Aware = any activity in {0} days; Engaged = score ≥ {1}; Qualified = {2} in {3} days; Customer = active contract or a deal won in {4} days.",
            "ルール: 認知 = {0}日以内の活動; エンゲージ = スコア {1} 以上; 有望 = {3}日以内の {2}; 顧客 = 有効な契約または{4}日以内の受注。"
        ),
    ]

    /// A stage's name: the workspace's own (`journey.name.<stage>`) or the built-in one.
    public static func stageName(_ stage: JourneyStage?, rules: JourneyRules, _ lang: Language) -> String {
        guard let stage else { return t("journey.stage.none", lang) }
        return rules.names[stage.key] ?? t("journey.stage.\(stage.key)", lang)
    }

    /// A buying-group requirement in words: its role, and its department when it names one.
    public static func requirementName(_ r: BuyingGroupRules.Requirement, _ lang: Language) -> String {
        let role = r.role.map { t("role.\($0.rawValue)", lang) } ?? t("coverage.anyRole", lang)
        return r.department.map { "\($0) \(role)" } ?? role
    }
}
