/// Attribution (issue 21): the "施策の効果 / Campaign impact" page, the account journey and the
/// `kizashi attribution` table.
extension L10n {
    static let attribution: [String: (en: String, ja: String)] = [
        "nav.campaigns": ("Campaign impact", "施策の効果"),
        "attribution.title": ("Campaign impact", "施策の効果"),
        "attribution.report": ("Campaign impact (attribution)", "施策の効果（アトリビューション）"),
        "attribution.tier": ("  tier {0}", "  ティア{0}"),
        "attribution.model": ("Model", "モデル"),
        "attribution.model.linear": ("Linear", "均等配分（リニア）"),
        "attribution.model.first_touch": ("First touch", "ファーストタッチ"),
        "attribution.model.last_touch": ("Last touch", "ラストタッチ"),
        "attribution.model.u_shaped": ("U-shaped", "U字型"),
        "attribution.model.w_shaped": ("W-shaped", "W字型"),
        "attribution.model.time_decay": ("Time decay", "時間減衰"),
        "attribution.model.markov": ("Data-driven (Markov)", "データドリブン（マルコフ）"),
        "attribution.byCampaign": ("By campaign", "施策別"),
        "attribution.byChannel": ("By channel", "チャネル別"),
        "attribution.campaign": ("Campaign", "施策"),
        "attribution.channel": ("Channel", "チャネル"),
        "attribution.cost": ("Cost", "コスト"),
        "attribution.touches": ("Touches", "タッチ数"),
        "attribution.influenced": ("Influenced opps", "関与商談数"),
        "attribution.influencedPipeline": ("Influenced pipeline", "関与パイプライン"),
        "attribution.pipeline": ("Pipeline", "パイプライン"),
        "attribution.opportunities": ("Opps (credit)", "商談数（配分）"),
        "attribution.revenue": ("Revenue", "受注額"),
        "attribution.won": ("Won (credit)", "受注数（配分）"),
        "attribution.roi": ("ROI", "ROI"),
        "attribution.perCost": ("Pipeline per ¥", "コストあたりパイプライン"),
        "attribution.direct": ("{0} (no campaign)", "{0}（施策なし）"),
        "attribution.unattributed": ("Unattributed", "未配分"),
        "attribution.unattributedLine": (
            "Unattributed: {0} opportunities ({1} pipeline), {2} won ({3} revenue)",
            "未配分: 商談 {0} 件（パイプライン {1}）、受注 {2} 件（受注額 {3}）"
        ),
        "attribution.markov": ("Removal effects (data-driven model)", "除去効果（データドリブンモデル）"),
        "attribution.markov.explain": (
            "A channel's removal effect is the share of conversions that would be lost if that channel were taken out of every account's journey; the data-driven model shares each deal's credit in proportion to it.",
            "チャネルの除去効果は、そのチャネルをすべてのアカウントの経路から取り除いたときに失われるコンバージョンの割合です。データドリブンモデルは各商談の貢献をこの割合に応じて配分します。"
        ),
        "attribution.markov.conversion": ("Conversion probability: {0}", "コンバージョン確率: {0}"),
        "attribution.markov.none": (
            "No converting journey in this period: the data-driven model gives no credit.",
            "この期間にコンバージョンした経路がないため、データドリブンモデルは配分しません。"
        ),
        "attribution.parameters": (
            "Parameters: look-back {0} days · time-decay half-life {1} days · touches: {2}",
            "パラメータ: ルックバック {0} 日 · 時間減衰の半減期 {1} 日 · タッチ: {2}"
        ),
        "attribution.chart": ("Pipeline by model, top campaigns", "モデル別パイプライン（上位の施策）"),
        "attribution.chart.note": (
            "Where the bars of one campaign differ, the models disagree about what it did.",
            "同じ施策でバーの長さが違うところは、モデルによって評価が分かれている施策です。"
        ),
        "attribution.lowestPerCost": (
            "Lowest pipeline per ¥ (this model): {0}", "コストあたりパイプラインが最も低いチャネル（このモデル）: {0}"
        ),
        "attribution.empty": (
            "No campaign or opportunity in this period yet.", "この期間の施策や商談はまだありません。"
        ),
        "attribution.sortHint": ("Click a column heading to sort.", "列見出しをクリックすると並べ替えます。"),
        "attribution.roiLink": ("Which campaigns worked →", "どの施策が効いたか →"),
        "attribution.journey": ("Journey to each opportunity", "商談までの経路"),
        "attribution.journey.opportunity": ("{0} · created {1} · {2}", "{0} · 作成日 {1} · {2}"),
        "attribution.journey.none": ("No touch in the look-back window.", "ルックバック期間内のタッチはありません。"),
        "attribution.journey.noCredit": ("This model gives this deal no credit.", "このモデルではこの商談に配分がありません。"),
        "attribution.journey.credit": ("Credit", "貢献度"),
        "attribution.journey.when": ("When", "日時"),
        "attribution.journey.key": ("Touch", "タッチ"),
        "attribution.journey.markovPeriod": (
            "Data-driven credits use the removal effects of {0}.", "データドリブンの配分には {0} の除去効果を使います。"
        ),
    ]
}

extension L10n {
    /// A direct touch's key (`direct:<activity type>`, attribution.md) as a reader names it:
    /// the activity type in the reader's language, "(no campaign)". The raw key stays in the JSON
    /// and CSV, where it is the identifier.
    public static func directTouchName(_ key: String, _ lang: Language) -> String {
        let type = key.hasPrefix("direct:") ? String(key.dropFirst("direct:".count)) : key
        let name = ActivityType(rawValue: type).map { L10n.t("activity.\($0.rawValue)", lang) } ?? type
        return L10n.t("attribution.direct", lang, name)
    }

    /// A channel as the page shows it: `direct` (touches without a campaign, Kizashi's own key) in
    /// words; a campaign's channel is the workspace's own text and stays as typed.
    public static func channelName(_ channel: String, _ lang: Language) -> String {
        channel == "direct" ? t("attribution.channel.direct", lang) : channel
    }
}
