/// Names of the domain's values as people read them: company fields, activity types, deal
/// states, funnel steps, contact roles.
extension L10n {
    static let domain: [String: (en: String, ja: String)] = [
        "company.corporate_number": ("Corporate number", "法人番号"),
        "company.domain": ("Domain", "ドメイン"),
        "company.industry": ("Industry", "業種"),
        "company.employees": ("Employees", "従業員数"),
        "company.annual_revenue": ("Annual revenue", "売上高"),
        "company.region": ("Region", "都道府県・地域"),
        "company.country": ("Country", "国"),
        "record.company": ("Company", "企業"),
        "record.contact": ("Contact", "担当者"),
        "field.company.name": ("Company name", "会社名"),
        "field.company.domain": ("Domain", "ドメイン"),
        "field.company.industry": ("Industry", "業種"),
        "field.company.employees": ("Employees", "従業員数"),
        "field.company.region": ("Region", "都道府県・地域"),
        "field.company.corporate_number": ("Corporate number", "法人番号"),
        "field.company.verified_on": ("Verified on", "確認日"),
        "field.company.company": ("Duplicate of another company", "他の企業と重複"),
        "field.contact.name": ("Name", "氏名"),
        "field.contact.email": ("E-mail", "メールアドレス"),
        "field.contact.department": ("Department", "部署"),
        "field.contact.title": ("Title", "役職"),
        "quality.record": ("Record", "レコード"),
        "quality.field": ("Field", "項目"),
        "quality.more": ("Show %d more", "残り %d 件を表示"),
        "activity.web_visit": ("Web visit", "Web訪問"),
        "activity.email_open": ("E-mail opened", "メール開封"),
        "activity.email_click": ("E-mail click", "メールクリック"),
        "activity.content_view": ("Content viewed", "コンテンツ閲覧"),
        "activity.ad_click": ("Ad click", "広告クリック"),
        "activity.form_submit": ("Form submitted", "フォーム送信"),
        "activity.event_attend": ("Event attended", "イベント参加"),
        "detail.meeting": ("Meeting", "ミーティング"),
        "detail.opportunity": ("Opportunity {0}", "商談 {0}"),
        "opportunity.open": ("open", "進行中"),
        "opportunity.won": ("won", "受注"),
        "opportunity.lost": ("lost", "失注"),
        "funnel.step.targets": ("Target accounts", "ターゲット"),
        "funnel.step.engaged": ("Engaged", "エンゲージ"),
        "funnel.step.sql": ("SQL", "SQL"),
        "funnel.step.opportunity": ("Opportunity", "商談"),
        "funnel.step.won": ("Won", "受注"),
        "funnel.subtitle": (
            "Accounts that reached at least this step in the period", "期間内に少なくともこの段階に達した企業数"
        ),
        "funnel.tooltip": (
            "Each bar counts target accounts that reached at least this step (an account with an opportunity also counts as engaged and SQL), so it can be larger than the KPI card of the same name, which counts only what happened in the period. See docs/kpis.md.",
            "各段階は「少なくともその段階に達した」ターゲット企業を数えます（商談のある企業はエンゲージ・SQLにも数えます）。そのため同名のKPIカード（期間内の発生件数）より大きくなることがあります。詳しくは docs/kpis.md を参照してください。"
        ),
        "overview.targetsElsewhere": ("KPI targets are set for {0}.", "KPI目標が設定されている期間：{0}"),
        "setup.title": ("Getting started", "はじめに"),
        "setup.import_companies": ("Import your companies", "企業リストをインポート"),
        "setup.set_icp": ("Set the ideal customer profile (ICP)", "理想顧客像（ICP）を設定"),
        "setup.import_targets": ("Import the target account list", "ターゲットアカウントリストをインポート"),
        "setup.set_kpi_targets": ("Set KPI targets", "KPI目標を設定"),
        "setup.add_tag": ("Add the tracking tag to your site", "サイトにトラッキングタグを設置"),
        "setup.done": ("done", "完了"),
        "funnel.bottleneck.goals": (
            "{0}: {1} is furthest from its target ({2} attained)", "{0}：{1} の目標達成率が最も低い（{2}）"
        ),
        "funnel.bottleneck.funnel": (
            "Conversion into “{0}” fell most against the previous period ({1} → {2})",
            "「{0}」への転換率が前期間から最も低下（{1} → {2}）"
        ),
        "role.decision_maker": ("decision maker", "意思決定者"),
        "role.influencer": ("influencer", "影響者"),
        "role.user": ("user", "利用者"),
        "role.other": ("other", "その他"),
    ]
}
