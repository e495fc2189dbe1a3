/// The buying-group KPI of one group of targets (all, or one tier): the targets and those with
/// every role of their tier engaged. Counted once here for the JSON summary, the trend's CSV and
/// its table.
public struct CoverageCount: Sendable, Equatable {
    /// `all`, or the tier's number (`1`, `2`, `3`).
    public var group: String
    public var targets: Int
    public var full: Int

    /// `full / targets`; nil without targets.
    public var share: Double? { targets == 0 ? nil : Double(full) / Double(targets) }

    /// The counts overall (`all`) and per tier, in that order.
    public static func counts(_ list: [BuyingGroupCoverage]) -> [CoverageCount] {
        func count(_ group: String, _ l: [BuyingGroupCoverage]) -> CoverageCount {
            CoverageCount(group: group, targets: l.count, full: l.filter(\.isFull).count)
        }
        return [count("all", list)] + Tier.allCases.map { t in count(String(t.rawValue), list.filter { $0.tier == t }) }
    }
}
