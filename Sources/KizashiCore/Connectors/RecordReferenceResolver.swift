/// Company and contact references by any key (issue 29): a row that names its company by 会社名,
/// 法人番号, a domain or an e-mail address instead of the workspace's ID is resolved like 名寄せ
/// (`CompanyResolver`: ID, then corporate number, then domain, then normalised name with the
/// region when there is one); a contact by its ID, then its e-mail address.
///
/// Unresolved and ambiguous references are never guessed: the caller rejects the row with
/// `Failure.reason`, which names the candidates.
public struct RecordReferenceResolver: Sendable {
    /// What a row gives to find its company; any subset may be empty.
    public struct CompanyKeys: Sendable, Equatable {
        /// One value that may be any key (`company` in a mapping): an ID, a 法人番号, a domain, a
        /// URL, an e-mail address or a name.
        public var any: String = ""
        public var name: String = ""
        public var corporateNumber: String = ""
        public var domain: String = ""
        public var region: String = ""
        /// Sets the key a mapping's reference column names (`company`, `company_name`,
        /// `company_corporate_number`, `company_domain`, `company_region`); other columns are ignored.
        public mutating func set(column: String, to value: String) {
            switch column {
            case "company": any = value
            case "company_name": name = value
            case "company_corporate_number": corporateNumber = value
            case "company_domain": domain = value
            case "company_region": region = value
            default: break
            }
        }

        public init(
            any: String = "", name: String = "", corporateNumber: String = "", domain: String = "", region: String = ""
        ) {
            self.any = any
            self.name = name
            self.corporateNumber = corporateNumber
            self.domain = domain
            self.region = region
        }
        public var isEmpty: Bool {
            [any, name, corporateNumber, domain].allSatisfy { $0.trimmingASCIIWhitespace().isEmpty }
        }
        /// The keys as the row gave them, for a reason.
        var shown: String {
            [any, name, corporateNumber, domain, region].map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
                .joined(separator: " / ")
        }
    }

    public struct Failure: Error, Sendable, Equatable {
        /// The reference as the row wrote it.
        public var value: String
        public var reason: String
        /// The IDs the reference matched when it is ambiguous; empty when it matched none.
        public var candidates: [String] = []
    }

    private var companies: CompanyResolver
    private var companyLabels: [String: String] = [:]
    private var contactIds: Set<String> = []
    private var contactsByEmail: [String: [String]] = [:]

    /// `companies` / `contacts`: the workspace's, plus any this import writes before the rows
    /// that refer to them (add them with `add`).
    public init(companies: [Company] = [], contacts: [Contact] = []) {
        self.companies = CompanyResolver()
        for c in companies { add(c) }
        for c in contacts { add(c) }
    }

    public mutating func add(_ c: Company) {
        companies.add(c)
        companyLabels[c.id] = c.region.map { "\(c.id) \(c.name) (\($0))" } ?? "\(c.id) \(c.name)"
    }

    public mutating func add(_ c: Contact) {
        contactIds.insert(c.id)
        if let e = c.email.map(Self.emailKey), !e.isEmpty { contactsByEmail[e, default: []].append(c.id) }
    }

    static func emailKey(_ s: String) -> String { UnicodeNormalization.nfkcLowercased(s.trimmingASCIIWhitespace()) }

    /// The company ID the keys name, or why there is none.
    public func company(_ keys: CompanyKeys) -> Result<String, Failure> {
        let any = keys.any.trimmingASCIIWhitespace()
        var probe = Company(
            id: any, name: keys.name.trimmingASCIIWhitespace(),
            corporateNumber: keys.corporateNumber.isEmpty ? nil : keys.corporateNumber,
            domain: keys.domain.isEmpty ? nil : Self.domain(of: keys.domain),
            region: keys.region.trimmingASCIIWhitespace().isEmpty ? nil : keys.region)
        if !any.isEmpty && !companies.contains(id: any) {
            // The one value is read as the key it looks like.
            let number = CompanyResolver.numberKey(any)
            if number.utf8.count == 13 && number.utf8.allSatisfy({ (48...57).contains($0) }) {
                probe.corporateNumber = probe.corporateNumber ?? any
            } else if Self.looksLikeDomain(any) {
                probe.domain = probe.domain ?? Self.domain(of: any)
            } else if probe.name.isEmpty {
                probe.name = any
            }
        }
        let shown = keys.shown
        switch companies.resolve(probe) {
        case .existing(let id, _):
            return .success(id)
        case .ambiguous(let basis, let candidates):
            return .failure(
                Failure(
                    value: shown,
                    reason:
                        "names several companies by \(basis.rawValue): \(candidates.map { companyLabels[$0] ?? $0 }.joined(separator: "; ")); give the company ID, 法人番号 or region (never guessed)",
                    candidates: candidates))
        case .new:
            return .failure(
                Failure(
                    value: shown,
                    reason: "no company has this ID, 法人番号, domain or name; import the company first"))
        }
    }

    /// The contact ID named by an ID or an e-mail address, or why there is none.
    public func contact(_ raw: String) -> Result<String, Failure> {
        let v = raw.trimmingASCIIWhitespace()
        if contactIds.contains(v) { return .success(v) }
        let ids = Array(Set(contactsByEmail[Self.emailKey(v)] ?? [])).sorted()
        switch ids.count {
        case 1: return .success(ids[0])
        case 0:
            return .failure(
                Failure(value: v, reason: "no contact has this ID or e-mail address; import the contact first"))
        default:
            return .failure(
                Failure(
                    value: v,
                    reason: "names several contacts by e-mail: \(ids.joined(separator: ", ")); give the contact ID",
                    candidates: ids))
        }
    }

    /// An e-mail address, a URL or a bare host name.
    static func looksLikeDomain(_ s: String) -> Bool {
        if s.contains("@") { return true }
        let lower = s.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return true }
        return s.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " } && s.contains(".")
    }

    /// The domain of an e-mail address (after its `@`), a URL or a host name.
    static func domain(of s: String) -> String {
        let t = s.trimmingASCIIWhitespace()
        if let at = t.lastIndex(of: "@") { return String(t[t.index(after: at)...]) }
        return t
    }
}
