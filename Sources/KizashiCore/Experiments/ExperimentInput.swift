/// Checking what people type when they create or report an experiment. Every value comes from a
/// command line or an HTTP body, so each is bounded and parsed without a trap; a refusal names
/// the field and the reason.
public enum ExperimentInput {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }
        public var description: String { "\(field): \(reason)" }
    }

    /// Longest name, in characters (a name is shown in tables and page titles).
    public static let maxNameLength = 100

    /// A name: trimmed, 1–100 characters, no control or format characters (line breaks, NUL,
    /// bidi overrides), no "/" (names sit in URL paths).
    public static func name(_ text: String) throws -> String {
        let t = text.trimmingASCIIWhitespace()
        guard !t.isEmpty else { throw Problem(field: "name", reason: "must not be empty") }
        guard t.count <= maxNameLength else {
            throw Problem(field: "name", reason: "must be at most \(maxNameLength) characters")
        }
        for s in t.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                throw Problem(field: "name", reason: "must not contain control or invisible characters")
            default: break
            }
            if s == "/" { throw Problem(field: "name", reason: "must not contain \"/\"") }
        }
        return t
    }

    /// A seed: 1–20 ASCII digits whose value fits in 64 bits unsigned (no sign, no spaces).
    public static func seed(_ text: String) throws -> UInt64 {
        let t = text.trimmingASCIIWhitespace()
        guard (1...20).contains(t.utf8.count), t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = UInt64(t) else {
            throw Problem(field: "seed", reason: "must be a whole number from 0 to 18446744073709551615")
        }
        return v
    }

    public static func share(_ text: String) throws -> HoldoutShare {
        guard text.utf8.count <= 16, let s = HoldoutShare(percentText: text) else {
            throw Problem(
                field: "holdout", reason: "must be a percentage above 0 and below 100, at most two decimals (e.g. 20%)")
        }
        return s
    }

    public static func day(_ text: String, field: String) throws -> Day {
        guard text.utf8.count <= 10, let d = Day(iso: text), (1900...9999).contains(d.year) else {
            throw Problem(field: field, reason: "must be a date YYYY-MM-DD")
        }
        return d
    }

    public static func population(_ text: String) throws -> ExperimentPopulation {
        guard let p = ExperimentPopulation(rawValue: text.trimmingASCIIWhitespace().lowercased()) else {
            throw Problem(field: "from", reason: "must be ICP (the accounts matching the ideal customer profile)")
        }
        return p
    }
}
