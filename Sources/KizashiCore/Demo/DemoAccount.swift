/// What the generator knows about a company beyond its published row: the truth behind the
/// (sometimes wrong or missing) recorded fields, and the behaviour planted for it. One per company,
/// same index as the `Company` array.
struct DemoAccount: Sendable {
    var id: String
    var industry: Int
    var isUS: Bool
    /// Index into `DemoCompanyVocabulary.prefectures`, −1 outside Japan.
    var prefecture: Int
    /// True size (the recorded `employees` may be missing or garbled).
    var employees: Int
    /// Short name for opportunity titles (東洋精機).
    var shortName: String
    /// The real web domain; contacts' addresses use it even when the company row lacks it.
    var domain: String
    /// How this company forms e-mail local parts (taro.yamada, t-yamada, …).
    var emailStyle: Int
    /// Index of the company this row duplicates, −1 for an original record.
    var duplicateOf: Int
    /// Satisfies the demo ICP by its recorded fields (what the KPI engine will see).
    var matchesICP: Bool

    /// 0 = never on the target list, else the tier of its latest stay.
    var tier: Int = 0
    /// On the target list on `asOf`.
    var targetOnAsOf: Bool = false
    /// Existing customer with a contract from before the data window.
    var isCustomer: Bool = false

    /// Contacts: `contactStart ..< contactStart + contactCount` in the contact array.
    var contactStart: Int = 0
    var contactCount: Int = 0
    /// Relative activity level before calibration (0 = never seen on the website).
    var baseIntensity: Double = 0
    /// Background intent topics as a bit set over `DemoWebVocabulary.topics` (0 = not in the vendor's feed).
    var intentTopics: UInt16 = 0

    var isTarget: Bool { tier > 0 }
}
