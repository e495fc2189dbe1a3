/// One KPI figure. kpis.md: "A ratio whose denominator is 0 is `null`, never 0 and never NaN.
/// A figure built from a null is null." Counts stay integers; ratios and money are numbers.
public enum KPIValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case count(Int)
    case number(Double)

    /// `a / b`, null when `b == 0` or either side is null.
    public static func ratio(_ a: Double?, _ b: Double?) -> KPIValue {
        guard let a, let b, b != 0 else { return .null }
        return .number(a / b)
    }

    public var doubleValue: Double? {
        switch self {
        case .null: nil
        case .count(let n): Double(n)
        case .number(let x): x
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var description: String {
        switch self {
        case .null: "null"
        case .count(let n): String(n)
        case .number(let x): JSONValue.format(x)
        }
    }

    public var json: JSONValue {
        switch self {
        case .null: .null
        case .count(let n): .int(n)
        case .number(let x): .number(x)
        }
    }
}
