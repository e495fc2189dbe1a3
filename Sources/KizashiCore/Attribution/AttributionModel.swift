/// The seven attribution models of attribution.md §Models, in the order the CLI and the JSON
/// list them.
public enum AttributionModel: String, CaseIterable, Sendable {
    case linear
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    case uShaped = "u_shaped"
    case wShaped = "w_shaped"
    case timeDecay = "time_decay"
    case markov

    /// Position in `allCases`: per-model arrays are indexed by it.
    public var index: Int {
        switch self {
        case .linear: 0
        case .firstTouch: 1
        case .lastTouch: 2
        case .uShaped: 3
        case .wShaped: 4
        case .timeDecay: 5
        case .markov: 6
        }
    }

    /// The rule-based models (credits from positions and days only).
    public static let positional: [AttributionModel] = [
        .linear, .firstTouch, .lastTouch, .uShaped, .wShaped, .timeDecay,
    ]
}

extension AttributionModel {
    /// The models a `--model` / `model=` value names: one model's name, or `all` (every model).
    public static func selection(_ text: String) -> [AttributionModel]? {
        let t = text.trimmingASCIIWhitespace()
        if t == "all" { return allCases }
        return AttributionModel(rawValue: t).map { [$0] }
    }

    /// The accepted values, for messages.
    public static var selectionNames: String { (allCases.map(\.rawValue) + ["all"]).joined(separator: ", ") }
}
