extension CommitteeActivity {
    /// Collects what the committee features use — who was active on which day, and the days of
    /// pricing-page visits — as a store reads its rows, with each person numbered instead of a
    /// whole `RecentAccountActivity` per row. The training reads 14 months of the targets'
    /// activities (4.3M rows at large scale); held as recent activities they were most of its
    /// peak memory (issue 20: ≤ 2 GB at large).
    public struct Builder: Sendable {
        private var touches: [String: [(day: Day, person: Int32)]] = [:]
        private var pricing: [String: [Day]] = [:]
        private var people = StringNumbering()

        public init() {}

        /// The contact IDs seen so far, by number: a store looks up their role and department.
        public var contactIds: [String] { people.strings }

        /// `contactId` was active at `companyId` on `day`.
        public mutating func addTouch(companyId: String, day: Day, contactId: String) {
            touches[companyId, default: []].append((day, people.number(of: contactId)))
        }

        /// A pricing-page visit at `companyId` on `day` (`RecentAccountActivity.isPricingVisit`).
        public mutating func addPricingVisit(companyId: String, day: Day) {
            pricing[companyId, default: []].append(day)
        }

        /// The committee activity, each person with their role and department (`contacts`, by
        /// contact ID; a person not there has neither, as in `recentActivities`).
        public func build(contacts: [String: (role: ContactRole?, department: String?)]) -> CommitteeActivity {
            let ids = people.strings
            let known = ids.map { contacts[$0] }
            var byCompany: [String: [Touch]] = [:]
            byCompany.reserveCapacity(touches.count)
            for (company, rows) in touches {
                byCompany[company] = rows.map { row in
                    let p = Int(row.person)
                    let c = known[p]
                    return Touch(day: row.day, contact: ids[p], role: c?.role, department: c?.department)
                }
            }
            return CommitteeActivity(byCompany: byCompany, pricing: pricing)
        }
    }
}
