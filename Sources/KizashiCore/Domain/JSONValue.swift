import Foundation

/// A JSON value with ordered objects, and a deterministic writer.
///
/// KPI output must be byte-identical across backends and runs (issue: SQLite vs PostgreSQL give
/// byte-identical `kpi --format json`), so we write JSON ourselves: keys in a fixed order,
/// numbers in Swift's shortest round-trip form, nothing rounded (kpis.md §Output).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.int(let x), .number(let y)), (.number(let y), .int(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// Shortest round-trip text of a double; integral values without a fraction (`12000000`, not
    /// `1.2e+07`), non-finite values as null (they never occur: ratios with 0 denominators are null).
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// Compact (one line) or pretty (two-space indent) JSON text.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .number(let x): out += JSONValue.format(x)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(k, to: &out)
                out += pretty ? ": " : ":"
                v.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// Whether `n` came from a JSON `true`/`false`, not a number: JSONSerialization gives booleans
    /// the type code of a C char ("c"), which no JSON number gets. The one check every reader of
    /// parsed JSON uses, so `true` is never taken for 1.
    public static func isBoolean(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c"
    }

    /// From what JSONSerialization returns (dictionaries, arrays, strings, NSNumber, NSNull). Keys
    /// keep the dictionary's order: enough to store a payload, much cheaper than sorting.
    public init(foundation v: Any) {
        switch v {
        case let s as String: self = .string(s)
        case let d as [String: Any]: self = .object(d.map { ($0.key, JSONValue(foundation: $0.value)) })
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let b as Bool where !(v is NSNumber) || JSONValue.isBoolean(v as! NSNumber): self = .bool(b)
        case let n as NSNumber:
            let d = n.doubleValue
            self = d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .number(d)
        default: self = .null
        }
    }
}
