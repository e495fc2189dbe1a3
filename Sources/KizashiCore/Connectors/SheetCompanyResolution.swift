/// 名寄せ for a sheet of companies (issue 6: "every import resolves companies").
///
/// A company list someone keeps in Excel — an event's attendee companies, a purchased list —
/// rarely carries the workspace's IDs, and often names a company the workspace already has as
/// 株式会社アルファ where the sheet says ㈱アルファ. So each row is resolved like a connector's
/// company (`CompanyResolver`: same ID, else corporate number, else domain, else name + region):
/// - same ID, or nothing matches: the row is imported as the sheet has it;
/// - matched by a key: the row becomes the workspace company's record with only its empty fields
///   filled from the sheet (the fields `CompanyResolver.fill` fills) — never overwritten;
/// - several candidates: imported under its own ID and reported, never guessed.
///
/// The sheet may leave out the `company_id` column altogether: a new company then gets an ID derived from
/// its strongest key (`sheet:number:…`, `sheet:domain:…`, `sheet:name:…|region`), so importing the
/// same sheet again finds the same companies and changes nothing.
///
/// Works on canonical field text (after `SheetColumnMapping`), so the canonical parser still
/// checks every value and reports bad ones by the sheet's row and header.
public struct SheetCompanyResolution: Sendable {
    /// The companies columns, in canonical order: every row of `rows` has one field per column.
    public static let header: [String] = CanonicalEntity.companies.columns

    public var rows: [[String]] = []
    /// "matched: …" / "ambiguous: …" lines for the report.
    public var notes: [String] = []
    public var matched = 0
    public var derivedIds = 0

    /// `header`/`rows`: the mapped sheet (any subset of the companies columns, `company_id` optional).
    /// `existing`: the workspace's companies.
    public init(header sheetHeader: [String], rows sheetRows: [[String]], existing: [Company]) {
        var resolver = CompanyResolver(companies: existing)
        // With an ID column, an empty ID is the sheet's own mistake: left for the canonical
        // checks to reject. Without one, every new company gets a derived ID.
        let derivesIds = !sheetHeader.contains("company_id")
        var current = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let position = Dictionary(sheetHeader.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for cells in sheetRows {
            var f = Self.header.map { c in position[c].map { $0 < cells.count ? cells[$0] : "" } ?? "" }
            func v(_ c: String) -> String? {
                let s = f[Self.header.firstIndex(of: c)!]
                return s.trimmingASCIIWhitespace().isEmpty ? nil : s
            }
            let probe = Company(
                id: v("company_id") ?? "", name: v("name") ?? "", corporateNumber: v("corporate_number"),
                domain: v("domain"), industry: v("industry"), employees: v("employees"),
                annualRevenue: v("annual_revenue"), country: v("country"), region: v("region"))
            let label = probe.id.isEmpty ? probe.name : "\(probe.id) \(probe.name)"
            switch resolver.resolve(probe) {
            case .existing(_, .id):
                break
            case .existing(let id, let basis):
                if let base = current[id] {
                    f = Self.filled(base, from: f)
                    matched += 1
                    notes.append("matched: \(label) → \(id) \(base.name) (same \(basis.rawValue))")
                    // Later rows see the filled record, as the store will hold it.
                    if let c = Self.company(f) {
                        current[id] = c
                        resolver.add(c)
                    }
                    rows.append(f)
                    continue
                }
            case .ambiguous(let basis, let candidates):
                notes.insert(
                    "ambiguous: \(label) has the same \(basis.rawValue) as \(candidates.joined(separator: ", ")); imported as its own company, not guessed (kizashi duplicates / merge)",
                    at: 0)
            case .new:
                break
            }
            if derivesIds, probe.id.isEmpty, let derived = Self.derivedId(probe) {
                f[0] = derived
                derivedIds += 1
            }
            if let c = Self.company(f) {
                current[c.id] = c
                resolver.add(c)
            }
            rows.append(f)
        }
    }

    /// An ID for a company the sheet gives none: its strongest non-empty key, readable.
    static func derivedId(_ c: Company) -> String? {
        let number = CompanyResolver.numberKey(c.corporateNumber)
        if !number.isEmpty { return "sheet:number:\(number)" }
        let domain = CompanyResolver.domainKey(c.domain)
        if !domain.isEmpty { return "sheet:domain:\(domain)" }
        let name = CompanyNameNormalizer.normalize(c.name)
        guard !name.isEmpty else { return nil }
        let region = CompanyNameNormalizer.normalizeRegion(c.region ?? "")
        return "sheet:name:\(name)" + (region.isEmpty ? "" : "|\(region)")
    }

    /// The workspace company's fields, its empty ones taken from the sheet (CompanyResolver.fill's set).
    static func filled(_ base: Company, from f: [String]) -> [String] {
        let fillable: Set<String> = [
            "corporate_number", "domain", "industry", "employees", "annual_revenue", "country", "region", "updated_on",
        ]
        let own: [String?] = [
            base.id, base.name, base.corporateNumber, base.domain, base.industry, base.employees, base.annualRevenue,
            base.country, base.region, base.updatedOn?.description, base.verifiedOn?.description,
        ]
        return zip(header, zip(own, f)).map { column, pair in
            let mine = pair.0 ?? ""
            return mine.trimmingASCIIWhitespace().isEmpty && fillable.contains(column) ? pair.1 : mine
        }
    }

    /// The row as a company, for resolving later rows (nil without an ID).
    public static func company(_ f: [String]) -> Company? {
        guard !f[0].isEmpty else { return nil }
        func o(_ s: String) -> String? { s.trimmingASCIIWhitespace().isEmpty ? nil : s }
        return Company(
            id: f[0], name: f[1], corporateNumber: o(f[2]), domain: o(f[3]), industry: o(f[4]), employees: o(f[5]),
            annualRevenue: o(f[6]), country: o(f[7]), region: o(f[8]), updatedOn: Day(iso: f[9]),
            verifiedOn: Day(iso: f[10]))
    }
}
