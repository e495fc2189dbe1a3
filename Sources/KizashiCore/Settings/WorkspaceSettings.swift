/// Workspace settings ↔ scoring parameters.
///
/// Settings are stored as text key/value pairs so every backend stores them the same way and a
/// user can read them (`kizashi settings show`). Keys are those of kpis.md §Output `parameters`;
/// a weight is set per activity type as `weights.<type>` (e.g. `weights.form_submit`).
public enum WorkspaceSettings {
    /// Every settable key, with a one-line description for `settings show` and the docs.
    public static let keys: [(key: String, help: String)] =
        [
            ("time_zone", "IANA time zone for local dates (default Asia/Tokyo)"),
            ("half_life_days", "engagement decay half-life in days (default 30)"),
            ("window_days", "engagement score window in days (default 90)"),
            ("score_scale", "engagement score scale (default 50)"),
            ("engaged_threshold", "score at which an account counts as engaged (default 40)"),
            ("freshness_days", "verified_on age that counts as fresh (default 180)"),
            ("surge_min_current", "minimum current intent mean for a surge (default 60)"),
            ("surge_min_delta", "minimum rise over the baseline for a surge (default 20)"),
            ("gross_margin", "gross margin used in LTV (default 0.7)"),
            ("lifetime_cap_years", "cap of customer lifetime in LTV (default 10)"),
            ("currency", "workspace currency code (default JPY)"),
        ] + ActivityType.allCases.map { ("weights.\($0.rawValue)", "engagement weight of \($0.rawValue)") }
        + CollectorPolicy.keys + AttributionParameters.keys + JourneyRules.keys + BuyingGroupRules.keys
        + DigestDeliverySettings.keys + CRMSyncSettings.keys + AlertRules.keys

    public struct InvalidSetting: Error, CustomStringConvertible, Sendable {
        public var key: String
        public var value: String
        public var reason: String
        public var description: String { "setting \(key) = \"\(value)\": \(reason)" }
    }

    /// Reads parameters from stored settings; unknown keys are ignored, missing keys take defaults.
    public static func parameters(from settings: [String: String]) throws -> ScoringParameters {
        var p = ScoringParameters()
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            try apply(key: key, value: value, to: &p)
        }
        return p
    }

    /// Validates one setting, returning its canonical text. Throws `InvalidSetting` with a reason.
    public static func validate(key: String, value: String) throws -> String {
        var p = ScoringParameters()
        guard keys.contains(where: { $0.key == key }) else {
            throw InvalidSetting(
                key: key, value: value, reason: "unknown key; known keys: \(keys.map(\.key).joined(separator: ", "))")
        }
        try apply(key: key, value: value, to: &p)
        return value.trimmingASCIIWhitespace()
    }

    /// The check of a setting that is not a scoring parameter, by the type that reads it
    /// (`CollectorPolicy(settings:)`, `AttributionParameters(settings:)`, `JourneyRules`,
    /// `BuyingGroupRules`, `DigestDeliverySettings`, `AlertEvaluator`'s `AlertRules`,
    /// `CRMSyncSettings`): the reason a value is refused, or nil. nil for any other key.
    static func checkOfSettingReadElsewhere(_ key: String) -> ((String) -> String?)? {
        switch key {
        case CollectorPolicy.keepQueryKey, CollectorPolicy.maxURLLengthKey:
            { CollectorPolicy.problem(key: key, value: $0) }
        case AttributionParameters.lookbackKey, AttributionParameters.touchTypesKey, AttributionParameters.halfLifeKey:
            { AttributionParameters.problem(key: key, value: $0) }
        case _ where JourneyRules.isKey(key): { JourneyRules.problem(key: key, value: $0) }
        case _ where BuyingGroupRules.isKey(key): { BuyingGroupRules.problem(key: key, value: $0) }
        case _ where DigestDeliverySettings.isKey(key): { DigestDeliverySettings.problem(key: key, value: $0) }
        case _ where AlertRules.isKey(key): { AlertRules.problem(value: $0) }
        case _ where CRMSyncSettings.isKey(key): { CRMSyncSettings.problem(key: key, value: $0) }
        default: nil
        }
    }

    /// The longest day window a setting takes (ten years), as the journey's and attribution's.
    public static let maxDays = 3650

    static func apply(key: String, value raw: String, to p: inout ScoringParameters) throws {
        let value = raw.trimmingASCIIWhitespace()
        func number(min: Double? = nil, max: Double? = nil, exclusiveMin: Bool = false) throws -> Double {
            guard let x = Double(value), x.isFinite else {
                throw InvalidSetting(key: key, value: raw, reason: "not a number")
            }
            if let min, exclusiveMin ? x <= min : x < min {
                throw InvalidSetting(
                    key: key, value: raw, reason: "must be \(exclusiveMin ? ">" : "≥") \(JSONValue.format(min))")
            }
            if let max, x > max {
                throw InvalidSetting(key: key, value: raw, reason: "must be ≤ \(JSONValue.format(max))")
            }
            return x
        }
        // Bounded above too: the windows are day arithmetic and arrays a day each, the surge
        // thresholds multiply counts, so a stored 9999999999 trapped every report.
        func integer(min: Int, max: Int) throws -> Int {
            guard let n = Int(value), n >= min, n <= max else {
                throw InvalidSetting(key: key, value: raw, reason: "must be a whole number from \(min) to \(max)")
            }
            return n
        }
        if let check = checkOfSettingReadElsewhere(key) {
            // Not a scoring parameter: its own type reads it; here it is only checked.
            if let reason = check(value) { throw InvalidSetting(key: key, value: raw, reason: reason) }
            return
        }
        switch key {
        case "time_zone":
            guard let tz = WorkspaceTimeZone(identifier: value) else {
                throw InvalidSetting(
                    key: key, value: raw, reason: "unknown time zone (use an IANA name such as Asia/Tokyo)")
            }
            p.timeZone = tz
        case "half_life_days": p.halfLifeDays = try number(min: 0, max: Double(Self.maxDays), exclusiveMin: true)
        case "window_days": p.windowDays = try integer(min: 1, max: Self.maxDays)
        case "score_scale": p.scoreScale = try number(min: 0, exclusiveMin: true)
        case "engaged_threshold": p.engagedThreshold = try number(min: 0, max: 100)
        case "freshness_days": p.freshnessDays = try integer(min: 0, max: Self.maxDays)
        // Intent scores are integers 0–100 (data-format.md §intent.csv).
        case "surge_min_current": p.surgeMinCurrent = try integer(min: 0, max: 100)
        case "surge_min_delta": p.surgeMinDelta = try integer(min: 0, max: 100)
        case "gross_margin": p.grossMargin = try number(min: 0, max: 1)
        case "lifetime_cap_years": p.lifetimeCapYears = try number(min: 0, max: 100, exclusiveMin: true)
        case "currency":
            guard value.count == 3, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw InvalidSetting(key: key, value: raw, reason: "must be a 3-letter ISO 4217 code such as JPY")
            }
            p.currency = value.uppercased()
        default:
            if key.hasPrefix("weights.") {
                let name = String(key.dropFirst("weights.".count))
                guard let type = ActivityType(rawValue: name) else {
                    throw InvalidSetting(key: key, value: raw, reason: "unknown activity type \(name)")
                }
                p.weights[type] = try number(min: 0)
            }
        // Unknown keys stored by a newer version are ignored.
        }
    }

    /// Every setting as text pairs, for `settings show` and the Settings page.
    public static func describe(_ settings: [String: String]) throws -> [(key: String, value: String)] {
        let p = try parameters(from: settings)
        return describe(p) + CollectorPolicy(settings: settings).describe()
            + AttributionParameters(settings: settings).describe()
            + JourneyRules(settings: settings, parameters: p).describe()
            + BuyingGroupRules(settings: settings).describe()
            + DigestDeliverySettings(settings: settings).describe()
            + CRMSyncSettings.providers.flatMap { CRMSyncSettings(settings: settings, provider: $0).describe() }
            + [(AlertRules.settingKey, settings[AlertRules.settingKey] ?? "{}")]
    }

    /// The parameters as text pairs, for `settings show`.
    public static func describe(_ p: ScoringParameters) -> [(key: String, value: String)] {
        var out: [(String, String)] = [
            ("time_zone", p.timeZone.identifier),
            ("half_life_days", JSONValue.format(p.halfLifeDays)),
            ("window_days", String(p.windowDays)),
            ("score_scale", JSONValue.format(p.scoreScale)),
            ("engaged_threshold", JSONValue.format(p.engagedThreshold)),
            ("freshness_days", String(p.freshnessDays)),
            ("surge_min_current", String(p.surgeMinCurrent)),
            ("surge_min_delta", String(p.surgeMinDelta)),
            ("gross_margin", JSONValue.format(p.grossMargin)),
            ("lifetime_cap_years", JSONValue.format(p.lifetimeCapYears)),
            ("currency", p.currency),
        ]
        for t in ActivityType.allCases { out.append(("weights.\(t.rawValue)", JSONValue.format(p.weight(t)))) }
        return out
    }
}
