import Foundation

/// The header mapping a person writes by hand for a sheet or a HubSpot export whose headers
/// Kizashi does not know: a JSON object of header → canonical field (`{"会社名": "name"}`), or the
/// same as YAML lines (`会社名: name`; `#` comments; quotes optional). `""` ignores a column.
/// `kizashi import --mapping FILE` and the API's `?mapping=` read it with this one parser.
public enum HeaderMappingText {
    /// Why a mapping text was refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case notUTF8
        /// The line (1-based) that is not `header: field`.
        case notAPair(line: Int)
        public var description: String {
            switch self {
            case .notUTF8: "not UTF-8 text"
            case .notAPair(let line): "line \(line): expected `header: field` (or a JSON object of header → field)"
            }
        }
    }

    public static func parse(_ data: Data) throws(Problem) -> [String: String] {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] { return object }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        var out: [String: String] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line == "---" || line == "{" || line == "}" { continue }
            guard let colon = line.lastIndex(of: ":") else { throw .notAPair(line: n + 1) }
            out[unquote(line[..<colon])] = unquote(line[line.index(after: colon)...])
        }
        return out
    }

    static func unquote(_ s: Substring) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, let f = t.first, f == "\"" || f == "'", t.last == f {
            t = String(t.dropFirst().dropLast())
        }
        return t
    }
}
