import Foundation

/// `alerts.rules` as a workspace setting: checked when it is set, shown by `settings show` and
/// on the Settings page.
///
/// Why a check here: the evaluator reads the setting on every round of event batches and, on a
/// value it cannot read, alerts with the defaults (and logs it). A value is refused when it is
/// set instead, naming the field, so a typo never silently widens or narrows who is alerted.
extension AlertRules {
    public static let settingKey = "alerts.rules"

    public static let keys: [(key: String, help: String)] = [
        (
            settingKey,
            "alert rules as a JSON object: score_threshold, momentum_spike (0–100), cooldown_hours (0–8760), tiers ([1, 2, 3]), owners and segments (names; empty: all) (default {})"
        )
    ]

    public static func isKey(_ key: String) -> Bool { key == settingKey }

    /// Why `value` cannot be the rules, naming the field, or nil.
    public static func problem(value: String) -> String? {
        guard value.utf8.count <= 8_192 else { return "at most 8,192 bytes" }
        guard let o = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: Any] else {
            return "must be a JSON object, e.g. {\"tiers\": [1], \"segments\": [\"大手\"]}"
        }
        let known: Set<String> = [
            "score_threshold", "momentum_spike", "cooldown_hours", "tiers", "owners", "segments",
        ]
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            return "unknown field \(unknown); the fields are \(known.sorted().joined(separator: ", "))"
        }
        for field in ["score_threshold", "momentum_spike"] {
            guard let v = o[field] else { continue }
            guard let n = v as? NSNumber, !JSONValue.isBoolean(n), n.doubleValue.isFinite,
                (0...100).contains(n.doubleValue)
            else { return "\(field) must be a number from 0 to 100" }
        }
        if let v = o["cooldown_hours"] {
            guard let n = v as? NSNumber, !JSONValue.isBoolean(n), n.doubleValue == n.doubleValue.rounded(),
                (0...8_760).contains(n.doubleValue)
            else { return "cooldown_hours must be a whole number of hours from 0 to 8760" }
        }
        if let v = o["tiers"] {
            guard let list = v as? [NSNumber], list.count <= 3,
                list.allSatisfy({ !JSONValue.isBoolean($0) && [1.0, 2.0, 3.0].contains($0.doubleValue) })
            else { return "tiers must be a list of 1, 2 and 3" }
        }
        if let v = o["owners"] {
            guard let list = v as? [String], list.count <= 100,
                list.allSatisfy({ !$0.isEmpty && $0.count <= 120 && !$0.contains(where: \.isNewline) })
            else { return "owners must be a list of at most 100 names of 1 to 120 characters" }
        }
        if let v = o["segments"] {
            guard let list = v as? [String], list.count <= 20 else {
                return "segments must be a list of at most 20 saved segment names"
            }
            for name in list {
                if let why = SavedSegment.nameProblem(name) { return "segments: \(why)" }
            }
        }
        return nil
    }
}
