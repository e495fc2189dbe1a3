/// The approach-now list: reasons, actions, factors (CLI, page and API alike).
/// `{0}`, `{1}` are arguments; keys ending in `.one` / `.other` are chosen by a count.
extension L10n {
    static let approachNow: [String: (en: String, ja: String)] = [
        "now.cli.title": ("Approach now", "今アプローチすべき企業"),
        "now.cli.points": ("Points: ", "配点: "),
        "now.cli.priority": ("priority ", "優先度 "),
        "now.rankValue.rule": ("rule score", "ルールスコア"),
        "now.rankValue.engagement": ("engagement score", "エンゲージメントスコア"),
        "now.rankValue.model": ("chance of a new opportunity within 30 days", "30日以内に新規商談が生まれる確率"),
        "now.cli.interests": ("   interests: ", "   関心: "),
        "now.cli.contact": ("   contact: ", "   連絡先: "),
        "now.cli.next": ("   next: ", "   次のアクション: "),
        "now.reason.pricing.one": (
            "1 person{0} viewed the pricing page {1} time{2} this week", "{0}{3}名が今週料金ページを{1}回閲覧"
        ),
        "now.reason.pricing.other": (
            "{3} people{0} viewed the pricing page {1} time{2} this week", "{0}{3}名が今週料金ページを{1}回閲覧"
        ),
        "now.reason.pricing.department": (" in {0}", "{0}の"),
        "now.reason.surge": ("intent on {0} surged from {1} to {2}", "「{0}」のインテントが{1}→{2}に急上昇"),
        "now.reason.competitors": ("competitor research ({0})", "競合調査（{0}）"),
        "now.reason.competitors.separator": (", ", "、"),
        "now.reason.forms.one": ("1 form submitted this week", "今週フォーム送信1件"),
        "now.reason.forms.other": ("%d forms submitted this week", "今週フォーム送信%d件"),
        "now.reason.events.one": ("attended 1 event this week", "今週イベント参加1件"),
        "now.reason.events.other": ("attended %d events this week", "今週イベント参加%d件"),
        "now.reason.momentum": ("engagement score up {0} points in 7 days", "エンゲージメントスコアが7日間で{0}上昇"),
        "now.reason.openDeal": (
            "already in an open deal (ranked lower: not re-engaging)", "商談進行中（再エンゲージではないため順位を下げています）"
        ),
        "now.action.call_about_form": ("Call within 24 hours about the form they sent", "24時間以内にフォーム内容について電話"),
        "now.action.propose_pricing": ("Offer a tailored pricing proposal and a demo", "個別の料金提案とデモ日程を打診"),
        "now.action.follow_up_event": ("Follow up on the event they attended", "イベントのフォローアップ連絡"),
        "now.action.send_topic_content": (
            "Send a case study on {0} and propose a meeting", "「{0}」の事例を送り面談を提案"
        ),
        "now.action.topicFallback": ("their topic", "関心テーマ"),
        "now.action.personal_email": ("Send a personal e-mail matched to their interests", "関心に合わせた個別メール"),
        "now.factor.fit": ("Fit (ICP, tier)", "適合度（ICP・ティア）"),
        "now.factor.engagement": ("Engagement", "エンゲージメント"),
        "now.factor.momentum": ("Momentum (7-day rise)", "勢い（7日間の上昇）"),
        "now.factor.intent": ("Intent surge", "インテントのサージ"),
        "now.factor.committee": ("Buying-committee breadth", "購買関与者の広がり"),
        "now.factor.high_intent": ("High-intent actions", "高意欲アクション"),
    ]
}

/// Names of common pages and sections of a B2B site (`WebPageName`).
extension L10n {
    static let pages: [String: (en: String, ja: String)] = [
        "page./": ("Home page", "トップページ"),
        "page./pricing": ("Pricing page", "料金ページ"),
        "page./demo": ("Demo request", "デモ申込"),
        "page./contact": ("Contact page", "お問い合わせ"),
        "page./company": ("Company page", "会社情報"),
        "page./careers": ("Careers", "採用情報"),
        "page./security": ("Security page", "セキュリティ"),
        "page.section.product": ("Product: {0}", "製品：{0}"),
        "page.section.products": ("Product: {0}", "製品：{0}"),
        "page.section.solutions": ("Solution: {0}", "ソリューション：{0}"),
        "page.section.integrations": ("Integration: {0}", "連携：{0}"),
        "page.section.docs": ("Docs: {0}", "ドキュメント：{0}"),
        "page.section.blog": ("Blog: {0}", "ブログ：{0}"),
        "page.section.case-studies": ("Case study: {0}", "導入事例：{0}"),
        "page.section.whitepaper": ("White paper: {0}", "ホワイトペーパー：{0}"),
        "page.section.events": ("Event: {0}", "イベント：{0}"),
        "page.section.webinar": ("Webinar: {0}", "ウェビナー：{0}"),
        "page.section.forms": ("Form: {0}", "フォーム：{0}"),
        "page.section.lp": ("Landing page: {0}", "ランディングページ：{0}"),
    ]
}
