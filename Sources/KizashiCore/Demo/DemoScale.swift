/// How big a demo workspace is. Sizes are targets the generator calibrates to (the realised counts
/// land within a few percent), chosen so that `small` loads instantly, `medium` looks like a real
/// mid-market customer, and `large` exercises the store and KPI engine at the 10M-activity mark.
public enum DemoScale: String, CaseIterable, Sendable {
    case small, medium, large

    /// Companies in the universe, duplicates included.
    public var companyCount: Int {
        switch self {
        case .small: 1_000
        case .medium: 20_000
        case .large: 100_000
        }
    }

    /// Activities over the 15 months, unresolved ones included.
    public var activityCount: Int {
        switch self {
        case .small: 50_000
        case .medium: 2_000_000
        case .large: 10_000_000
        }
    }

    /// Intent rows: about a tenth of the activities, as vendors' feeds are sparser than web tracking.
    public var intentCount: Int { activityCount / 10 }

    /// Campaigns over the 15 months.
    public var campaignCount: Int {
        switch self {
        case .small: 12
        case .medium: 30
        case .large: 48
        }
    }

    /// Digits of activity IDs: `A0000001` up to ten million, one more digit for `large`.
    var activityIDWidth: Int { self == .large ? 8 : 7 }
}
