/// One condition of a segment rule (docs/segments.md §Conditions). A rule holds when every one of
/// its conditions holds for the account on the day.
public enum SegmentCondition: Sendable, Equatable {
    /// `≥` or `≤` against a number.
    public enum Bound: String, Sendable, Equatable {
        case atLeast = ">="
        case atMost = "<="

        func holds(_ value: Double, _ limit: Double) -> Bool {
            self == .atLeast ? value >= limit : value <= limit
        }
    }

    case tier(Set<Tier>)
    case icp(Bool)
    case industry([String])
    case employees(Bound, Int)
    /// The company's region (prefecture in Japan), any of.
    case prefecture([String])
    case country([String])
    case score(Bound, Double)
    /// score(day) − score(day − 7).
    case change(Bound, Double)
    case stage(Set<JourneyStage>)
    case stageBound(Bound, JourneyStage)
    /// Surging on any topic (empty list) or on one of the topics listed.
    case surging([String])
    /// Any of these intent topics present in the 62 days before the day.
    case topic([String])
    /// Every slot of the tier's buying group has an engaged contact.
    case coverageFull
    /// A slot of the tier's buying group requiring this role has no engaged contact.
    case missing(ContactRole)

    /// The written form, read back by `SegmentRuleParser` to the same condition.
    public var text: String {
        func list(_ values: [String]) -> String { values.map(Self.quotedIfNeeded).joined(separator: ",") }
        switch self {
        case .tier(let t): return "tier:" + t.sorted().map { String($0.rawValue) }.joined(separator: ",")
        case .icp(let b): return "icp:" + (b ? "yes" : "no")
        case .industry(let v): return "industry:" + list(v)
        case .employees(let b, let n): return "employees" + b.rawValue + String(n)
        case .prefecture(let v): return "prefecture:" + list(v)
        case .country(let v): return "country:" + list(v)
        case .score(let b, let x): return "score" + b.rawValue + JSONValue.format(x)
        case .change(let b, let x): return "change" + b.rawValue + JSONValue.format(x)
        case .stage(let s): return "stage:" + s.sorted().map(\.key).joined(separator: ",")
        case .stageBound(let b, let s): return "stage" + b.rawValue + s.key
        case .surging(let v): return v.isEmpty ? "surging" : "surge:" + list(v)
        case .topic(let v): return "topic:" + list(v)
        case .coverageFull: return "coverage:full"
        case .missing(let r): return "missing:" + r.rawValue
        }
    }

    /// The JSON form: `{"field": …, "op": "in" | ">=" | "<=" | "is", "value": …}`.
    public var json: JSONValue {
        func strings(_ v: [String]) -> JSONValue { .array(v.map { .string($0) }) }
        func object(_ field: String, _ op: String, _ value: JSONValue) -> JSONValue {
            .object([("field", .string(field)), ("op", .string(op)), ("value", value)])
        }
        switch self {
        case .tier(let t): return object("tier", "in", .array(t.sorted().map { .int($0.rawValue) }))
        case .icp(let b): return object("icp", "is", .bool(b))
        case .industry(let v): return object("industry", "in", strings(v))
        case .employees(let b, let n): return object("employees", b.rawValue, .int(n))
        case .prefecture(let v): return object("prefecture", "in", strings(v))
        case .country(let v): return object("country", "in", strings(v))
        case .score(let b, let x): return object("score", b.rawValue, .number(x))
        case .change(let b, let x): return object("change", b.rawValue, .number(x))
        case .stage(let s): return object("stage", "in", strings(s.sorted().map(\.key)))
        case .stageBound(let b, let s): return object("stage", b.rawValue, .string(s.key))
        case .surging(let v): return object("surge", "in", strings(v))
        case .topic(let v): return object("topic", "in", strings(v))
        case .coverageFull: return object("coverage", "is", .string("full"))
        case .missing(let r): return object("missing", "is", .string(r.rawValue))
        }
    }

    /// Whether the condition holds for one account on one day.
    public func holds(for f: SegmentFacts) -> Bool {
        switch self {
        case .tier(let t): return f.tier.map(t.contains) ?? false
        case .icp(let b): return f.icpMatch == b
        case .industry(let v): return Self.anyEqual(f.industry, v)
        case .employees(let b, let n):
            // kpis.md §ICP: a value that is not a number does not satisfy a numeric criterion.
            guard let e = f.employees else { return false }
            return b == .atLeast ? e >= n : e <= n
        case .prefecture(let v): return Self.anyEqual(f.region, v)
        case .country(let v): return Self.anyEqual(f.country, v)
        case .score(let b, let x): return b.holds(f.score, x)
        case .change(let b, let x): return b.holds(f.scoreChange7d, x)
        case .stage(let s): return f.stage.map { s.contains($0) } ?? false
        case .stageBound(let b, let s):
            guard let stage = f.stage else { return false }
            return b == .atLeast ? stage >= s : stage <= s
        case .surging(let v):
            return v.isEmpty
                ? !f.surgingTopics.isEmpty : f.surgingTopics.contains { t in v.contains { Self.same(t, $0) } }
        case .topic(let v): return f.topics.contains { t in v.contains { Self.same(t, $0) } }
        case .coverageFull: return f.coverageFull == true
        case .missing(let r): return f.missingRoles.contains(r)
        }
    }

    /// Text values compare with ASCII case ignored (`IT` = `it`); Japanese compares as written.
    static func same(_ a: String, _ b: String) -> Bool { a == b || a.lowercased() == b.lowercased() }

    static func anyEqual(_ value: String?, _ list: [String]) -> Bool {
        guard let value else { return false }
        return list.contains { same(value, $0) }
    }

    static func quotedIfNeeded(_ v: String) -> String {
        v.contains(where: { $0.isWhitespace || $0 == "," || $0 == ":" }) ? "\"" + v + "\"" : v
    }
}
