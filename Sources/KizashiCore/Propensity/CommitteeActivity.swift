/// Who at each target account was active on which day, with their role: the buying-committee
/// breadth of the "approach now" list, as of any past day, so the propensity model and the rule
/// score see the factor the list shows. A buying group engages several people, a decision maker
/// among them; one enthusiastic reader is noise — the difference the engagement score (a count
/// of touches) cannot see.
public struct CommitteeActivity: Sendable {
    struct Touch: Sendable {
        var day: Day
        var contact: String
        var role: ContactRole?
        var department: String?
    }

    private var byCompany: [String: [Touch]] = [:]
    /// Days of pricing-page visits per company, sorted (the roll-ups count web visits, not pages).
    private var pricing: [String: [Day]] = [:]

    /// From touches and pricing days already grouped per company (`Builder`); both are sorted here.
    init(byCompany: [String: [Touch]], pricing: [String: [Day]]) {
        self.byCompany = byCompany
        self.pricing = pricing
        for k in self.byCompany.keys { self.byCompany[k]!.sort { $0.day < $1.day } }
        for k in self.pricing.keys { self.pricing[k]!.sort() }
    }

    public init(_ activities: [RecentAccountActivity] = []) {
        var (byCompany, pricing): ([String: [Touch]], [String: [Day]]) = ([:], [:])
        for a in activities {
            if a.isPricingVisit { pricing[a.companyId, default: []].append(a.day) }
            guard let c = a.contactId else { continue }
            byCompany[a.companyId, default: []].append(
                Touch(day: a.day, contact: c, role: a.role, department: a.department))
        }
        self.init(byCompany: byCompany, pricing: pricing)
    }

    /// Pricing-page visits in the `days` days ending on `day`, and the last one on or before it.
    public func pricingVisits(companyId: String, on day: Day, days: Int = 7) -> (count: Int, last: Day?) {
        guard let v = pricing[companyId] else { return (0, nil) }
        let end = Self.firstIndex(v.count) { v[$0] > day }
        let start = Self.firstIndex(v.count) { v[$0] >= day - (days - 1) }
        return (max(0, end - start), end > 0 ? v[end - 1] : nil)
    }

    /// Distinct departments of the people active in the `days` days ending on `day`.
    public func departments(companyId: String, on day: Day, days: Int = 7) -> Int {
        guard let touches = byCompany[companyId] else { return 0 }
        let lo = Self.firstIndex(touches.count) { touches[$0].day >= day - (days - 1) }
        var seen = Set<String>()
        var i = lo
        while i < touches.count && touches[i].day <= day {
            if let d = touches[i].department { seen.insert(d) }
            i += 1
        }
        return seen.count
    }

    /// The first index in 0..<count where `isAfter` holds (it holds from some index on).
    static func firstIndex(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// On the `days` local days ending on `day`: the committee factor of ApproachNowList
    /// (min(1, (decision makers + ½ influencers) / 2)) and the number of distinct people active.
    public func breadth(companyId: String, on day: Day, days: Int = 7) -> (committee: Double, contacts: Int) {
        guard let touches = byCompany[companyId] else { return (0, 0) }
        let from = day - (days - 1)
        // First touch on or after `from` (binary search: touches are sorted by day).
        var lo = 0, hi = touches.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if touches[mid].day < from { lo = mid + 1 } else { hi = mid }
        }
        var roles: [String: ContactRole?] = [:]
        var i = lo
        while i < touches.count && touches[i].day <= day {
            roles[touches[i].contact] = touches[i].role
            i += 1
        }
        let dms = roles.values.filter { $0 == .decisionMaker }.count
        let influencers = roles.values.filter { $0 == .influencer }.count
        return (min(1, (Double(dms) + 0.5 * Double(influencers)) / 2), roles.count)
    }
}
