import Foundation

/// A saved segment's rule: a conjunction of conditions over one account's facts on a day
/// (docs/segments.md). Written as text people type and read back, e.g.
/// `tier:1 stage>=engaged surge:セキュリティ missing:decision_maker employees>=300`.
public struct SegmentRule: Sendable, Equatable {
    public var conditions: [SegmentCondition]

    public init(conditions: [SegmentCondition]) { self.conditions = conditions }

    /// Parses the written form (`SegmentRuleParser`: bounded, strict).
    public init(text: String) throws(SegmentRuleError) { self = try SegmentRuleParser.parse(text) }

    /// The canonical written form: parses back to this rule.
    public var text: String { conditions.map(\.text).joined(separator: " ") }

    public var json: JSONValue { .object([("text", .string(text)), ("conditions", .array(conditions.map(\.json)))]) }

    /// True when every condition holds (an empty rule holds for every target account).
    public func matches(_ facts: SegmentFacts) -> Bool { conditions.allSatisfy { $0.holds(for: facts) } }
}

/// Why a rule's text was refused: the condition (its number, from 1, and its text) and the reason.
public struct SegmentRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0 when the problem is the whole text (too long, too many conditions).
    public var position: Int
    public var condition: String
    public var reason: String

    public init(position: Int, condition: String, reason: String) {
        self.position = position
        self.condition = condition
        self.reason = reason
    }

    public var description: String {
        position == 0 ? "segment rule: \(reason)" : "segment rule, condition \(position) \"\(condition)\": \(reason)"
    }
}

/// The strict reader of the written form. Bounded: at most `maxLength` characters, `maxConditions`
/// conditions and `maxValues` values a condition, so a hostile rule costs little to refuse.
public enum SegmentRuleParser {
    public static let maxLength = 1000
    public static let maxConditions = 30
    public static let maxValues = 50
    public static let fields = [
        "tier", "icp", "industry", "employees", "prefecture", "country", "score", "change", "stage", "surging",
        "surge", "topic", "coverage", "missing",
    ]

    public static func parse(_ text: String) throws(SegmentRuleError) -> SegmentRule {
        guard text.unicodeScalars.count <= maxLength else {
            throw SegmentRuleError(position: 0, condition: "", reason: "longer than \(maxLength) characters")
        }
        let words = try split(text)
        guard words.count <= maxConditions else {
            throw SegmentRuleError(
                position: 0, condition: "", reason: "\(words.count) conditions, at most \(maxConditions)")
        }
        var out: [SegmentCondition] = []
        for (i, w) in words.enumerated() {
            do { out.append(try condition(w)) } catch let reason {
                throw SegmentRuleError(position: i + 1, condition: w, reason: reason.text)
            }
        }
        return SegmentRule(conditions: out)
    }

    struct Reason: Error { var text: String }

    /// Whitespace separates conditions except inside double quotes.
    static func split(_ text: String) throws(SegmentRuleError) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            if ch.isWhitespace && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if quoted {
            throw SegmentRuleError(position: words.count + 1, condition: current, reason: "a quote is not closed")
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func condition(_ w: String) throws(Reason) -> SegmentCondition {
        if w == "surging" { return .surging([]) }
        let field = String(w.prefix { $0.isLetter && $0.isASCII })
        let rest = w.dropFirst(field.count)
        guard fields.contains(field) else {
            throw Reason(text: "unknown condition \"\(field)\" (known: \(fields.joined(separator: ", ")))")
        }
        let op: String, value: Substring
        if rest.hasPrefix(">=") || rest.hasPrefix("<=") {
            op = String(rest.prefix(2))
            value = rest.dropFirst(2)
        } else if rest.hasPrefix(":") {
            op = ":"
            value = rest.dropFirst()
        } else {
            throw Reason(text: "expected \":\", \">=\" or \"<=\" after \"\(field)\"")
        }
        let bound = SegmentCondition.Bound(rawValue: op)
        switch (field, bound) {
        case ("employees", let b?): return .employees(b, try integer(value))
        case ("score", let b?): return .score(b, try number(value))
        case ("change", let b?): return .change(b, try number(value))
        case ("stage", let b?): return .stageBound(b, try stage(String(value)))
        case (_, nil): break
        default: throw Reason(text: "\"\(field)\" takes \":\", not \"\(op)\"")
        }
        let values = try list(value)
        switch field {
        case "tier":
            var tiers = Set<Tier>()
            for v in values {
                guard let n = Int(v), let t = Tier(rawValue: n) else {
                    throw Reason(text: "tier \"\(v)\" is not 1, 2 or 3")
                }
                tiers.insert(t)
            }
            return .tier(tiers)
        case "icp":
            guard values.count == 1, let b = ["yes": true, "no": false][values[0]] else {
                throw Reason(text: "icp is yes or no")
            }
            return .icp(b)
        case "industry": return .industry(values)
        case "prefecture": return .prefecture(values)
        case "country": return .country(values)
        case "stage":
            var stages = Set<JourneyStage>()
            for v in values { stages.insert(try stage(v)) }
            return .stage(stages)
        case "surge": return .surging(values)
        case "topic": return .topic(values)
        case "coverage":
            guard values == ["full"] else { throw Reason(text: "coverage is \"full\" (use missing:ROLE for gaps)") }
            return .coverageFull
        case "missing":
            guard values.count == 1, let r = ContactRole(rawValue: values[0]) else {
                throw Reason(
                    text: "missing takes one role: \(ContactRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .missing(r)
        default:
            throw Reason(text: "\"\(field)\" takes \">=\" or \"<=\" and a number")
        }
    }

    /// Comma-separated values, each optionally in double quotes; none empty.
    static func list(_ s: Substring) throws(Reason) -> [String] {
        var values: [String] = [], current = "", quoted = false, wasQuoted = false
        func close() throws(Reason) {
            let v = wasQuoted ? current : current.trimmingCharacters(in: .whitespaces)
            guard !v.isEmpty else { throw Reason(text: "a value is empty") }
            values.append(v)
            current = ""
            wasQuoted = false
        }
        for ch in s {
            if ch == "\"" {
                quoted.toggle()
                wasQuoted = true
            } else if ch == "," && !quoted {
                try close()
            } else {
                current.append(ch)
            }
        }
        try close()
        guard values.count <= maxValues else { throw Reason(text: "\(values.count) values, at most \(maxValues)") }
        return values
    }

    static func stage(_ v: String) throws(Reason) -> JourneyStage {
        guard let s = JourneyStage(key: v) else {
            throw Reason(
                text: "unknown stage \"\(v)\" (\(JourneyStage.allCases.map(\.key).joined(separator: ", ")))")
        }
        return s
    }

    static func integer(_ v: Substring) throws(Reason) -> Int {
        guard !v.isEmpty, v.utf8.count <= 12, v.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(v) else {
            throw Reason(text: "\"\(v)\" is not a whole number (digits only, at most 12)")
        }
        return n
    }

    static func number(_ v: Substring) throws(Reason) -> Double {
        let ok =
            !v.isEmpty && v.utf8.count <= 20 && v.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }
        guard ok, let x = Double(v), x.isFinite else { throw Reason(text: "\"\(v)\" is not a number") }
        return x
    }
}
