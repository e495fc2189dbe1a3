/// The KPI report: phase and KPI names (from `KPICatalog`), units, the monthly table.
extension L10n {
    static let report: [String: (en: String, ja: String)] = [
        "phase.target_definition": ("Target definition", "ターゲットアカウントの定義"),
        "phase.engagement": ("Engagement", "エンゲージメントの可視化"),
        "phase.pipeline": ("Pipeline", "パイプラインの創出と商談化"),
        "phase.close_and_roi": ("Close and ROI", "成約とROI"),
        "report.month": ("Month", "月"),
        "target.input.empty": ("give a target value", "目標値を入力してください"),
        "target.input.notANumber": ("{0} is not a number", "{0} は数値ではありません"),
        "target.input.ambiguous": (
            "{0} is ambiguous for a percentage ({0} % or {1} %?); write it with %, e.g. {0}% or {1}%",
            "{0} は割合として曖昧です（{0}% か {1}% か）。{0}% や {1}% のように % を付けてください"
        ),
        "target.input.notWhole": ("{0}: a count is a whole number", "{0}：件数は整数で入力してください"),
        "target.input.tooLarge": ("{0} is too large (at most {1})", "{0} は大きすぎます（上限 {1}）"),
        "report.title": ("ABM KPI report", "ABM KPI レポート"),
        "report.tier": ("  tier {0}", "  ティア{0}"),
        "report.target": ("target ", "目標 "),
        "report.attainment": ("  attainment ", "  達成率 "),
        "report.funnel": ("■ Funnel", "■ ファネル"),
        "report.funnel.targets": ("Targets", "ターゲット"),
        "report.funnel.engaged": ("Engaged", "エンゲージ"),
        "report.funnel.sql": ("SQL", "SQL"),
        "report.funnel.opportunity": ("Opportunity", "商談"),
        "report.funnel.won": ("Won", "受注"),
        "report.topics": ("■ Top intent topics", "■ 注目トピック"),
        "report.bottleneck.goals": ("Bottleneck: {0} ({1} at {2} of target)", "ボトルネック: {0}（{1} 達成率 {2}）"),
        "report.bottleneck.funnel": (
            "Bottleneck: funnel step {0} fell from {1} to {2} against the previous period",
            "ボトルネック: ファネル「{0}」の転換率が前期 {1} → 今期 {2} に低下"
        ),
        "report.bottleneck.none": (
            "Bottleneck: none (no targets set and no funnel step fell against the previous period)",
            "ボトルネック: なし（目標未設定、前期比で低下したステップなし）"
        ),
        "report.parameters": (
            "Parameters: time zone {0}; weights {1}; half-life {2} d; window {3} d; scale {4}; engaged ≥ {5}; freshness {6} d; surge current ≥ {7}, rise ≥ {8}; gross margin {9}; ",
            "パラメータ: タイムゾーン {0}; 重み {1}; 半減期 {2}日; 期間 {3}日; スケール {4}; エンゲージ閾値 {5}; 鮮度 {6}日; サージ 現在≥{7} 上昇≥{8}; 粗利率 {9}; "
        ),
        "report.parameters.tail": ("lifetime cap {0} y; currency {1}", "寿命上限 {0}年; 通貨 {1}"),
        "unit.years.short": (" y", "年"),
        "unit.years": (" yr", "年"),
    ]

    /// `kpi.<key>`: each KPI's name as the catalog states it (kpis.md's Japanese names).
    static let kpiNames: [String: (en: String, ja: String)] = Dictionary(
        uniqueKeysWithValues: KPICatalog.all.map { ("kpi.\($0.key)", (en: $0.en, ja: $0.ja)) })
}

/// The workspace settings as the Settings page describes them (`setting.<key>`).
extension L10n {
    static let settings: [String: (en: String, ja: String)] = {
        var t: [String: (en: String, ja: String)] = [
            "setting.alerts.rules": (
                "alert rules as a JSON object: score_threshold, momentum_spike (0–100), cooldown_hours (0–8760), tiers ([1, 2, 3]), owners and segments (names; empty: all) (default {})",
                "アラートのルール（JSON オブジェクト）: score_threshold、momentum_spike（0〜100）、cooldown_hours（0〜8760）、tiers（[1, 2, 3]）、owners と segments（名前。空なら全件）（既定値 {}）"
            ),
            "setting.time_zone": (
                "IANA time zone for local dates (default Asia/Tokyo)", "日付の基準となるタイムゾーン（既定値 Asia/Tokyo）"
            ),
            "setting.half_life_days": ("engagement decay half-life in days (default 30)", "エンゲージメントの減衰の半減期（日、既定値 30）"),
            "setting.window_days": ("engagement score window in days (default 90)", "エンゲージメントスコアの集計期間（日、既定値 90）"),
            "setting.score_scale": ("engagement score scale (default 50)", "エンゲージメントスコアの尺度（既定値 50）"),
            "setting.engaged_threshold": (
                "score at which an account counts as engaged (default 40)", "エンゲージ企業とみなすスコア（既定値 40）"
            ),
            "setting.freshness_days": (
                "verified_on age that counts as fresh (default 180)", "鮮度ありとみなす確認日からの日数（既定値 180）"
            ),
            "setting.surge_min_current": (
                "minimum current intent mean for a surge (default 60)", "サージとみなす現在のインテント平均の下限（既定値 60）"
            ),
            "setting.surge_min_delta": (
                "minimum rise over the baseline for a surge (default 20)", "サージとみなすベースラインからの上昇幅（既定値 20）"
            ),
            "setting.gross_margin": ("gross margin used in LTV (default 0.7)", "LTVに使う粗利率（既定値 0.7）"),
            "setting.lifetime_cap_years": ("cap of customer lifetime in LTV (default 10)", "LTVの顧客寿命の上限（年、既定値 10）"),
            "setting.currency": ("workspace currency code (default JPY)", "通貨コード（既定値 JPY）"),
            "setting.collect.keep_query": (
                "keep query strings of tracked page addresses (default false: stripped)",
                "トラッキングしたページURLのクエリ文字列を残す（既定値 false：削除）"
            ),
            "setting.collect.max_url_length": (
                "longest page address stored by the tracking tag, in bytes (default 1024)",
                "トラッキングタグが保存するURLの最大長（バイト、既定値 1024）"
            ),
            "setting.attribution.lookback_days": (
                "days before an opportunity's creation in which touches count (default 90)",
                "商談作成日より前に、タッチを数える日数（既定値 90）"
            ),
            "setting.attribution.touch_types": (
                "activity types that are attribution touches, comma-separated (default all but email_open)",
                "アトリビューションのタッチとする活動種別（カンマ区切り、既定値 email_open 以外すべて）"
            ),
            "setting.attribution.half_life_days": (
                "half-life in days of the time-decay attribution model (default 7)",
                "時間減衰モデルの半減期（日、既定値 7）"
            ),
            "settings.default": ("default", "既定値"),
        ]
        for type in ActivityType.allCases {
            let name = L10n.domain["activity.\(type.rawValue)"] ?? (type.rawValue, type.rawValue)
            t["setting.weights.\(type.rawValue)"] = ("engagement weight of \(name.en)", "「\(name.ja)」の重み")
        }
        return t
    }()
}
