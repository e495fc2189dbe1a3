/// Word lists the demo builds company records from. Names are composed from parts with known
/// romanisations so that a Japanese name, its English form and its domain stay consistent
/// (東洋精機株式会社 / Toyo Seiki Co., Ltd. / toyo-seiki.co.jp), which is what makes planted
/// duplicates look like the real thing.
enum DemoCompanyVocabulary {
    struct Part: Sendable {
        let text: String
        let romaji: String
    }

    /// Industries with their share of the universe; the first two are the ICP's.
    static let industries = [
        "Manufacturing", "IT", "Finance", "Retail", "Healthcare", "Logistics", "Construction",
        "Services",
    ]
    static let industryWeights: [Double] = [26, 20, 9, 12, 8, 9, 8, 8]

    /// Kanji name heads (pattern 東洋 + 精機). Romanisations are unique across this list and `brands`.
    static let heads: [Part] = [
        ("東洋", "toyo"), ("日本", "nihon"), ("大和", "yamato"), ("富士", "fuji"), ("三和", "sanwa"),
        ("中央", "chuo"), ("北陸", "hokuriku"), ("関西", "kansai"), ("東邦", "toho"), ("昭和", "showa"),
        ("平和", "heiwa"), ("共栄", "kyoei"), ("協和", "kyowa"), ("太平洋", "taiheiyo"), ("新光", "shinko"),
        ("朝日", "asahi"), ("大同", "daido"), ("東亜", "toa"), ("明治", "meiji"), ("大正", "taisho"),
        ("丸山", "maruyama"), ("北海", "hokkai"), ("九州", "kyushu"), ("中部", "chubu"), ("東北", "tohoku"),
        ("四国", "shikoku"), ("瀬戸内", "setouchi"), ("湘南", "shonan"), ("信越", "shinetsu"), ("北斗", "hokuto"),
        ("光", "hikari"), ("青葉", "aoba"), ("若葉", "wakaba"), ("桜", "sakura"), ("菱和", "ryowa"),
        ("栄光", "eiko"), ("新日本", "shinnihon"), ("東京", "tokyo"), ("大阪", "osaka"), ("名古屋", "nagoya"),
        ("横浜", "yokohama"), ("神戸", "kobe"), ("京都", "kyoto"), ("福岡", "fukuoka"), ("札幌", "sapporo"),
        ("仙台", "sendai"), ("広島", "hiroshima"), ("千代田", "chiyoda"), ("丸の内", "marunouchi"), ("日東", "nitto"),
        ("日進", "nisshin"), ("日興", "nikko"), ("三洋", "sanyo"), ("三栄", "sanei"), ("万代", "bandai"),
        ("越後", "echigo"), ("常盤", "tokiwa"), ("武蔵", "musashi"), ("相模", "sagami"), ("駿河", "suruga"),
    ].map { Part(text: $0.0, romaji: $0.1) }

    /// Katakana brands (pattern アルファ + 精機, or 日本 + アルファ + 精機).
    static let brands: [Part] = [
        ("アルファ", "alpha"), ("ネクスト", "next"), ("ミライ", "mirai"), ("ユニオン", "union"),
        ("グローバル", "global"), ("テクノ", "techno"), ("クリエイト", "create"), ("フロンティア", "frontier"),
        ("エース", "ace"), ("ダイヤ", "dia"), ("スター", "star"), ("オリオン", "orion"), ("ペガサス", "pegasus"),
        ("アクア", "aqua"), ("エコ", "eco"), ("スマート", "smart"), ("リンク", "link"), ("ブライト", "bright"),
        ("コスモ", "cosmo"), ("パシフィック", "pacific"), ("ユニバーサル", "universal"), ("ゼニス", "zenith"),
        ("プライム", "prime"), ("アーク", "arc"), ("ノヴァ", "nova"), ("シグマ", "sigma"), ("デルタ", "delta"),
        ("オメガ", "omega"), ("ベスト", "best"), ("ハーモニー", "harmony"), ("センチュリー", "century"),
        ("ダイナミック", "dynamic"), ("フューチャー", "future"), ("トップ", "top"), ("マックス", "max"),
        ("エクセル", "excel"), ("ソレイユ", "soleil"), ("ルミナ", "lumina"), ("ヴィスタ", "vista"), ("ネオ", "neo"),
    ].map { Part(text: $0.0, romaji: $0.1) }

    /// Industry words, per industry (same order as `industries`). Romanisations are unique overall.
    static let industryWords: [[Part]] = [
        [
            ("精機", "seiki"), ("工業", "kogyo"), ("製作所", "seisakusho"), ("電機", "denki"), ("化学", "kagaku"),
            ("金属", "kinzoku"), ("機械", "kikai"), ("電子", "denshi"), ("産業", "sangyo"), ("樹脂", "jushi"),
            ("精密", "seimitsu"), ("製鋼", "seiko"),
        ],
        [
            ("システムズ", "systems"), ("ソフト", "soft"), ("テクノロジー", "technology"), ("データ", "data"),
            ("ネットワークス", "networks"), ("ソリューションズ", "solutions"), ("情報サービス", "joho"),
            ("デジタル", "digital"), ("クラウド", "cloud"), ("ラボ", "labs"), ("インフォテック", "infotech"),
        ],
        [
            ("証券", "shoken"), ("キャピタル", "capital"), ("ファイナンス", "finance"), ("リース", "lease"),
            ("信託", "shintaku"), ("保険", "hoken"), ("インベストメント", "investment"),
        ],
        [
            ("商事", "shoji"), ("ストア", "store"), ("物産", "bussan"), ("リテール", "retail"),
            ("百貨店", "hyakkaten"), ("マート", "mart"), ("商会", "shokai"),
        ],
        [
            ("メディカル", "medical"), ("製薬", "seiyaku"), ("ヘルスケア", "healthcare"), ("医療器", "iryoki"),
            ("ファーマ", "pharma"), ("ライフサイエンス", "lifescience"),
        ],
        [
            ("運輸", "unyu"), ("物流", "butsuryu"), ("ロジスティクス", "logistics"), ("倉庫", "soko"),
            ("海運", "kaiun"), ("エクスプレス", "express"), ("通運", "tsuun"),
        ],
        [
            ("建設", "kensetsu"), ("工務店", "komuten"), ("ハウス", "house"), ("建工", "kenko"), ("住建", "juken"),
            ("設備", "setsubi"),
        ],
        [
            ("コンサルティング", "consulting"), ("サービス", "service"), ("エージェンシー", "agency"),
            ("企画", "kikaku"), ("人材", "jinzai"), ("マネジメント", "management"),
        ],
    ].map { $0.map { Part(text: $0.0, romaji: $0.1) } }

    /// US name words: "<first> <second> <industry word> <form>" (Summit Ridge Software Inc.).
    static let usFirst = [
        "North", "Pacific", "Summit", "Blue", "Silver", "Golden", "Atlantic", "Evergreen",
        "Granite", "Liberty", "Pioneer", "Horizon", "Cedar", "Redwood", "Lakeshore", "Midwest",
        "Coastal", "Keystone", "Iron", "Prairie", "Harbor", "Sterling", "Bright", "Canyon",
        "Maple",
    ]
    static let usSecond = [
        "Ridge", "River", "Peak", "Point", "Bridge", "Stone", "Field", "Gate", "Valley",
        "Crest", "Brook", "Wood", "Lake", "Rock", "Star", "Path", "Forge", "Wave", "Spring",
        "Line", "Mark", "Works", "Way", "View", "Light", "Hill", "Bay", "Creek", "Mount",
        "Grove",
    ]
    static let usIndustryWords: [[String]] = [
        ["Manufacturing", "Industries", "Machining", "Components"],
        ["Software", "Systems", "Data", "Networks", "Labs"],
        ["Capital", "Financial", "Partners"],
        ["Retail", "Goods", "Market"],
        ["Health", "Medical", "Bio"],
        ["Logistics", "Freight", "Transport"],
        ["Builders", "Construction", "Contractors"],
        ["Consulting", "Services", "Group"],
    ]
    static let usForms = [" Inc.", " Corp.", " LLC", " Corporation", ", Inc."]

    /// Prefectures with their share of Japanese companies (Tokyo-heavy, as in the NTA registry of
    /// companies large enough to be B2B prospects) and a registry office code for 法人番号 bases.
    static let prefectures: [(name: String, weight: Double, office: Int, phone: String)] = [
        ("東京都", 35, 1100, "03"), ("大阪府", 12, 1200, "06"), ("愛知県", 8, 1800, "052"),
        ("神奈川県", 7, 2000, "045"), ("福岡県", 5, 2900, "092"), ("埼玉県", 4, 3000, "048"),
        ("兵庫県", 4, 1400, "078"), ("北海道", 3, 4300, "011"), ("京都府", 3, 1300, "075"),
        ("静岡県", 3, 1900, "054"), ("広島県", 2, 2400, "082"), ("宮城県", 2, 3700, "022"),
        ("千葉県", 3, 3400, "043"), ("茨城県", 1.5, 3500, "029"), ("新潟県", 1.5, 1500, "025"),
        ("長野県", 1.2, 1000, "026"), ("岐阜県", 1, 2100, "058"), ("群馬県", 1, 3100, "027"),
        ("栃木県", 1, 3200, "028"), ("岡山県", 1, 2600, "086"), ("熊本県", 0.8, 3300, "096"),
        ("鹿児島県", 0.6, 3420, "099"), ("石川県", 0.6, 2200, "076"), ("富山県", 0.6, 2300, "076"),
        ("滋賀県", 0.5, 1600, "077"), ("三重県", 0.6, 1910, "059"), ("沖縄県", 0.4, 3600, "098"),
        ("山口県", 0.5, 2500, "083"), ("愛媛県", 0.5, 2700, "089"), ("鳥取県", 0.2, 2800, "0857"),
        ("島根県", 0.2, 2810, "0852"),
    ]

    /// US states with their share of US companies.
    static let states: [(code: String, weight: Double)] = [
        ("CA", 22), ("NY", 14), ("TX", 12), ("WA", 7), ("MA", 7), ("IL", 7), ("NJ", 5), ("GA", 5), ("FL", 5),
        ("CO", 4), ("NC", 4), ("OH", 4), ("PA", 4),
    ]
}
