/// Word lists for contacts and sales owners. Japanese names carry their romanisation so that
/// e-mail addresses follow the company's convention (taro.yamada@…, t-yamada@…).
enum DemoPeopleVocabulary {
    typealias Name = (text: String, romaji: String)

    static let familyNames: [Name] = [
        ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"),
        ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"), ("小林", "kobayashi"), ("加藤", "kato"),
        ("吉田", "yoshida"), ("山田", "yamada"), ("佐々木", "sasaki"), ("山口", "yamaguchi"), ("松本", "matsumoto"),
        ("井上", "inoue"), ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"), ("清水", "shimizu"),
        ("山崎", "yamazaki"), ("森", "mori"), ("池田", "ikeda"), ("橋本", "hashimoto"), ("阿部", "abe"),
        ("石川", "ishikawa"), ("山下", "yamashita"), ("中島", "nakajima"), ("石井", "ishii"), ("小川", "ogawa"),
        ("前田", "maeda"), ("岡田", "okada"), ("長谷川", "hasegawa"), ("藤田", "fujita"), ("後藤", "goto"),
        ("近藤", "kondo"), ("村上", "murakami"), ("遠藤", "endo"), ("青木", "aoki"), ("坂本", "sakamoto"),
    ]
    static let givenNames: [Name] = [
        ("太郎", "taro"), ("健一", "kenichi"), ("大輔", "daisuke"), ("翔太", "shota"), ("直樹", "naoki"),
        ("誠", "makoto"), ("拓也", "takuya"), ("和也", "kazuya"), ("隆", "takashi"), ("浩二", "koji"),
        ("裕子", "yuko"), ("美咲", "misaki"), ("由美", "yumi"), ("恵子", "keiko"), ("陽子", "yoko"),
        ("さくら", "sakura"), ("真由美", "mayumi"), ("愛", "ai"), ("智子", "tomoko"), ("麻衣", "mai"),
        ("健太", "kenta"), ("亮", "ryo"), ("悠斗", "yuto"), ("修", "osamu"), ("剛", "tsuyoshi"),
        ("香織", "kaori"), ("奈々", "nana"), ("彩", "aya"), ("千尋", "chihiro"), ("明美", "akemi"),
    ]
    static let usFirstNames = [
        "John", "Emily", "Michael", "Sarah", "David", "Jessica", "James", "Ashley",
        "Robert", "Jennifer", "Daniel", "Amanda", "Chris", "Megan", "Kevin", "Laura",
    ]
    static let usLastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia",
        "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Clark",
    ]

    /// Departments of Japanese contacts; the first four are where SFA/MA buyers sit.
    static let departments = [
        "情報システム部", "営業部", "マーケティング部", "経営企画部", "営業企画部", "DX推進室",
        "総務部", "購買部",
    ]
    static let departmentWeights: [Double] = [22, 22, 18, 12, 8, 8, 6, 4]
    static let usDepartments = [
        "IT", "Sales", "Marketing", "Strategy", "Sales Operations", "Digital",
        "Administration", "Procurement",
    ]

    /// Titles per role (`ContactRole.allCases` order), Japanese and US.
    static let titles: [[String]] = [
        ["部長", "本部長", "執行役員", "取締役", "CIO", "CMO", "室長"],
        ["課長", "マネージャー", "グループリーダー", "次長"],
        ["担当", "主任", "係長", "リーダー"],
        ["アシスタント", "秘書", "一般"],
    ]
    static let usTitles: [[String]] = [
        ["CIO", "VP of Sales", "CMO", "Director of IT", "Head of Marketing"],
        ["Sales Manager", "Marketing Manager", "IT Manager", "Team Lead"],
        ["Sales Operations Specialist", "Marketing Specialist", "Analyst", "Engineer"],
        ["Assistant", "Coordinator"],
    ]

    /// The vendor's own sales reps who own target accounts.
    static let owners = ["佐藤 健一", "鈴木 美咲", "高橋 大輔", "田中 由美", "伊藤 翔太", "渡辺 直樹", "Emily Clark"]
}
