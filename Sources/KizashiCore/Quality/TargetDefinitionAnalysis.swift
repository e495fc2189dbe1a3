/// Phase 1 of kpis.md (target_coverage, data_quality) for any set of targets.
///
/// Everything that does not depend on T — ICP matches, duplicate keys over the whole universe,
/// per-record completeness and validity counts — is computed once here, so each period and tier
/// is a sum over its targets.
public struct TargetDefinitionAnalysis: Sendable {
    struct Counts: Sendable {
        var filled = 0, required = 0, passed = 0, checkable = 0
        static func + (a: Counts, b: Counts) -> Counts {
            Counts(
                filled: a.filled + b.filled, required: a.required + b.required, passed: a.passed + b.passed,
                checkable: a.checkable + b.checkable)
        }
    }

    let companies: [Company]
    let index: [String: Int]
    let icpDefined: Bool
    let inICP: [Bool]
    let icpCount: Int
    let duplicate: [Bool]
    /// Company fields plus the fields of its contacts.
    let counts: [Counts]
    /// Company IDs sharing a key, with the key kind — for the data-quality page. Empty when the
    /// duplicates were passed in precomputed.
    public let duplicateGroups: [(kind: String, key: String, companyIds: [String])]

    /// `candidates`: the companies that can be in a target set (those with a targets row); only
    /// they need completeness and validity counts. nil = every company.
    /// `duplicates`: the companies sharing a match key, when the store already knows them.
    /// `companyIndex`: company_id → position in `companies`, when the caller has built it.
    public init(
        companies: [Company], contacts: [Contact], icp: IdealCustomerProfile?, candidates: Set<String>? = nil,
        duplicates: Set<String>? = nil, companyIndex: [String: Int]? = nil
    ) {
        self.companies = companies
        if let companyIndex {
            index = companyIndex
        } else {
            var index: [String: Int] = [:]
            index.reserveCapacity(companies.count)
            for (i, c) in companies.enumerated() { index[c.id] = i }
            self.index = index
        }
        icpDefined = icp != nil
        let matcher = icp.map(ICPMatcher.init)
        inICP = matcher?.matches(companies) ?? Array(repeating: false, count: companies.count)
        icpCount = inICP.filter { $0 }.count

        // kpis.md §duplicate_rate: keys shared with another company of the universe. A store that
        // keeps the keys (computed at import) passes the result in `duplicates`.
        var dup = [Bool](repeating: false, count: companies.count)
        var listed: [(kind: String, key: String, companyIds: [String])] = []
        if let duplicates {
            for id in duplicates { if let i = index[id] { dup[i] = true } }
        } else {
            var groups: [CompanyMatchKeys.Kind: [String: [Int]]] = [:]
            for (i, c) in companies.enumerated() {
                for (kind, key) in CompanyMatchKeys.keys(of: c) {
                    groups[kind, default: [:]][key, default: []].append(i)
                }
            }
            for kind in CompanyMatchKeys.Kind.allCases {
                for (key, members) in groups[kind] ?? [:] where members.count > 1 {
                    for i in members { dup[i] = true }
                    listed.append((kind.rawValue, key, members.map { companies[$0].id }))
                }
            }
        }
        duplicate = dup
        duplicateGroups = listed.sorted { ($0.companyIds.first ?? "", $0.kind) < ($1.companyIds.first ?? "", $1.kind) }

        // kpis.md §data_quality completeness and validity, per company (with its contacts).
        // Only the candidates are counted: looked up by ID rather than testing every company.
        var counts = [Counts](repeating: Counts(), count: companies.count)
        let byId = index
        let counted: [Int] = candidates.map { $0.compactMap { byId[$0] } } ?? Array(companies.indices)
        for i in counted {
            let c = companies[i]
            var k = Counts()
            func need(_ v: String?) {
                k.required += 1
                if v != nil { k.filled += 1 }
            }
            need(c.name)
            need(c.domain)
            need(c.industry)
            need(c.employees)
            need(c.region)
            if c.country?.trimmingASCIIWhitespace().lowercased() == "jp" { need(c.corporateNumber) }
            func check(_ v: String?, _ ok: (String) -> Bool) {
                guard let v else { return }
                k.checkable += 1
                if ok(v) { k.passed += 1 }
            }
            check(c.domain, FieldValidity.isValidDomain)
            check(c.employees, FieldValidity.isValidEmployees)
            check(c.corporateNumber, CorporateNumber.isValid)
            counts[i] = k
        }
        for p in contacts {
            guard let i = index[p.companyId] else { continue }
            if let candidates, !candidates.contains(p.companyId) { continue }
            var k = Counts(filled: 0, required: 4, passed: 0, checkable: 0)
            for v in [p.name, p.email, p.department, p.title] where v != nil { k.filled += 1 }
            if let e = p.email {
                k.checkable += 1
                if FieldValidity.isValidEmail(e) { k.passed += 1 }
            }
            counts[i] = counts[i] + k
        }
        self.counts = counts
    }

    /// Whether a company matches the ICP (false without an ICP).
    public func matchesICP(_ companyId: String) -> Bool { index[companyId].map { inICP[$0] } ?? false }
    /// The same by company index (the `companyIndex` this analysis was built with): no hashing.
    func matchesICP(index i: Int) -> Bool { inICP[i] }
    /// Whether a company shares a duplicate key with another company.
    public func isDuplicate(_ companyId: String) -> Bool { index[companyId].map { duplicate[$0] } ?? false }

    /// target_coverage, icp_companies, targets, targets_outside_icp, list_precision, data_quality,
    /// completeness, validity, freshness, duplicate_rate — in that order.
    public func kpis(targets: some Collection<String>, lastDay: Day, freshnessDays: Int) -> [(
        key: String, value: KPIValue
    )] {
        var t = 0, inside = 0, fresh = 0, dups = 0
        var k = Counts()
        for id in targets {
            guard let i = index[id] else { continue }
            t += 1
            if inICP[i] { inside += 1 }
            if duplicate[i] { dups += 1 }
            k = k + counts[i]
            // kpis.md §freshness: 0 ≤ L − verified_on ≤ freshness_days.
            if let v = companies[i].verifiedOn, (0...freshnessDays).contains(lastDay - v) { fresh += 1 }
        }
        let completeness = KPIValue.ratio(Double(k.filled), Double(k.required))
        let validity = KPIValue.ratio(Double(k.passed), Double(k.checkable))
        let freshness = KPIValue.ratio(Double(fresh), Double(t))
        let duplicateRate = KPIValue.ratio(Double(dups), Double(t))
        var quality = KPIValue.null
        if let a = completeness.doubleValue, let b = validity.doubleValue, let c = freshness.doubleValue,
            let d = duplicateRate.doubleValue
        {
            quality = .number((a + b + c + (1 - d)) / 4)
        }
        return [
            ("target_coverage", icpDefined ? .ratio(Double(inside), Double(icpCount)) : .null),
            ("icp_companies", icpDefined ? .count(icpCount) : .null),
            ("targets", .count(t)),
            ("targets_outside_icp", icpDefined ? .count(t - inside) : .null),
            ("list_precision", icpDefined ? .ratio(Double(inside), Double(t)) : .null),
            ("data_quality", quality), ("completeness", completeness), ("validity", validity), ("freshness", freshness),
            ("duplicate_rate", duplicateRate),
        ]
    }
}
