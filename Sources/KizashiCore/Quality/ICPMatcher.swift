import Foundation

/// Whether a company matches the ICP (data-format.md §icp.json): every given criterion must hold;
/// a company with no value for a criterion does not satisfy it; min/max inclusive; text compared
/// after trimming and NFKC, case-insensitively; a numeric criterion on a non-number fails.
public struct ICPMatcher: Sendable {
    let icp: IdealCustomerProfile
    let industries: Set<String>?
    let countries: Set<String>?
    let regions: Set<String>?

    public init(_ icp: IdealCustomerProfile) {
        self.icp = icp
        industries = icp.industries.map { Set($0.map(Self.text)) }
        countries = icp.countries.map { Set($0.map(Self.text)) }
        regions = icp.regions.map { Set($0.map(Self.text)) }
    }

    static func text(_ s: String) -> String {
        UnicodeNormalization.nfkcLowercased(s).trimmingASCIIWhitespace()
    }

    /// A plain decimal number (digits, one optional dot, optional sign); "1,200" and "約500" are not numbers.
    static func number(_ s: String?) -> Double? {
        guard let s else { return nil }
        // Plain ASCII digits (nearly every stored value): the same rule decided on the bytes.
        if let fast = s.utf8.withContiguousStorageIfAvailable({ b -> Double?? in
            var digits = 0
            var value = 0.0
            for u in b {
                guard u >= 48 && u <= 57 else { return nil }  // anything else: the general path
                value = value * 10 + Double(u - 48)
                digits += 1
            }
            return digits > 0 && digits <= 15 ? .some(value) : nil
        }), let fast {
            return fast
        }
        guard case let t = s.trimmingASCIIWhitespace(), !t.isEmpty else { return nil }
        var body = Substring(t)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.filter({ $0 == "." }).count <= 1,
            body.unicodeScalars.allSatisfy({ ($0.value >= 48 && $0.value <= 57) || $0 == "." }),
            body.unicodeScalars.contains(where: { $0.value >= 48 && $0.value <= 57 })
        else { return nil }
        return Double(t)
    }

    public func matches(_ c: Company) -> Bool {
        var memo: [String: String] = [:]
        return matches(c, memo: &memo)
    }

    /// Every company at once: the normalised text of each distinct industry, country and region
    /// is computed once (a workspace has a few dozen of each, and NFKC is the costly part).
    public func matches(_ companies: [Company]) -> [Bool] {
        var memo: [String: String] = [:]
        return companies.map { matches($0, memo: &memo) }
    }

    func matches(_ c: Company, memo: inout [String: String]) -> Bool {
        func within(_ r: IdealCustomerProfile.NumericRange?, _ v: String?) -> Bool {
            guard let r else { return true }
            guard let x = Self.number(v) else { return false }
            if let min = r.min, x < min { return false }
            if let max = r.max, x > max { return false }
            return true
        }
        func member(_ set: Set<String>?, _ v: String?) -> Bool {
            guard let set else { return true }
            guard let v else { return false }
            if let t = memo[v] { return set.contains(t) }
            let t = Self.text(v)
            memo[v] = t
            return set.contains(t)
        }
        return member(industries, c.industry) && member(countries, c.country) && member(regions, c.region)
            && within(icp.employees, c.employees) && within(icp.annualRevenue, c.annualRevenue)
    }
}
