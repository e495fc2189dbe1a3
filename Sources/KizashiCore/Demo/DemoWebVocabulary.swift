/// What the demo's prospects read and search for: the vendor's site map (paths tagged with a topic),
/// intent topics, competitors and campaign themes. Paths share topics with intent so that an
/// account's web activity and its intent surge point at the same need, as in real buying journeys.
enum DemoWebVocabulary {
    /// Intent and content topics. A buying episode is about one of the first eight.
    static let topics = [
        "SFA", "MA", "CRM", "CDP", "BI", "ABM", "Sales Enablement", "Intent Data", "インサイドセールス",
        "名刺管理",
    ]
    /// How often each topic is the subject of a buying episode.
    static let episodeTopicWeights: [Double] = [24, 20, 14, 8, 6, 16, 7, 5, 0, 0]

    /// Competitors: the `topic` of `competitor_visit` intent rows.
    static let competitors = ["Salesforce", "HubSpot", "Marketo", "Sansan", "Demandbase", "6sense", "b→dash", "SATORI"]

    struct Page: Sendable {
        let path: String
        /// Index into `topics`, or nil for pages with no subject (home, pricing, company).
        let topic: Int?
        /// Weight for ordinary web visits.
        let visitWeight: Double
        /// Gated or long-form content (content_view).
        let isContent: Bool
    }

    static let pages: [Page] = [
        Page(path: "/", topic: nil, visitWeight: 30, isContent: false),
        Page(path: "/pricing", topic: nil, visitWeight: 8, isContent: false),
        Page(path: "/product/sfa", topic: 0, visitWeight: 7, isContent: false),
        Page(path: "/product/ma", topic: 1, visitWeight: 6, isContent: false),
        Page(path: "/product/crm", topic: 2, visitWeight: 5, isContent: false),
        Page(path: "/product/cdp", topic: 3, visitWeight: 3, isContent: false),
        Page(path: "/product/bi", topic: 4, visitWeight: 2, isContent: false),
        Page(path: "/product/abm", topic: 5, visitWeight: 5, isContent: false),
        Page(path: "/solutions/manufacturing", topic: nil, visitWeight: 3, isContent: false),
        Page(path: "/solutions/it", topic: nil, visitWeight: 2, isContent: false),
        Page(path: "/integrations/salesforce", topic: 2, visitWeight: 2, isContent: false),
        Page(path: "/company", topic: nil, visitWeight: 3, isContent: false),
        Page(path: "/careers", topic: nil, visitWeight: 2, isContent: false),
        Page(path: "/security", topic: nil, visitWeight: 1, isContent: false),
        Page(path: "/docs/api", topic: nil, visitWeight: 2, isContent: false),
        Page(path: "/blog/what-is-abm", topic: 5, visitWeight: 4, isContent: true),
        Page(path: "/blog/ma-vs-crm", topic: 1, visitWeight: 3, isContent: true),
        Page(path: "/blog/inside-sales-kpi", topic: 8, visitWeight: 3, isContent: true),
        Page(path: "/blog/business-card-data", topic: 9, visitWeight: 2, isContent: true),
        Page(path: "/case-studies/manufacturing-sfa", topic: 0, visitWeight: 2, isContent: true),
        Page(path: "/case-studies/it-abm", topic: 5, visitWeight: 2, isContent: true),
        Page(path: "/case-studies/retail-cdp", topic: 3, visitWeight: 1, isContent: true),
        Page(path: "/case-studies/finance-crm", topic: 2, visitWeight: 1, isContent: true),
        Page(path: "/whitepaper/abm-guide", topic: 5, visitWeight: 2, isContent: true),
        Page(path: "/whitepaper/sfa-comparison", topic: 0, visitWeight: 2, isContent: true),
        Page(path: "/whitepaper/ma-playbook", topic: 1, visitWeight: 2, isContent: true),
        Page(path: "/whitepaper/intent-data-101", topic: 7, visitWeight: 1, isContent: true),
        Page(path: "/whitepaper/sales-enablement", topic: 6, visitWeight: 1, isContent: true),
        Page(path: "/whitepaper/bi-dashboard", topic: 4, visitWeight: 1, isContent: true),
        Page(path: "/whitepaper/cdp-basics", topic: 3, visitWeight: 1, isContent: true),
    ]

    /// Form pages (form_submit): demo requests, contact, gated downloads.
    static let formPaths = ["/demo-request", "/contact", "/whitepaper/download", "/seminar/apply"]
    /// Ad landing pages (ad_click), per topic where one exists.
    static let landingPaths = [
        "/lp/sfa", "/lp/ma", "/lp/crm", "/lp/cdp", "/lp/bi", "/lp/abm", "/lp/enablement",
        "/lp/intent", "/lp/inside-sales", "/lp/meishi",
    ]
    static let eventPaths = ["/events/abm-summit", "/events/sfa-seminar", "/events/webinar"]

    /// Campaign themes: (Japanese name, topic index, channel, is part of the ABM programme).
    static let campaignThemes: [(name: String, topic: Int, channel: String, abm: Bool)] = [
        ("製造業DXウェビナー", 0, "webinar", false),
        ("SFA比較ホワイトペーパー配信", 0, "content_syndication", false),
        ("ターゲット企業向けディスプレイ広告", 5, "display", true),
        ("LinkedIn ABM広告", 5, "paid_social", true),
        ("Japan IT Week 出展", 2, "event", false),
        ("インテントデータ活用セミナー", 7, "webinar", true),
        ("MAナーチャリングメール", 1, "email", false),
        ("導入事例メールマガジン", 2, "email", false),
        ("Tier1 役員向けラウンドテーブル", 5, "event", true),
        ("リスティング広告 SFA", 0, "search", false),
        ("ABMアカウント別ダイレクトメール", 5, "direct_mail", true),
        ("CDP活用ガイド配信", 3, "content_syndication", false),
    ]
}
