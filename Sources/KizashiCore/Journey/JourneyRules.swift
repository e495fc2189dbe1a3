/// The rules that place an account in a journey stage (docs/journeys.md §Stages), read from the
/// workspace settings like `AttributionParameters`: they are not scoring parameters, so the KPI
/// JSON does not change when they do. Where a rule has no key set it takes the KPI's own value
/// (`window_days`, `engaged_threshold`), so by default stages use the KPIs' windows.
///
/// - `journey.aware_window_days` (1…3650; default `window_days`): Aware = any activity on a local
///   day in `[D − (aware_window_days − 1), D]`.
/// - `journey.engaged_threshold` (0…100; default `engaged_threshold`): Engaged = score(D) ≥ it.
/// - `journey.qualified_window_days` (1…3650; default `window_days`): the window of the
///   Qualified signals.
/// - `journey.qualified_signals` (default `sql,meeting,decision_maker`): which signals qualify,
///   comma-separated, at least one, each at most once.
/// - `journey.customer_won_days` (0…3650; default 365): a won deal closed in the last that many
///   days makes a Customer (0: only active contracts do).
/// - `journey.name.<stage>` (at most 40 characters, no control characters; empty or unset = the
///   localised name): the name shown for a stage in every language.
public struct JourneyRules: Sendable, Equatable {
    public enum QualifiedSignal: String, CaseIterable, Sendable {
        case sql
        case meeting
        case decisionMaker = "decision_maker"
    }

    public var awareWindowDays: Int
    public var engagedThreshold: Double
    public var qualifiedWindowDays: Int
    public var qualifiedSignals: [QualifiedSignal] = QualifiedSignal.allCases
    public var customerWonDays = 365
    /// Custom stage names by stage key; a stage without one shows its L10n name.
    public var names: [String: String] = [:]

    public static let maxWindowDays = 3650
    public static let maxNameLength = 40

    /// The defaults: the KPIs' score window and engaged threshold.
    public init(parameters: ScoringParameters = ScoringParameters()) {
        awareWindowDays = parameters.windowDays
        engagedThreshold = parameters.engagedThreshold
        qualifiedWindowDays = parameters.windowDays
    }

    /// Reads the settings; a stored value `WorkspaceSettings.validate` would refuse falls back to
    /// the default, so a report never fails on a setting.
    public init(settings: [String: String], parameters: ScoringParameters) {
        self.init(parameters: parameters)
        if let v = settings[Self.awareWindowKey], let n = Self.window(v) { awareWindowDays = n }
        if let v = settings[Self.engagedThresholdKey], let x = Self.threshold(v) { engagedThreshold = x }
        if let v = settings[Self.qualifiedWindowKey], let n = Self.window(v) { qualifiedWindowDays = n }
        if let v = settings[Self.qualifiedSignalsKey], let s = Self.signals(v) { qualifiedSignals = s }
        if let v = settings[Self.customerWonDaysKey], let n = Self.wonDays(v) { customerWonDays = n }
        for stage in JourneyStage.allCases {
            if let v = settings[Self.nameKey(stage)], let name = Self.name(v) { names[stage.key] = name }
        }
    }

    public static let awareWindowKey = "journey.aware_window_days"
    public static let engagedThresholdKey = "journey.engaged_threshold"
    public static let qualifiedWindowKey = "journey.qualified_window_days"
    public static let qualifiedSignalsKey = "journey.qualified_signals"
    public static let customerWonDaysKey = "journey.customer_won_days"
    public static func nameKey(_ stage: JourneyStage) -> String { "journey.name.\(stage.key)" }

    /// The keys and their help, for `kizashi settings show` and the Settings page.
    public static let keys: [(key: String, help: String)] =
        [
            (awareWindowKey, "journey: days in which any activity makes a target Aware (default window_days)"),
            (engagedThresholdKey, "journey: score at which a target is Engaged (default engaged_threshold)"),
            (qualifiedWindowKey, "journey: days in which a Qualified signal counts (default window_days)"),
            (
                qualifiedSignalsKey,
                "journey: signals that make a target Qualified, of sql, meeting, decision_maker (default all)"
            ),
            (
                customerWonDaysKey,
                "journey: days a won deal keeps an account a Customer; 0 = contracts only (default 365)"
            ),
        ]
        + JourneyStage.allCases.map { (nameKey($0), "journey: display name of the \($0.key) stage (default built in)") }

    public func describe() -> [(key: String, value: String)] {
        [
            (Self.awareWindowKey, String(awareWindowDays)),
            (Self.engagedThresholdKey, JSONValue.format(engagedThreshold)),
            (Self.qualifiedWindowKey, String(qualifiedWindowDays)),
            (Self.qualifiedSignalsKey, qualifiedSignals.map(\.rawValue).joined(separator: ",")),
            (Self.customerWonDaysKey, String(customerWonDays)),
        ] + JourneyStage.allCases.map { (Self.nameKey($0), names[$0.key] ?? "") }
    }

    /// Why a value is refused, or nil when it is valid.
    public static func problem(key: String, value: String) -> String? {
        switch key {
        case awareWindowKey, qualifiedWindowKey:
            return window(value) == nil ? "must be a whole number from 1 to \(maxWindowDays)" : nil
        case engagedThresholdKey:
            return threshold(value) == nil ? "must be a number from 0 to 100" : nil
        case qualifiedSignalsKey:
            return signals(value) == nil
                ? "must be one or more of sql, meeting, decision_maker, comma-separated, each at most once" : nil
        case customerWonDaysKey:
            return wonDays(value) == nil ? "must be a whole number from 0 to \(maxWindowDays)" : nil
        default:
            if JourneyStage.allCases.contains(where: { nameKey($0) == key }) {
                // Empty = the built-in name again (the Settings page posts every field).
                return value.trimmingASCIIWhitespace().isEmpty || name(value) != nil
                    ? nil : "must be at most \(maxNameLength) characters without control characters"
            }
            return "unknown key"
        }
    }

    /// True for every key this type reads.
    public static func isKey(_ key: String) -> Bool { keys.contains { $0.key == key } }

    static func window(_ v: String) -> Int? {
        guard let n = Int(v.trimmingASCIIWhitespace()), (1...maxWindowDays).contains(n) else { return nil }
        return n
    }

    static func wonDays(_ v: String) -> Int? {
        guard let n = Int(v.trimmingASCIIWhitespace()), (0...maxWindowDays).contains(n) else { return nil }
        return n
    }

    static func threshold(_ v: String) -> Double? {
        guard let x = Double(v.trimmingASCIIWhitespace()), x.isFinite, x >= 0, x <= 100 else { return nil }
        return x
    }

    static func signals(_ v: String) -> [QualifiedSignal]? {
        var seen: [QualifiedSignal] = []
        for part in v.split(separator: ",", omittingEmptySubsequences: false) {
            guard let s = QualifiedSignal(rawValue: part.trimmingASCIIWhitespace()), !seen.contains(s) else {
                return nil
            }
            seen.append(s)
        }
        return seen.isEmpty ? nil : QualifiedSignal.allCases.filter(seen.contains)
    }

    static func name(_ v: String) -> String? {
        let s = v.trimmingASCIIWhitespace()
        guard !s.isEmpty, s.count <= maxNameLength,
            !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return s
    }

    /// The rules as JSON (docs/journeys.md §Output `rules`).
    public var json: JSONValue {
        .object([
            ("aware_window_days", .int(awareWindowDays)), ("engaged_threshold", .number(engagedThreshold)),
            ("qualified_window_days", .int(qualifiedWindowDays)),
            ("qualified_signals", .array(qualifiedSignals.map { .string($0.rawValue) })),
            ("customer_won_days", .int(customerWonDays)),
        ])
    }

    /// The longest look-back a rule needs in the KPI dataset before a day (the score window
    /// included). Won deals are not in it: the stages read every opportunity.
    public func lookbackDays(_ p: ScoringParameters) -> Int {
        max(p.windowDays, awareWindowDays, qualifiedWindowDays)
    }
}
