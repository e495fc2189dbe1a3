/// The attribution settings of attribution.md §Inputs and parameters, read from the workspace
/// settings like `CollectorPolicy`: they are not scoring parameters, so `ScoringParameters`
/// does not carry them and the KPI JSON does not change when they do.
///
/// - `attribution.lookback_days` (default 90, 0…3650): a touch counts for an opportunity when its
///   local day is in `[created_on − lookback_days, created_on]`.
/// - `attribution.touch_types` (default `web_visit,email_click,content_view,ad_click,form_submit,
///   event_attend`): the activity types that are touches, comma-separated, at least one, no
///   repeats. `email_open` is left out by default (opens are unreliable) but may be added.
/// - `attribution.half_life_days` (default 7, > 0 and ≤ 3650): half-life of the time-decay model.
///
/// The bounds keep day arithmetic far from `Int32` overflow and weights far from underflow.
public struct AttributionParameters: Sendable, Equatable {
    public var lookbackDays = 90
    /// In `ActivityType.allCases` order (the order of the default), without repeats.
    public var touchTypes: [ActivityType] = AttributionParameters.defaultTouchTypes
    public var halfLifeDays = 7.0

    public static let defaultTouchTypes: [ActivityType] = [
        .webVisit, .emailClick, .contentView, .adClick, .formSubmit, .eventAttend,
    ]
    public static let maxLookbackDays = 3650
    public static let maxHalfLifeDays = 3650.0

    public init() {}

    public init(lookbackDays: Int, touchTypes: [ActivityType], halfLifeDays: Double) {
        self.lookbackDays = lookbackDays
        self.touchTypes = ActivityType.allCases.filter(touchTypes.contains)
        self.halfLifeDays = halfLifeDays
    }

    /// Reads the settings; a stored value `WorkspaceSettings.validate` would refuse falls back to
    /// the default (as `CollectorPolicy(settings:)` does), so a report never fails on a setting.
    public init(settings: [String: String]) {
        if let v = settings[Self.lookbackKey], let n = Self.lookback(v) { lookbackDays = n }
        if let v = settings[Self.touchTypesKey], let t = Self.types(v) { touchTypes = t }
        if let v = settings[Self.halfLifeKey], let h = Self.halfLife(v) { halfLifeDays = h }
    }

    public static let lookbackKey = "attribution.lookback_days"
    public static let touchTypesKey = "attribution.touch_types"
    public static let halfLifeKey = "attribution.half_life_days"

    /// The keys and their help, for `kizashi settings show` and the Settings page.
    public static let keys: [(key: String, help: String)] = [
        (lookbackKey, "days before an opportunity's creation in which touches count (default 90)"),
        (
            touchTypesKey,
            "activity types that are attribution touches, comma-separated (default all but email_open)"
        ),
        (halfLifeKey, "half-life in days of the time-decay attribution model (default 7)"),
    ]

    public func describe() -> [(key: String, value: String)] {
        [
            (Self.lookbackKey, String(lookbackDays)),
            (Self.touchTypesKey, touchTypes.map(\.rawValue).joined(separator: ",")),
            (Self.halfLifeKey, JSONValue.format(halfLifeDays)),
        ]
    }

    /// Why a value is refused, or nil when it is valid.
    public static func problem(key: String, value: String) -> String? {
        switch key {
        case lookbackKey:
            return lookback(value) == nil ? "must be a whole number from 0 to \(maxLookbackDays)" : nil
        case touchTypesKey:
            let names = ActivityType.allCases.map(\.rawValue).joined(separator: ", ")
            return types(value) == nil
                ? "must be one or more of \(names), comma-separated, each at most once" : nil
        case halfLifeKey:
            return halfLife(value) == nil
                ? "must be a number > 0 and ≤ \(JSONValue.format(maxHalfLifeDays))" : nil
        default: return "unknown key"
        }
    }

    static func lookback(_ v: String) -> Int? {
        guard let n = Int(v.trimmingASCIIWhitespace()), (0...maxLookbackDays).contains(n) else { return nil }
        return n
    }

    static func halfLife(_ v: String) -> Double? {
        guard let x = Double(v.trimmingASCIIWhitespace()), x.isFinite, x > 0, x <= maxHalfLifeDays else {
            return nil
        }
        return x
    }

    static func types(_ v: String) -> [ActivityType]? {
        var seen: [ActivityType] = []
        for part in v.split(separator: ",", omittingEmptySubsequences: false) {
            guard let t = ActivityType(rawValue: part.trimmingASCIIWhitespace()), !seen.contains(t) else { return nil }
            seen.append(t)
        }
        return seen.isEmpty ? nil : ActivityType.allCases.filter(seen.contains)
    }

    /// attribution.md §Output `parameters`.
    public var json: JSONValue {
        .object([
            ("lookback_days", .int(lookbackDays)), ("half_life_days", .number(halfLifeDays)),
            ("touch_types", .array(touchTypes.map { .string($0.rawValue) })),
        ])
    }
}
