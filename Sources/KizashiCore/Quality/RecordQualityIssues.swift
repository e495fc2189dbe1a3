/// What is wrong with one record, field by field, by the rules of kpis.md §data_quality — so the
/// data-quality page and an account's flags list exactly what the KPI counted against it.
public struct RecordQualityIssue: Sendable, Equatable {
    public enum Problem: String, Sendable { case missing, invalid, stale, duplicate }
    /// "company" or "contact".
    public var record: String
    public var id: String
    public var field: String
    public var problem: Problem
}

public enum RecordQuality {
    static func filled(_ s: String?) -> Bool { !(s?.trimmingASCIIWhitespace().isEmpty ?? true) }

    /// Missing and invalid fields of a company (kpis.md §completeness, §validity), and whether it
    /// is unverified or stale on `L` (§freshness).
    public static func issues(of c: Company, on L: Day, freshnessDays: Int, duplicate: Bool) -> [RecordQualityIssue] {
        var out: [RecordQualityIssue] = []
        func add(_ field: String, _ p: RecordQualityIssue.Problem) {
            out.append(RecordQualityIssue(record: "company", id: c.id, field: field, problem: p))
        }
        var required: [(String, String?)] = [
            ("name", c.name), ("domain", c.domain), ("industry", c.industry), ("employees", c.employees),
            ("region", c.region),
        ]
        if c.country?.trimmingASCIIWhitespace().uppercased() == "JP" {
            required.append(("corporate_number", c.corporateNumber))
        }
        for (field, value) in required where !filled(value) { add(field, .missing) }
        if filled(c.domain), !FieldValidity.isValidDomain(c.domain!) { add("domain", .invalid) }
        if filled(c.employees), !FieldValidity.isValidEmployees(c.employees!) { add("employees", .invalid) }
        if filled(c.corporateNumber), !CorporateNumber.isValid(c.corporateNumber!) { add("corporate_number", .invalid) }
        if let v = c.verifiedOn, L - v >= 0, L - v <= freshnessDays {
        } else {
            add("verified_on", .stale)
        }
        if duplicate { add("company", .duplicate) }
        return out
    }

    public static func issues(of c: Contact) -> [RecordQualityIssue] {
        var out: [RecordQualityIssue] = []
        for (field, value) in [("name", c.name), ("email", c.email), ("department", c.department), ("title", c.title)]
        where !filled(value) {
            out.append(RecordQualityIssue(record: "contact", id: c.id, field: field, problem: .missing))
        }
        if filled(c.email), !FieldValidity.isValidEmail(c.email!) {
            out.append(RecordQualityIssue(record: "contact", id: c.id, field: "email", problem: .invalid))
        }
        return out
    }
}
