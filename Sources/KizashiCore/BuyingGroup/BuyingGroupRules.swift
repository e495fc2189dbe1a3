/// The roles a buying group needs, per tier (issue 26 §3), read from the workspace settings like
/// `JourneyRules`:
///
/// - `buying_group.tier1`, `buying_group.tier2`, `buying_group.tier3` (default
///   `decision_maker,influencer,user` each): comma-separated requirements, 1 to 10, each a contact
///   role (`decision_maker`, `influencer`, `user`, `other`, or `any`) optionally followed by
///   `@department` (e.g. `decision_maker,influencer@情報システム部`): a contact fills it when its
///   role matches and, with a department, its department contains that text (ASCII case ignored).
public struct BuyingGroupRules: Sendable, Equatable {
    public struct Requirement: Sendable, Equatable, Hashable {
        /// nil = any role.
        public var role: ContactRole?
        public var department: String?

        public init(role: ContactRole?, department: String? = nil) {
            self.role = role
            self.department = department
        }

        /// The requirement as written in the settings (`role` or `role@department`).
        public var text: String { (role?.rawValue ?? "any") + (department.map { "@\($0)" } ?? "") }

        public func isFilled(by c: Contact) -> Bool {
            if let role, c.role != role { return false }
            guard let department else { return true }
            guard let d = c.department else { return false }
            return d.lowercased().contains(department.lowercased())
        }
    }

    public static let defaultRequirements: [Requirement] = [
        Requirement(role: .decisionMaker), Requirement(role: .influencer), Requirement(role: .user),
    ]
    public static let maxRequirements = 10
    public static let maxDepartmentLength = 40

    /// Requirements per tier (index 0 = tier 1).
    public var requirements: [[Requirement]] = Array(repeating: defaultRequirements, count: 3)

    public init() {}

    /// Reads the settings; a stored value that would be refused falls back to the default.
    public init(settings: [String: String]) {
        for t in Tier.allCases {
            if let v = settings[Self.key(t)], let r = Self.parse(v) { requirements[t.rawValue - 1] = r }
        }
    }

    public func requirements(for tier: Tier) -> [Requirement] { requirements[tier.rawValue - 1] }

    public static func key(_ tier: Tier) -> String { "buying_group.tier\(tier.rawValue)" }

    public static let keys: [(key: String, help: String)] = Tier.allCases.map {
        (
            key($0),
            "buying group roles tier \($0.rawValue) needs, e.g. decision_maker,influencer@情報システム部 (default decision_maker,influencer,user)"
        )
    }

    public static func isKey(_ key: String) -> Bool { keys.contains { $0.key == key } }

    public func describe() -> [(key: String, value: String)] {
        Tier.allCases.map { (Self.key($0), requirements(for: $0).map(\.text).joined(separator: ",")) }
    }

    /// Why a value is refused, or nil when it is valid.
    public static func problem(key: String, value: String) -> String? {
        guard isKey(key) else { return "unknown key" }
        return parse(value) == nil
            ? "must be 1 to \(maxRequirements) comma-separated roles (decision_maker, influencer, user, other, any), each optionally @department (at most \(maxDepartmentLength) characters), each at most once"
            : nil
    }

    static func parse(_ v: String) -> [Requirement]? {
        var out: [Requirement] = []
        for part in v.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingASCIIWhitespace()
            let pieces = item.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let roleText = pieces[0].trimmingASCIIWhitespace()
            let role: ContactRole?
            if roleText == "any" {
                role = nil
            } else if let r = ContactRole(rawValue: roleText) {
                role = r
            } else {
                return nil
            }
            var department: String?
            if pieces.count == 2 {
                let d = pieces[1].trimmingASCIIWhitespace()
                guard !d.isEmpty, d.count <= maxDepartmentLength,
                    !d.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else { return nil }
                department = d
            }
            let r = Requirement(role: role, department: department)
            guard !out.contains(r) else { return nil }
            out.append(r)
        }
        return out.isEmpty || out.count > maxRequirements ? nil : out
    }
}
