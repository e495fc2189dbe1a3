/// The ICP as a form a marketer fills in (issue 22 §3): industries, countries and prefectures
/// picked from the values the workspace's own companies carry, employee and revenue ranges typed
/// as people write numbers (`1,200`, `5000万`). The form's fields are outside input: every value
/// is bounded and checked, and the result is the same `IdealCustomerProfile` icp.json gives.
public enum ICPForm {
    /// The choices offered: each field's distinct values among the companies, most frequent
    /// first (ties by value), at most `maxChoices` each.
    public struct Choices: Sendable, Equatable {
        public var industries: [String]
        public var countries: [String]
        public var regions: [String]

        public init(industries: [String], countries: [String], regions: [String]) {
            self.industries = industries
            self.countries = countries
            self.regions = regions
        }
    }

    public static let maxChoices = 200
    /// The most values a submitted list may hold, and the longest one.
    public static let maxValues = 500
    public static let maxValueLength = 200

    public struct Invalid: Error, CustomStringConvertible, Sendable, Equatable {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    public static func choices(_ companies: [Company], keeping icp: IdealCustomerProfile?) -> Choices {
        func top(_ values: [String?], _ chosen: [String]?) -> [String] {
            var counts: [String: Int] = [:]
            for v in values {
                guard let v = v?.trimmingASCIIWhitespace(), !v.isEmpty else { continue }
                counts[v, default: 0] += 1
            }
            var list = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(maxChoices)
                .map(\.key)
            // A value the saved ICP names stays offered (ticked) even when no company has it now.
            for c in chosen ?? [] where !list.contains(c) { list.append(c) }
            return list
        }
        return Choices(
            industries: top(companies.map(\.industry), icp?.industries),
            countries: top(companies.map(\.country), icp?.countries),
            regions: top(companies.map(\.region), icp?.regions))
    }

    /// The ICP the form describes: `industry`, `country` and `region` repeated for each ticked
    /// value; `employees_min/max`, `revenue_min/max` as numbers (empty = open). A field left
    /// empty does not constrain (nil), as in icp.json.
    public static func profile(
        lists: [String: [String]], numbers: [String: String]
    ) throws -> IdealCustomerProfile {
        func list(_ key: String) throws -> [String]? {
            let values = lists[key] ?? []
            guard values.count <= maxValues else {
                throw Invalid(field: key, reason: "at most \(maxValues) values")
            }
            var out: [String] = []
            for v in values {
                let t = v.trimmingASCIIWhitespace()
                guard !t.isEmpty else { continue }
                guard t.count <= maxValueLength, !t.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                    throw Invalid(
                        field: key,
                        reason: "a value is longer than \(maxValueLength) characters or has a control character")
                }
                if !out.contains(t) { out.append(t) }
            }
            return out.isEmpty ? nil : out
        }
        func range(_ minKey: String, _ maxKey: String, _ kind: KPIDefinition.Kind) throws
            -> IdealCustomerProfile.NumericRange?
        {
            let lo = try number(minKey, kind), hi = try number(maxKey, kind)
            if let lo, let hi, lo > hi { throw Invalid(field: maxKey, reason: "must be at least \(minKey)") }
            return lo == nil && hi == nil ? nil : .init(min: lo, max: hi)
        }
        // Read as KPI targets are (kpis.md: 1,200, 5000万 …), with their bounds.
        func number(_ key: String, _ kind: KPIDefinition.Kind) throws -> Double? {
            let t = (numbers[key] ?? "").trimmingASCIIWhitespace()
            guard !t.isEmpty else { return nil }
            guard case .success(let x) = KPITargetInput.parse(t, kind: kind), x >= 0 else {
                throw Invalid(
                    field: key,
                    reason: "\"\(OutsideText.shown(t, limit: 40))\" is not a number from 0 (e.g. 300, 1,200 or 5000万)")
            }
            return x
        }
        return IdealCustomerProfile(
            industries: try list("industry"), employees: try range("employees_min", "employees_max", .count),
            annualRevenue: try range("revenue_min", "revenue_max", .money), countries: try list("country"),
            regions: try list("region"))
    }
}
