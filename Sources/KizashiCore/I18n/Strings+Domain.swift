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
