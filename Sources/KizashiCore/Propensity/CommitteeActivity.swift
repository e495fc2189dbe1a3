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
    }

    private var byCompany: [String: [Touch]] = [:]

    public init(_ activities: [RecentAccountActivity] = []) {
        for a in activities {
            guard let c = a.contactId else { continue }
            byCompany[a.companyId, default: []].append(Touch(day: a.day, contact: c, role: a.role))
        }
        for k in byCompany.keys { byCompany[k]!.sort { $0.day < $1.day } }
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
