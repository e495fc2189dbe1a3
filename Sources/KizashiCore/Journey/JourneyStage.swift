/// The journey stages of a target account (docs/journeys.md §Stages), in order: each stage is
/// further along than the one before, so "furthest stage whose rule holds" is the largest.
public enum JourneyStage: Int, CaseIterable, Sendable, Comparable, Codable {
    case target = 0
    case aware
    case engaged
    case qualified
    case opportunity
    case customer

    /// The key in JSON, CSV and the settings (`journey.name.<key>`).
    public var key: String {
        switch self {
        case .target: "target"
        case .aware: "aware"
        case .engaged: "engaged"
        case .qualified: "qualified"
        case .opportunity: "opportunity"
        case .customer: "customer"
        }
    }

    public init?(key: String) {
        guard let s = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = s
    }

    /// The stage after this one, nil for the last.
    public var next: JourneyStage? { JourneyStage(rawValue: rawValue + 1) }

    public static func < (a: JourneyStage, b: JourneyStage) -> Bool { a.rawValue < b.rawValue }
}
