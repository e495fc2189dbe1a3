/// Which roles of an account's buying group have engaged contacts on a day, which are missing,
/// and who in the data could fill them (issue 26 §3).
///
/// A contact is *engaged* on `D` when one of its activities falls on a local day in the score
/// window `[D − (window_days − 1), D]` (kpis.md §engagement score, `engaged_contacts`).
public struct BuyingGroupCoverage: Sendable, Equatable {
    public struct Slot: Sendable, Equatable {
        public var requirement: BuyingGroupRules.Requirement
        /// Engaged contacts filling it, by ID.
        public var engaged: [String]
        /// When none is engaged: contacts of the company that would fill it, by ID (at most 3).
        public var suggested: [String]
    }

    public var companyId: String
    public var tier: Tier
    public var slots: [Slot]

    public var isFull: Bool { slots.allSatisfy { !$0.engaged.isEmpty } }
    public var missing: [Slot] { slots.filter { $0.engaged.isEmpty } }

    /// The coverage of every target on `day`, ordered by company ID.
    public static func compute(
        day: Day, targets: [TargetMembership], contacts: [Contact], activities: [RecentAccountActivity],
        rules: BuyingGroupRules, windowDays: Int
    ) -> [BuyingGroupCoverage] {
        let from = day - (max(windowDays, 1) - 1)
        var engaged = Set<String>()
        for a in activities where a.day >= from && a.day <= day { if let c = a.contactId { engaged.insert(c) } }
        var byCompany: [String: [Contact]] = [:]
        for c in contacts { byCompany[c.companyId, default: []].append(c) }
        var tierOf: [String: TargetMembership] = [:]
        for t in targets where t.isActive(on: day) {
            // kpis.md §Period: overlapping rows — the latest added_on decides.
            if let seen = tierOf[t.companyId], seen.addedOn >= t.addedOn { continue }
            tierOf[t.companyId] = t
        }
        let ids = tierOf.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return ids.map { id in
            account(
                companyId: id, tier: tierOf[id]!.tier, contacts: byCompany[id] ?? [], engaged: engaged, rules: rules)
        }
    }

    /// One account's coverage, given the IDs of the contacts engaged in the window.
    public static func account(
        companyId: String, tier: Tier, contacts: [Contact], engaged: Set<String>, rules: BuyingGroupRules
    ) -> BuyingGroupCoverage {
        let people = contacts.filter { $0.companyId == companyId }.sorted {
            $0.id.unicodeScalars.lexicographicallyPrecedes($1.id.unicodeScalars)
        }
        let slots = rules.requirements(for: tier).map { r in
            let fit = people.filter { r.isFilled(by: $0) }
            let on = fit.filter { engaged.contains($0.id) }.map(\.id)
            return Slot(requirement: r, engaged: on, suggested: on.isEmpty ? Array(fit.prefix(3).map(\.id)) : [])
        }
        return BuyingGroupCoverage(companyId: companyId, tier: tier, slots: slots)
    }

    /// Share of targets with every role covered, per tier and overall (null without targets).
    public static func summary(_ list: [BuyingGroupCoverage]) -> JSONValue {
        .object(
            CoverageCount.counts(list).map { c in
                (
                    c.group,
                    .object([
                        ("targets", .int(c.targets)), ("full_coverage", .int(c.full)),
                        ("share", c.share.map(JSONValue.number) ?? .null),
                    ])
                )
            })
    }

    public var json: JSONValue {
        .object([
            ("company_id", .string(companyId)), ("tier", .int(tier.rawValue)), ("full", .bool(isFull)),
            (
                "roles",
                .array(
                    slots.map { s in
                        .object([
                            ("requirement", .string(s.requirement.text)),
                            ("engaged", .array(s.engaged.map { .string($0) })),
                            ("suggested", .array(s.suggested.map { .string($0) })),
                        ])
                    })
            ),
        ])
    }
}

extension BuyingGroupCoverage {
    /// One row per account and requirement: `company_id,tier,requirement,engaged,suggested` (IDs
    /// separated by spaces).
    public static func csv(_ list: [BuyingGroupCoverage]) -> String {
        var out = "company_id,tier,requirement,engaged,suggested\n"
        for a in list {
            for s in a.slots {
                out +=
                    [
                        a.companyId, String(a.tier.rawValue), s.requirement.text, s.engaged.joined(separator: " "),
                        s.suggested.joined(separator: " "),
                    ].map { JourneyCSVRenderer.field(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
