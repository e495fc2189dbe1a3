/// The import page's column mapping editor (issue 28 item 9): its words, each canonical field's
/// name and each enumerated value's (so a Japanese page shows 意思決定者, never decision_maker).
extension L10n {
    static let importEditor: [String: (en: String, ja: String)] = editorWords.merging(fieldNames) { a, _ in a }
        .merging(valueNames) { a, _ in a }

    static let editorWords: [String: (en: String, ja: String)] = [
        "importedit.title": ("Column mapping", "列の対応付け"),
        "importedit.open": ("Edit the column mapping", "列の対応を編集"),
        "importedit.help": (
            "Choose the field each column of {0} holds, and what each value becomes. The file stays on the server for an hour; you do not need to upload it again.",
            "{0} の各列が何の項目かと、各値の変換先を選んでください。ファイルは1時間サーバーに保管されるため、再アップロードは不要です。"
        ),
        "importedit.entity": ("Data: {0}; headers in row {1}; {2} data rows", "データ: {0}／見出し行: {1}行目／データ {2} 行"),
        "importedit.separator": (", ", "、"),
        "importedit.column": ("Column in the file", "ファイルの列"),
        "importedit.samples": ("Sample values", "値の例"),
        "importedit.field": ("Field", "項目"),
        "importedit.ignore": ("(ignore this column)", "（この列は取り込まない）"),
        "importedit.values": ("Values of {0} ({1})", "{0}（{1}）の値"),
        "importedit.value": ("Value in the file", "ファイル上の値"),
        "importedit.becomes": ("Becomes", "変換先"),
        "importedit.asWritten": ("(as written)", "（そのまま）"),
        "importedit.tooMany": (
            "{0} has more than 50 different values: no value map.", "{0} は値が50種類を超えるため、値の変換は設定できません。"
        ),
        "importedit.missing": ("Still to choose: {0}.", "未設定の必須項目: {0}"),
        "importedit.preview": ("Preview with this mapping", "この対応でプレビュー"),
        "importedit.run": ("Import with this mapping", "この対応でインポート"),
        "importedit.expired": (
            "This upload has expired or belongs to another user. Upload the file again on the import page.",
            "このアップロードは期限切れか、別のユーザーのものです。インポート画面からもう一度アップロードしてください。"
        ),
        "importedit.back": ("Back to the import page", "インポート画面に戻る"),
        "importedit.result.preview": (
            "Preview of {0}: {1} of {2} rows would be imported, {3} rejected. Nothing was written.",
            "{0} のプレビュー: {2} 行中 {1} 行を取り込めます（却下 {3} 行）。まだ何も書き込んでいません。"
        ),
        "importedit.result.imported": (
            "{0} imported: {1} of {2} rows, {3} rejected.", "{0} をインポートしました: {2} 行中 {1} 行（却下 {3} 行）。"
        ),
        "importedit.failed": ("{0} could not be imported: {1}", "{0} をインポートできませんでした: {1}"),
        "importedit.invalid": ("The mapping was not applied: {0}", "対応付けを適用できませんでした: {0}"),
        "importedit.line": ("Row", "行"),
        "importedit.reason": ("Reason", "理由"),
        "importedit.rejectedCSV": ("Download the rejected rows (CSV)", "却下された行をダウンロード（CSV）"),
    ]

    /// `importcol.<field>`: each canonical field and reference column a sheet column may map to.
    static let fieldNames: [String: (en: String, ja: String)] = [
        "importcol.company_id": ("Company ID", "会社ID"), "importcol.name": ("Name", "名称・氏名"),
        "importcol.corporate_number": ("Corporate number", "法人番号"), "importcol.domain": ("Domain", "ドメイン"),
        "importcol.industry": ("Industry", "業種"), "importcol.employees": ("Employees", "従業員数"),
        "importcol.annual_revenue": ("Annual revenue", "売上高"), "importcol.country": ("Country", "国"),
        "importcol.region": ("Region", "都道府県・地域"), "importcol.updated_on": ("Updated on", "更新日"),
        "importcol.verified_on": ("Verified on", "確認日"), "importcol.tier": ("Tier", "ティア"),
        "importcol.added_on": ("Added on", "追加日"), "importcol.removed_on": ("Removed on", "除外日"),
        "importcol.owner": ("Owner", "担当営業"), "importcol.contact_id": ("Contact ID", "担当者ID"),
        "importcol.email": ("E-mail", "メールアドレス"), "importcol.department": ("Department", "部署"),
        "importcol.title": ("Job title", "役職"), "importcol.role": ("Role", "役割"),
        "importcol.phone": ("Phone", "電話番号"), "importcol.activity_id": ("Activity ID", "アクティビティID"),
        "importcol.occurred_at": ("Occurred at", "発生日時"), "importcol.type": ("Activity type", "種別"),
        "importcol.campaign_id": ("Campaign ID", "キャンペーンID"), "importcol.url": ("Page URL", "ページのURL"),
        "importcol.topic": ("Topic", "トピック"), "importcol.signal_id": ("Signal ID", "シグナルID"),
        "importcol.observed_on": ("Observed on", "観測日"), "importcol.kind": ("Kind", "種類"),
        "importcol.score": ("Score", "スコア"), "importcol.source": ("Source", "ソース"),
        "importcol.stage": ("Stage", "ステージ"), "importcol.reached_at": ("Reached at", "到達日時"),
        "importcol.meeting_id": ("Meeting ID", "商談ID（面談）"), "importcol.held_at": ("Held at", "実施日時"),
        "importcol.opportunity_id": ("Opportunity ID", "商談ID"), "importcol.created_on": ("Created on", "作成日"),
        "importcol.amount": ("Amount", "金額"), "importcol.term_months": ("Term (months)", "契約期間（月）"),
        "importcol.status": ("Status", "ステータス"), "importcol.closed_on": ("Closed on", "完了日"),
        "importcol.contract_id": ("Contract ID", "契約ID"), "importcol.start_on": ("Start on", "開始日"),
        "importcol.end_on": ("End on", "終了日"), "importcol.annual_value": ("Annual value", "年間契約額"),
        "importcol.channel": ("Channel", "チャネル"), "importcol.cost": ("Cost", "費用"),
        "importcol.abm": ("ABM campaign", "ABM施策"),
        "importcol.companies.name": ("Company name", "会社名"), "importcol.contacts.name": ("Full name", "氏名"),
        "importcol.opportunities.name": ("Opportunity name", "商談名"),
        "importcol.campaigns.name": ("Campaign name", "キャンペーン名"),
        "importcol.company": ("Company (any key)", "会社（任意のキー）"),
        "importcol.company_name": ("Company name", "会社名"),
        "importcol.company_corporate_number": ("Company's corporate number", "会社の法人番号"),
        "importcol.company_domain": ("Company's domain", "会社のドメイン"),
        "importcol.company_region": ("Company's region", "会社の都道府県"),
        "importcol.contact": ("Contact (ID or e-mail)", "担当者（IDまたはメール）"),
    ]

    /// `importval.<field>.<value>`: the values of the enumerated fields (`CanonicalValueSet`).
    static let valueNames: [String: (en: String, ja: String)] = [
        "importval.role.decision_maker": ("Decision maker", "意思決定者"),
        "importval.role.influencer": ("Influencer", "影響者"), "importval.role.user": ("User", "利用者"),
        "importval.role.other": ("Other", "その他"),
        "importval.type.web_visit": ("Web visit", "Web訪問"), "importval.type.email_open": ("E-mail opened", "メール開封"),
        "importval.type.email_click": ("E-mail click", "メールクリック"),
        "importval.type.content_view": ("Content viewed", "コンテンツ閲覧"),
        "importval.type.ad_click": ("Ad click", "広告クリック"),
        "importval.type.form_submit": ("Form submitted", "フォーム送信"),
        "importval.type.event_attend": ("Event attended", "イベント参加"),
        "importval.kind.keyword_search": ("Keyword search", "キーワード検索"),
        "importval.kind.competitor_visit": ("Competitor visit", "競合サイト訪問"),
        "importval.kind.content_consumption": ("Content consumption", "コンテンツ消費"),
        "importval.kind.review_site": ("Review site", "レビューサイト"),
        "importval.kind.first_meeting": ("First meeting", "初回商談"), "importval.kind.demo": ("Demo", "デモ"),
        "importval.kind.other": ("Other", "その他"),
        "importval.stage.mql": ("MQL", "MQL"), "importval.stage.sql": ("SQL", "SQL"),
        "importval.status.open": ("Open", "商談中"), "importval.status.won": ("Won", "受注"),
        "importval.status.lost": ("Lost", "失注"),
        "importval.tier.1": ("Tier 1", "ティア1"), "importval.tier.2": ("Tier 2", "ティア2"),
        "importval.tier.3": ("Tier 3", "ティア3"),
        "importval.abm.true": ("Yes", "はい"), "importval.abm.false": ("No", "いいえ"),
    ]
}
