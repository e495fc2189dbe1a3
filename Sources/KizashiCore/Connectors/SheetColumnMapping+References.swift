/// The reference columns a mapping may send a header to (issue 29): a row names its company or
/// contact by any key instead of the workspace's ID, and `RecordReferenceResolver` finds the ID.
extension SheetColumnMapping {
    /// `company`: one value that may be any key; the others one key each (a targets sheet with
    /// 会社名 and 法人番号 maps both). `contact`: an ID or an e-mail address.
    static let companyReferenceColumns = [
        "company", "company_name", "company_corporate_number", "company_domain", "company_region",
    ]

    /// The reference columns of `entity`: company references where it has a `company_id` it does
    /// not own, a contact reference where it has a `contact_id` it does not own.
    public static func referenceColumns(of entity: CanonicalEntity) -> [String] {
        var out: [String] = []
        if entity != .companies && entity.columns.contains("company_id") { out += companyReferenceColumns }
        if entity != .contacts && entity.columns.contains("contact_id") { out.append("contact") }
        return out
    }

    /// The canonical column a reference column fills (nil for canonical columns).
    public static func referencedColumn(_ column: String) -> String? {
        if companyReferenceColumns.contains(column) { return "company_id" }
        return column == "contact" ? "contact_id" : nil
    }

    static let referenceAliases: [String: [String]] = [
        "company": ["company", "account", "会社", "取引先", "企業"],
        "company_name": ["会社名", "企業名", "社名", "取引先名", "company name", "account name"],
        "company_corporate_number": shared["corporate_number"] ?? [],
        "company_domain": ["ドメイン", "ウェブサイト", "webサイト", "ホームページ", "website", "web site", "domain"],
        "company_region": shared["region"] ?? [],
        "contact": ["contact", "担当者", "contact email", "担当者メール"],
    ]

    /// Whether the mapping gives a company or a contact by reference.
    public var hasCompanyReference: Bool { columns.values.contains { Self.companyReferenceColumns.contains($0) } }
    public var hasContactReference: Bool { columns.values.contains("contact") }

    /// The reference values of one sheet row (trimmed; empty when the sheet has none).
    public func companyKeys(_ cells: [String]) -> RecordReferenceResolver.CompanyKeys {
        var k = RecordReferenceResolver.CompanyKeys()
        for (i, c) in columns where i < cells.count { k.set(column: c, to: cells[i].trimmingASCIIWhitespace()) }
        return k
    }

    public func contactReference(_ cells: [String]) -> String {
        guard let i = columns.first(where: { $0.value == "contact" })?.key, i < cells.count else { return "" }
        return cells[i].trimmingASCIIWhitespace()
    }
}
