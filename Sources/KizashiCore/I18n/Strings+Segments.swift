/// Saved segments (issue 26 §4): `kizashi segment`, the 「セグメント」 page.
extension L10n {
    static let segments: [String: (en: String, ja: String)] = [
        "nav.segments": ("Segments", "セグメント"),
        "segments.title": ("Segments", "セグメント"),
        "segments.name": ("Name", "名前"),
        "segments.rule": ("Rule", "条件"),
        "segments.updated": ("Updated", "更新日時"),
        "segments.refreshed": ("Last refresh", "最終更新日"),
        "segments.feeds": ("Feeds the target list", "ターゲットリストへの追加"),
        "segments.feedTier": ("tier {0}", "ティア {0}"),
        "segments.feedOwner": ("(owner {0})", "（担当 {0}）"),
        "segments.none": (
            "No segments yet. Create one with kizashi segment create NAME --rule \"…\" or the API.",
            "セグメントはまだありません。kizashi segment create 名前 --rule \"…\" または API で作成します。"
        ),
        "segments.members": ("Members on {0}: {1}", "{0} 時点のメンバー: {1} 社"),
        "segments.company": ("Account", "アカウント"),
        "segments.tier": ("Tier", "ティア"),
        "segments.score": ("Score", "スコア"),
        "segments.change": ("7-day change", "7日間の変化"),
        "segments.stage": ("Stage", "ステージ"),
        "segments.surging": ("Surging topics", "急上昇トピック"),
        "segments.missing": ("Missing roles", "不足ロール"),
        "segments.on": ("Day", "日付"),
        "segments.show": ("Show", "表示"),
    ]
}
