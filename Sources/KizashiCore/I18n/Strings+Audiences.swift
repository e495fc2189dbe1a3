/// Audiences for the ad platforms (issue 27 §2): the panel of the 「セグメント」 page.
extension L10n {
    static let audiences: [String: (en: String, ja: String)] = [
        "audiences.title": ("Audiences for ad platforms", "広告配信用オーディエンス"),
        "audiences.tier": ("Tier", "ティア"),
        "audiences.allTiers": ("All tiers", "すべてのティア"),
        "audiences.source": ("Audience", "オーディエンス"),
        "audiences.targetList": ("Target account list", "ターゲットアカウントリスト"),
        "audiences.segment": ("Segment {0}", "セグメント {0}"),
        "audiences.accounts": ("Accounts", "アカウント数"),
        "audiences.withDomain": ("With a domain", "ドメインあり"),
        "audiences.contacts": ("Contacts", "コンタクト数"),
        "audiences.withEmail": ("Usable e-mail", "有効なメール"),
        "audiences.withPhone": ("Usable phone", "有効な電話番号"),
        "audiences.withKey": ("Contacts with a key", "照合キーのあるコンタクト"),
        "audiences.download": ("Download", "ダウンロード"),
        "audiences.format.linkedin": ("LinkedIn company list", "LinkedIn 企業リスト"),
        "audiences.format.google-ads": ("Google Ads Customer Match", "Google 広告 カスタマーマッチ"),
        "audiences.format.meta": ("Meta customer list", "Meta 顧客リスト"),
        "audiences.format.csv": ("CSV (accounts)", "CSV(アカウント)"),
        "audiences.editorsOnly": ("Editors can download", "編集者以上がダウンロードできます"),
        "audiences.hashed": (
            "Google Ads and Meta files hold contacts' e-mails and phones only as SHA-256 hashes; the LinkedIn and CSV files hold company data only.",
            "Google 広告と Meta のファイルには、コンタクトのメールアドレスと電話番号を SHA-256 でハッシュ化した値だけが入ります。LinkedIn と CSV のファイルには企業の情報だけが入ります。"
        ),
    ]
}
