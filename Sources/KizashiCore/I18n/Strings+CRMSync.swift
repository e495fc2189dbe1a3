/// CRM write-back on the Settings page (issue 27 §1).
extension L10n {
    static let crmSync: [String: (en: String, ja: String)] = [
        "settings.crm": ("CRM write-back", "CRMへの書き戻し"),
        "settings.crm.hs": ("HubSpot write-back", "HubSpotへの書き戻し"),
        "settings.crm.help": (
            "Scores, stages and the approach-now rank are written onto the HubSpot companies imported from HubSpot, only what changed: run it below, with `kizashi sync hubspot`, POST /api/v1/sync/hubspot or on the crm.hubspot.schedule setting. Setup: docs/activation-hubspot.md.",
            "スコア・ステージ・今アプローチすべき順位を、HubSpotから取り込んだ会社のレコードに変更分だけ書き戻します。下のボタン、`kizashi sync hubspot`、POST /api/v1/sync/hubspot、または設定 crm.hubspot.schedule で実行します。設定方法: docs/activation-hubspot.md"
        ),
        "settings.crm.token": ("Private-app token: stored (encrypted)", "プライベートアプリのトークン: 保存済み（暗号化）"),
        "settings.crm.noToken": (
            "No token stored: `kizashi sync hubspot --set-token`", "トークン未設定: `kizashi sync hubspot --set-token`"
        ),
        "settings.crm.noKey": (
            "This server has no KIZASHI_SECRET_KEY: only dry runs are possible here.",
            "このサーバーには KIZASHI_SECRET_KEY がないため、ドライランのみ実行できます。"
        ),
        "settings.crm.none": ("No sync has run yet.", "まだ同期は実行されていません。"),
        "settings.crm.when": ("When", "日時"),
        "settings.crm.counts": ("Changed / accepted / refused", "変更 / 反映 / 拒否"),
        "settings.crm.status.ok": ("done", "完了"),
        "settings.crm.status.partial": ("some refused (retried next run)", "一部拒否（次回再送）"),
        "settings.crm.status.stopped": ("stopped", "中断"),
        "settings.crm.status.dry_run": ("dry run", "ドライラン"),
        "settings.crm.dryRun": ("Dry run (send nothing)", "ドライラン（送信しない）"),
        "settings.crm.syncNow": ("Sync now", "今すぐ同期"),
        "settings.saved.crm": (
            "Done: a write-back's outcome is in the log below.", "実行しました。書き戻しの結果は下の記録をご覧ください。"
        ),
        "settings.crm.provider": ("CRM", "CRM"),
        "settings.crm.sf": ("Salesforce write-back", "Salesforceへの書き戻し"),
        "settings.crm.sf.help": (
            "The same values are written onto the Salesforce Accounts imported from Salesforce (custom fields Kizashi_Score__c, …), only what changed: run it below, with `kizashi sync salesforce`, POST /api/v1/sync/salesforce or on the crm.salesforce.schedule setting. Kizashi signs in with a connected app's client credentials flow. Setup: docs/activation-salesforce.md.",
            "同じ値を、Salesforceから取り込んだ取引先のカスタム項目（Kizashi_Score__c など）に変更分だけ書き戻します。下のボタン、`kizashi sync salesforce`、POST /api/v1/sync/salesforce、または設定 crm.salesforce.schedule で実行します。接続アプリケーションのクライアントログイン情報フローでログインします。設定方法: docs/activation-salesforce.md"
        ),
        "settings.crm.sf.stored": (
            "Client credentials: stored (encrypted) — {0}, consumer key {1}",
            "クライアントログイン情報: 保存済み（暗号化） — {0}、コンシューマー鍵 {1}"
        ),
        "settings.crm.sf.storedLocked": (
            "Client credentials: stored (encrypted; this server cannot open them)",
            "クライアントログイン情報: 保存済み（暗号化。このサーバーでは開けません）"
        ),
        "settings.crm.sf.none": ("No client credentials stored.", "クライアントログイン情報は未設定です。"),
        "settings.crm.sf.instance": ("Instance URL (My Domain)", "インスタンスURL（私のドメイン）"),
        "settings.crm.sf.clientId": ("Consumer key", "コンシューマー鍵"),
        "settings.crm.sf.secret": ("Consumer secret", "コンシューマーの秘密"),
        "settings.crm.sf.save": ("Store (encrypted)", "保存（暗号化）"),
        "settings.crm.sf.clear": ("Remove the credentials", "ログイン情報を削除"),
        "settings.crm.refused": ("refused {0} {1}: {2}", "拒否 {0} {1}: {2}"),
        "setting.crm.hubspot.schedule": (
            "HubSpot write-back: when serve runs it, e.g. daily 06:00, mon,thu 09:00 (default off)",
            "HubSpotへの書き戻し: serve が実行する日時（例 daily 06:00、mon,thu 09:00。既定値は実行しない）"
        ),
        "setting.crm.hubspot.lang": (
            "HubSpot write-back: language of kizashi_reasons, ja or en (default ja)",
            "HubSpotへの書き戻し: kizashi_reasons の言語（ja または en。既定値は日本語）"
        ),
        "setting.crm.hubspot.contacts": (
            "HubSpot write-back: also write the contacts imported from HubSpot, true or false (default false)",
            "HubSpotへの書き戻し: HubSpotから取り込んだコンタクトにも書くか（true または false。既定値は書かない）"
        ),
        "setting.crm.salesforce.schedule": (
            "Salesforce write-back: when serve runs it, e.g. daily 06:00, mon,thu 09:00 (default off)",
            "Salesforceへの書き戻し: serve が実行する日時（例 daily 06:00、mon,thu 09:00。既定値は実行しない）"
        ),
        "setting.crm.salesforce.lang": (
            "Salesforce write-back: language of Kizashi_Reasons__c, ja or en (default ja)",
            "Salesforceへの書き戻し: Kizashi_Reasons__c の言語（ja または en。既定値は日本語）"
        ),
        "setting.crm.salesforce.contacts": (
            "Salesforce write-back: also write the contacts imported from Salesforce, true or false (default false)",
            "Salesforceへの書き戻し: Salesforceから取り込んだ取引先責任者にも書くか（true または false。既定値は書かない）"
        ),
    ]
}
