/// The dashboard's words (pages, forms, messages); keys name the place a word appears.
extension L10n {
    static let dashboard: [String: (en: String, ja: String)] = [
        "app.tagline": ("ABM measurement and the accounts to approach now", "ABMの成果測定と今アプローチすべき企業"),
        "nav.overview": ("Overview", "概要"),
        "nav.accounts": ("Accounts", "アカウント"),
        "nav.now": ("Approach now", "今アプローチ"),
        "now.title": ("Accounts to approach now", "今アプローチすべき企業"),
        "now.weights": ("Points per factor", "配点"),
        "now.penalty": ("open deal, not re-engaging", "商談進行中（再エンゲージなし）"),
        "now.interests": ("Interests", "関心"),
        "now.contact": ("Contact", "連絡先"),
        "now.action": ("Next action", "次のアクション"),
        "now.factors": ("Factors and points", "要素と得点"),
        "now.usesModel": (
            "Ranked by the propensity model (it beat the rule score on the backtest)",
            "傾向スコアモデルで順位付け（バックテストでルールスコアを上回ったため）"
        ),
        "now.usesRule": (
            "Ranked by the rule score (the model did not beat it on the backtest)", "ルールスコアで順位付け（モデルはバックテストで上回らず）"
        ),
        "now.noModel": (
            "Ranked by the rule score (too little history to train a model)", "ルールスコアで順位付け（モデル学習に必要な履歴が不足）"
        ),
        "nav.intent": ("Intent", "インテント"),
        "nav.quality": ("Data quality", "データ品質"),
        "nav.settings": ("Settings", "設定"),
        "nav.import": ("Import", "インポート"),
        "nav.logout": ("Sign out", "ログアウト"),
        "nav.skip": ("Skip to content", "本文へ移動"),
        "lang.switch": ("日本語", "English"),
        "login.title": ("Sign in", "ログイン"),
        "login.email": ("E-mail", "メールアドレス"),
        "login.password": ("Password", "パスワード"),
        "login.submit": ("Sign in", "ログイン"),
        "login.failed": ("E-mail or password is wrong.", "メールアドレスまたはパスワードが正しくありません。"),
        "login.throttled": ("Too many attempts. Try again in %d seconds.", "試行回数が多すぎます。%d 秒後に再試行してください。"),
        "period.label": ("Period", "期間"),
        "period.month": ("Month", "月"),
        "period.quarter": ("Quarter", "四半期"),
        "period.custom": ("Custom", "カスタム"),
        "period.start": ("From", "開始日"),
        "period.end": ("To (exclusive)", "終了日（この日を含まない）"),
        "tier.label": ("Tier", "ティア"),
        "tier.all": ("All tiers", "全ティア"),
        "apply": ("Apply", "適用"),
        "card.target": ("Target", "目標"),
        "card.attainment": ("attainment", "達成率"),
        "card.vsPrevious": ("vs previous period", "前期間比"),
        "card.noTarget": ("no target set", "目標未設定"),
        "card.trend": ("12-month trend", "12か月推移"),
        "funnel.title": ("Funnel", "ファネル"),
        "funnel.bottleneck": ("Bottleneck", "ボトルネック"),
        "funnel.none": ("No bottleneck: set targets or add data.", "ボトルネックなし（目標を設定するかデータを追加してください）"),
        "accounts.title": ("Target accounts", "ターゲットアカウント"),
        "accounts.company": ("Company", "企業名"),
        "accounts.icp": ("ICP", "ICP"),
        "accounts.score": ("Score", "スコア"),
        "accounts.change": ("7-day change", "7日間の変化"),
        "accounts.contacts": ("Engaged contacts", "エンゲージ担当者"),
        "accounts.topics": ("Top intent topics", "主なインテントトピック"),
        "accounts.last": ("Last activity", "最終アクティビティ"),
        "accounts.pipeline": ("Open pipeline", "オープン商談額"),
        "accounts.search": ("Search by name", "企業名で検索"),
        "accounts.engaged": ("Engaged only", "エンゲージ済みのみ"),
        "accounts.surging": ("Surging only", "サージ中のみ"),
        "accounts.icpAny": ("ICP: any", "ICP: すべて"),
        "accounts.icpYes": ("ICP match", "ICP一致"),
        "accounts.icpNo": ("Not ICP", "ICP不一致"),
        "accounts.csv": ("Download CSV", "CSVダウンロード"),
        "accounts.count": ("%d accounts", "%d 社"),
        "accounts.prev": ("Previous", "前へ"),
        "accounts.next": ("Next", "次へ"),
        "accounts.sort": ("Sort", "並び替え"),
        "yes": ("yes", "はい"),
        "no": ("no", "いいえ"),
        "detail.firmographics": ("Firmographics", "企業情報"),
        "detail.quality": ("Data quality flags", "データ品質フラグ"),
        "detail.timeline": ("Timeline", "タイムライン"),
        "detail.committee": ("Buying committee", "購買関与者"),
        "detail.scoreHistory": ("Engagement score, last 90 days", "エンゲージメントスコア（過去90日）"),
        "detail.intent": ("Intent topics", "インテントトピック"),
        "detail.current": ("Current", "現在"),
        "detail.baseline": ("Baseline", "ベースライン"),
        "detail.surging": ("surging", "サージ"),
        "detail.opportunities": ("Opportunities", "商談"),
        "detail.meetings": ("Meetings", "商談（ミーティング）"),
        "detail.noData": ("Nothing yet.", "まだありません。"),
        "intent.topTopics": ("Top topics this period", "今期の主要トピック"),
        "intent.surging": ("Surging accounts today", "本日サージ中の企業"),
        "intent.competitor": ("Competitor research this period", "今期の競合調査"),
        "quality.title": ("Data quality of the target accounts", "ターゲットアカウントのデータ品質"),
        "quality.duplicates": ("Duplicate groups", "重複グループ"),
        "quality.incomplete": ("Incomplete records", "不完全なレコード"),
        "quality.invalid": ("Invalid values", "不正な値"),
        "quality.stale": ("Stale records", "古いレコード"),
        "settings.icp": ("Ideal customer profile", "理想顧客像（ICP）"),
        "settings.icpMatches": ("%d companies match", "%d 社が一致"),
        "settings.scoring": ("Scoring parameters", "スコアリングパラメータ"),
        "settings.goals": ("KPI targets", "KPI目標"),
        "settings.users": ("Users", "ユーザー"),
        "settings.tokens": ("API tokens", "APIトークン"),
        "settings.save": ("Save", "保存"),
        "settings.saved.icp": ("The ideal customer profile is saved.", "理想顧客像（ICP）を保存しました。"),
        "settings.saved.parameters": ("The scoring parameters are saved.", "スコアリングパラメータを保存しました。"),
        "settings.saved.goals": ("The KPI targets are saved.", "KPI目標を保存しました。"),
        "settings.saved.users": ("The user is saved.", "ユーザーを保存しました。"),
        "settings.saved.tag": ("The tracking tag's site keys are saved.", "トラッキングタグのサイトキーを保存しました。"),
        "settings.saved.tokens": ("The API token is saved.", "APIトークンを保存しました。"),
        "settings.goal.invalid": (
            "KPI target: choose a KPI and give a period (2026Q4, 2026-10 or 2026).",
            "KPI目標：KPIを選び、期間（2026Q4、2026-10、2026）を入力してください。"
        ),
        "settings.goal.value": ("KPI target for {0}: {1}", "{0}のKPI目標：{1}"),
        "settings.goal.help": (
            "Percentages: 40, 40% or 0.4 all mean 40 %. Money: 5000万, 5,000万円 or 50,000,000. Counts: whole numbers.",
            "割合は 40・40%・0.4 のどれでも 40% です。金額は 5000万・5,000万円・50,000,000 のように入力できます。件数は整数です。"
        ),
        "settings.webhooks": ("Alert webhooks", "アラートのWebhook"),
        "settings.webhookHelp": (
            "Alerts are POSTed as JSON (or Slack's format), signed: X-Kizashi-Signature = sha256=HMAC(secret, timestamp + \".\" + body), X-Kizashi-Timestamp. Failed deliveries are retried with backoff.",
            "アラートはJSON（またはSlack形式）でPOSTされ、署名されます：X-Kizashi-Signature = sha256=HMAC(secret, timestamp + \".\" + body)、X-Kizashi-Timestamp。失敗した配信はバックオフ付きで再送されます。"
        ),
        "settings.tag": ("Tracking tag", "トラッキングタグ"),
        "settings.tagHelp": (
            "Put one line on your site: it sends page views with a publishable, write-only site key. It respects Do Not Track and, with data-consent=\"required\", waits for window.kizashiConsent = true. No third-party cookies.",
            "サイトに1行追加するだけで、公開用（書き込み専用）サイトキーでページビューを送信します。Do Not Trackを尊重し、data-consent=\"required\" の場合は window.kizashiConsent = true まで送信しません。サードパーティCookieは使いません。"
        ),
        "settings.deliveries": ("Alert delivery log", "アラート配信ログ"),
        "settings.snippet": ("Tag for your site", "サイトに貼るタグ"),
        "settings.status": ("Status", "状態"),
        "settings.active": ("active", "有効"),
        "settings.revoked": ("revoked", "無効化済み"),
        "settings.disabled": ("disabled", "停止中"),
        "settings.disable": ("Disable", "停止"),
        "settings.siteName": ("Site", "サイト名"),
        "settings.ipRanges": (
            "%d IP ranges resolve anonymous visits (kizashi ip-ranges import).",
            "匿名訪問の企業判定に使うIPレンジ：%d 件（kizashi ip-ranges import）"
        ),
        "settings.kind": ("Format", "形式"),
        "settings.alert": ("Alert", "アラート"),
        "settings.attempts": ("Attempts", "試行回数"),
        "settings.lastError": ("Last error", "直近のエラー"),
        "settings.resend": ("Send again", "再送"),
        "settings.noDeliveries": ("No alerts delivered yet.", "配信されたアラートはまだありません。"),
        "settings.delivery.pending": ("pending", "送信待ち"),
        "settings.delivery.sent": ("sent", "送信済み"),
        "settings.delivery.failed": ("failed", "失敗"),
        "settings.add": ("Add", "追加"),
        "settings.revoke": ("Revoke", "無効化"),
        "settings.tokenShownOnce": ("Copy this token now; it is not shown again:", "このトークンは再表示されません。今コピーしてください："),
        "import.title": ("Import data", "データのインポート"),
        "import.help": (
            "Upload one canonical CSV (choose its entity) or a zipped data package.",
            "正規形式のCSV（エンティティを選択）またはZIP化したデータパッケージをアップロードします。"
        ),
        "import.file": ("File", "ファイル"),
        "import.source": ("Source format", "取り込み元の形式"),
        "import.entity": ("Entity (for a single CSV)", "エンティティ（CSV単体の場合）"),
        "import.preview": ("Preview", "プレビュー"),
        "import.run": ("Import", "インポート実行"),
        "import.rejected": ("Download rejected rows", "却下された行をダウンロード"),
        "phase.empty": (
            "No data yet. Import a package or run with --demo.", "データがありません。パッケージをインポートするか --demo で起動してください。"
        ),
        "role": ("Role", "ロール"),
        "name": ("Name", "名前"),
        "created": ("Created", "作成日"),
        // Access: login form, user administration, tokens, audit log (issue 25 items 4 and 6).
        "login.csrf": (
            "The sign-in form expired. Please try again.", "ログインフォームの有効期限が切れました。もう一度お試しください。"
        ),
        "user.status": ("Status", "状態"),
        "user.active": ("Active", "有効"),
        "user.disabled": ("Disabled", "利用停止中"),
        "user.disable": ("Disable", "利用停止"),
        "user.enable": ("Enable", "利用再開"),
        "user.delete": ("Delete", "削除"),
        "user.confirmDelete": ("Really delete", "削除を確認"),
        "user.changeRole": ("Change role", "ロール変更"),
        "user.resetPassword": ("Reset password", "パスワード再設定"),
        "user.newPassword": ("New password (empty: generate one)", "新しいパスワード（空欄なら自動生成）"),
        "user.passwordShownOnce": (
            "New password; it is not shown again. Every session of this user has ended:",
            "新しいパスワードです（再表示されません）。このユーザーのセッションはすべて終了しました："
        ),
        "user.signedOutNotice": (
            "Saved. Every session of this user has ended.", "保存しました。このユーザーのセッションはすべて終了しました。"
        ),
        "token.expires": ("Expires", "有効期限"),
        "token.lastUsed": ("Last used", "最終使用"),
        "token.never": ("never", "なし"),
        "token.noExpiry": ("no expiry", "無期限"),
        "token.expiresIn": ("Lifetime", "有効期間"),
        "token.revoked": ("revoked", "無効化済み"),
        "token.expired": ("expired", "期限切れ"),
        "settings.audit": ("Audit log", "監査ログ"),
        "settings.auditHelp": (
            "Sign-ins, failed sign-ins, user, token and webhook changes, imports, exports and merges. Newest first.",
            "ログイン、ログイン失敗、ユーザー・トークン・Webhookの変更、インポート、エクスポート、名寄せの記録です（新しい順）。"
        ),
        "settings.auditCSV": ("Download the whole log (CSV)", "全件をCSVでダウンロード"),
        "settings.auditEmpty": ("Nothing recorded yet.", "まだ記録はありません。"),
        "audit.at": ("When", "日時"),
        "audit.actor": ("Who", "実行者"),
        "audit.action": ("Action", "操作"),
        "audit.target": ("Target", "対象"),
        "audit.client": ("Client address", "クライアントアドレス"),
        "audit.detail": ("Detail", "詳細"),
        "access.error.invalidEmail": ("%@ is not a valid e-mail address.", "%@ は有効なメールアドレスではありません。"),
        "access.error.emailTaken": (
            "A user with the e-mail address %@ already exists.", "メールアドレス %@ のユーザーは既に存在します。"
        ),
        "access.error.passwordTooShort": (
            "The password must have at least %d characters.", "パスワードは %d 文字以上にしてください。"
        ),
        "access.error.passwordTooLong": (
            "The password must be at most %d bytes long.", "パスワードは %d バイト以内にしてください。"
        ),
        "access.error.passwordControl": (
            "The password must not contain control characters.", "パスワードに制御文字は使えません。"
        ),
        "access.error.tokenNameMissing": (
            "Give the token a name (what will use it).", "トークンに名前（用途）を付けてください。"
        ),
        "access.error.tokenNameTooLong": (
            "The token name must be at most %d characters.", "トークン名は %d 文字以内にしてください。"
        ),
        "access.error.tokenLifetime": (
            "Lifetime: a number and a unit, e.g. 90d, 12h or 30m (at most 3650 days).",
            "有効期間は数値と単位で指定してください（例：90d、12h、30m。最長3650日）。"
        ),
        "access.error.userNotFound": ("There is no such user.", "該当するユーザーはいません。"),
        "access.error.tokenNotFound": ("There is no such API token.", "該当するAPIトークンはありません。"),
        "access.error.lastActiveAdmin": (
            "This is the last active admin: make another user admin first.",
            "最後の有効な管理者です。先に別のユーザーを管理者にしてください。"
        ),
    ]
}
