/// The review written for the meeting (issue 24 §1): `kizashi digest` and `GET /api/v1/digest`.
extension L10n {
    static let digest: [String: (en: String, ja: String)] = [
        "digest.title": ("ABM review {0} – {1}", "ABM 振り返り {0}〜{1}"),
        "digest.ownerTitle": ("accounts of {0}", "{0} さんの担当アカウント"),
        "digest.segmentTitle": ("segment {0}", "セグメント「{0}」"),
        // Owner routes on Settings (issue 27 §3).
        "owners.title": ("Routed to the owner", "担当営業への振り分け"),
        "owners.help": (
            "Alerts about an account also go to its owner's webhook (a webhook named here gets only that owner's alerts); with digest.per_owner on, each owner with a route also gets a review of their own accounts. Owners are matched as the target list writes them (ASCII letters case-insensitive).",
            "アカウントのアラートは担当営業のWebhookにも届きます（ここで指定したWebhookにはその担当のアラートだけが届きます）。digest.per_owner を on にすると、振り分け先のある担当営業に自分の担当アカウントだけの振り返りも送ります。担当営業はターゲットリストの表記で照合します（英字の大文字小文字は区別しません）。"
        ),
        "owners.owner": ("Owner", "担当営業"),
        "owners.webhook": ("Webhook (number or Slack URL)", "Webhook（番号またはSlackのURL）"),
        "owners.emails": ("E-mail (comma-separated)", "メール（カンマ区切り）"),
        "owners.accounts": ("Accounts today", "本日の担当数"),
        "owners.none": ("No owner routes yet.", "振り分けはまだありません。"),
        "owners.set": ("Save route", "振り分けを保存"),
        "owners.remove": ("Remove", "削除"),
        "owners.routedTo": ("owner: {0}", "担当: {0}"),
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
        "setting.digest.schedule": (
            "digest: when serve sends the review, e.g. mon 09:00, mon,thu 09:00, daily 09:00 (default off)",
            "レビュー配信: serve が週次レビューを送る日時（例 mon 09:00、mon,thu 09:00、daily 09:00。既定値は送らない）"
        ),
        "setting.digest.period": (
            "digest: period each scheduled review covers, last-week or last-month (default last-week)",
            "レビュー配信: 対象期間（last-week＝前週、last-month＝前月。既定値は前週）"
        ),
        "setting.digest.lang": (
            "digest: language of the scheduled review, ja or en (default ja)",
            "レビュー配信: 言語（ja または en。既定値は日本語）"
        ),
        "setting.digest.webhooks": (
            "digest: webhooks that receive it, all, none or numbers such as 1,3 (default all)",
            "レビュー配信: 送信先の Webhook（all＝すべて、none＝なし、または番号 1,3 など。既定値はすべて）"
        ),
        "setting.digest.email_to": (
            "digest: e-mail recipients, comma-separated, sent through serve --smtp (default none)",
            "レビュー配信: メールの宛先（カンマ区切り、serve --smtp のサーバー経由。既定値はなし）"
        ),
        "setting.digest.per_owner": (
            "digest: also send each routed account owner a review of their own accounts, on or off (default off)",
            "レビュー配信: 振り分け先のある担当営業に自分の担当アカウントの振り返りも送る（on または off。既定値は off）"
        ),
        "setting.digest.segments": (
            "digest: saved segments' own reviews as JSON, e.g. [{\"segment\": \"大手\", \"email_to\": [\"a@example.co.jp\"], \"webhooks\": [3]}] (default none)",
            "レビュー配信: 保存済みセグメントごとの振り返りの送信先（JSON。例 [{\"segment\": \"大手\", \"email_to\": [\"a@example.co.jp\"], \"webhooks\": [3]}]。既定値はなし）"
        ),
        "settings.digest": ("Weekly review delivery", "週次レビューの配信"),
        "settings.digest.schedule": (
            "Sent at {0} (workspace time zone) to the destinations of the digest.* settings above.",
            "{0}（ワークスペースのタイムゾーン）に、上の digest.* 設定の送信先へ配信します。"
        ),
        "settings.digest.off": (
            "Not scheduled: set digest.schedule above (e.g. mon 09:00) to send it every week.",
            "配信は設定されていません。毎週送るには上の digest.schedule を設定してください（例 mon 09:00）。"
        ),
        "settings.digest.sendNow": ("Send now", "今すぐ送信"),
        "settings.digest.none": ("No review has been sent yet.", "まだ配信されたレビューはありません。"),
        "settings.digest.slot": ("When", "配信枠"),
        "settings.digest.destination": ("To", "送信先"),
        "settings.digest.manual": ("sent by hand", "手動送信"),
        "settings.digest.webhook": ("webhook #{0}", "Webhook #{0}"),
        "settings.saved.digest": (
            "The review was sent; each destination's outcome is in the log below.",
            "レビューを送信しました。送信先ごとの結果は下の履歴にあります。"
        ),
        "digest.section.signals": ("Accounts that moved from {0} to {1}", "動きのあった企業（{0} → {1}）"),
        "digest.signals.risers": ("Score up the most", "スコア上昇"),
        "digest.signals.fallers": ("Score down the most", "スコア低下"),
        "digest.signals.newSurges": ("New intent surges", "新たなインテント急上昇"),
        "digest.signals.competitors": ("Researching competitors", "競合を調査中"),
        "digest.signals.none": ("None.", "該当なし。"),
        "digest.signals.account": ("{0} ({1}): score {2} ({3})", "{0}（{1}）：スコア {2}（{3}）"),
        "digest.signals.topics": (" — topics: {0}", "／トピック：{0}"),
    ]
}
