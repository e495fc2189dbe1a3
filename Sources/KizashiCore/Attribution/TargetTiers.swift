/// A company's tier on a day (kpis.md §Period: the targets row active on the day; of overlapping
/// rows, the one with the latest `added_on`), asked per opportunity on its `created_on` day
/// (attribution.md edge case 1), so rows are grouped by company once.
public struct TargetTiers: Sendable {
    private let rows: [String: [TargetMembership]]

    public init(_ targets: [TargetMembership]) {
        rows = Dictionary(grouping: targets, by: \.companyId)
    }

    public func tier(of companyId: String, on day: Day) -> Tier? {
        var best: TargetMembership?
        for r in rows[companyId] ?? [] where r.isActive(on: day) {
            if best == nil || r.addedOn > best!.addedOn { best = r }
        }
        return best?.tier
    }

    /// Whether the company counts for a report of `tier` on `day`: any company without a tier,
    /// else only the companies in that tier of T on that day.
    public func counts(_ companyId: String, tier: Tier?, on day: Day) -> Bool {
        guard let tier else { return true }
        return self.tier(of: companyId, on: day) == tier
    }
}
