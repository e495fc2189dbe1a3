/// 名寄せ on import (issue 6): decides whether a company arriving from a connector is one the
/// workspace already has. The order is the order of evidence strength — same ID; else same
/// corporate number; else same normalised domain; else same normalised name — and the first key
/// that finds anything decides. Two matches on that key are *ambiguous*: reported, never guessed.
///
/// Why the guards: two companies with different corporate numbers are different legal entities
/// even when they share a domain (subsidiaries often do) or a name, so a weaker key never joins
/// them; and a name match needs compatible regions (equal, or one of them unknown), because
/// 「田中商事」 exists in every prefecture.
///
/// Canonical packages are not resolved: their IDs are the workspace's own, and the duplicates
/// they contain are what duplicate_rate measures and `kizashi merge` fixes.
public struct CompanyResolver: Sendable {
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        case id
        case corporateNumber = "corporate number"
        case domain
        case name
    }

    public enum Resolution: Sendable, Equatable {
        /// The incoming company is `id` (already in the workspace or earlier in this import).
        case existing(id: String, basis: Basis)
        /// Nothing matches: a new company.
        case new
        /// Several companies match on the strongest key that matched anything.
        case ambiguous(basis: Basis, candidates: [String])
    }

    struct Entry: Sendable {
        var number: String
        var domain: String
        var name: String
        var region: String
    }

    private var entries: [String: Entry] = [:]
    private var byNumber: [String: [String]] = [:]
    private var byDomain: [String: [String]] = [:]
    private var byName: [String: [String]] = [:]

    public init(companies: [Company] = []) {
        for c in companies { add(c) }
    }

    /// The corporate number as a key: NFKC (full-width digits become ASCII), hyphens and spaces removed.
    public static func numberKey(_ raw: String?) -> String {
        guard let raw else { return "" }
        return String(
            UnicodeNormalization.nfkc(raw).unicodeScalars.filter { $0 != "-" && $0 != " " }.map(Character.init))
    }

    public static func domainKey(_ raw: String?) -> String { CompanyNameNormalizer.normalizeDomain(raw ?? "") }

    /// Registers a company (from the workspace, or one this import creates) so later rows resolve to it.
    public mutating func add(_ c: Company) {
        if let old = entries[c.id] {
            // An updated record: its old keys no longer find it.
            if !old.number.isEmpty { byNumber[old.number]?.removeAll { $0 == c.id } }
            if !old.domain.isEmpty { byDomain[old.domain]?.removeAll { $0 == c.id } }
            if !old.name.isEmpty { byName[old.name]?.removeAll { $0 == c.id } }
        }
        let e = Entry(
            number: Self.numberKey(c.corporateNumber), domain: Self.domainKey(c.domain),
            name: CompanyNameNormalizer.normalize(c.name), region: CompanyNameNormalizer.normalizeRegion(c.region ?? "")
        )
        entries[c.id] = e
        if !e.number.isEmpty { byNumber[e.number, default: []].append(c.id) }
        if !e.domain.isEmpty { byDomain[e.domain, default: []].append(c.id) }
        if !e.name.isEmpty { byName[e.name, default: []].append(c.id) }
    }

    public func contains(id: String) -> Bool { entries[id] != nil }

    /// The companies with this normalised domain (for intent files, which only carry a domain).
    public func companies(withDomain domain: String) -> [String] { byDomain[Self.domainKey(domain)] ?? [] }

    public func resolve(_ c: Company) -> Resolution {
        if entries[c.id] != nil { return .existing(id: c.id, basis: .id) }
        let number = Self.numberKey(c.corporateNumber)
        let region = CompanyNameNormalizer.normalizeRegion(c.region ?? "")
        // A weaker key may only join companies whose corporate numbers do not contradict.
        func compatible(_ id: String, checkRegion: Bool) -> Bool {
            guard let e = entries[id] else { return false }
            if !number.isEmpty && !e.number.isEmpty && number != e.number { return false }
            if checkRegion && !region.isEmpty && !e.region.isEmpty && region != e.region { return false }
            return true
        }
        func decide(_ ids: [String], _ basis: Basis) -> Resolution? {
            let unique = Array(Set(ids)).sorted()
            switch unique.count {
            case 0: return nil
            case 1: return .existing(id: unique[0], basis: basis)
            default: return .ambiguous(basis: basis, candidates: unique)
            }
        }
        if !number.isEmpty, let r = decide(byNumber[number] ?? [], .corporateNumber) { return r }
        let domain = Self.domainKey(c.domain)
        if !domain.isEmpty,
            let r = decide((byDomain[domain] ?? []).filter { compatible($0, checkRegion: false) }, .domain)
        {
            return r
        }
        let name = CompanyNameNormalizer.normalize(c.name)
        if !name.isEmpty, let r = decide((byName[name] ?? []).filter { compatible($0, checkRegion: true) }, .name) {
            return r
        }
        return .new
    }

    /// `existing` with its empty fields filled from `incoming`: a match adds what the workspace
    /// did not know and never overwrites what it did.
    public static func fill(_ existing: Company, from incoming: Company) -> Company {
        var c = existing
        func empty(_ s: String?) -> Bool { s?.trimmingASCIIWhitespace().isEmpty ?? true }
        if empty(c.corporateNumber) { c.corporateNumber = incoming.corporateNumber }
        if empty(c.domain) { c.domain = incoming.domain }
        if empty(c.industry) { c.industry = incoming.industry }
        if empty(c.employees) { c.employees = incoming.employees }
        if empty(c.annualRevenue) { c.annualRevenue = incoming.annualRevenue }
        if empty(c.country) { c.country = incoming.country }
        if empty(c.region) { c.region = incoming.region }
        if c.updatedOn == nil { c.updatedOn = incoming.updatedOn }
        return c
    }
}
