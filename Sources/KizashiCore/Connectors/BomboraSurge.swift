/// Bombora Company Surge files (realdata/bombora/SOURCE.md): headerless CSV, domain-keyed, in two
/// layouts — the 12-column "all domains, all topics" file (one global row per domain and topic,
/// plus per-metro rows) and the 9-column Master Surge file (metro scores packed as
/// `metro[score]|…`). Each domain-and-topic becomes one intent row (kind content_consumption,
/// score = the composite score), resolved to a company by normalised domain.
public enum BomboraSurge {
    public enum Layout: String, Sendable { case allDomainsAllTopics = "adat", masterSurge = "master_surge" }

    public struct Row: Sendable, Equatable {
        public var domain: String
        public var category: String
        public var topic: String
        public var compositeScore: Int
        public var line: Int
    }

    public enum Outcome: Sendable, Equatable {
        case row(Row)
        /// A per-metro row of the 12-column layout: the global row of the same topic carries the score.
        case skippedMetro
        /// A domain listed without any topic (score 0): nothing to import.
        case skippedNoTopic
        case rejected(line: Int, column: String, reason: String)
    }

    /// The layout from a record's width: 12 columns (ADAT) or 9 (Master Surge).
    public static func layout(width: Int) -> Layout? {
        switch width {
        case 12: return .allDomainsAllTopics
        case 9: return .masterSurge
        default: return nil
        }
    }

    public static func parse(_ fields: [String], line: Int) -> Outcome {
        guard let layout = layout(width: fields.count) else {
            return .rejected(
                line: line, column: "*",
                reason: "\(fields.count) columns; a Bombora surge file has 12 (ADAT) or 9 (Master Surge)")
        }
        let domain = CompanyNameNormalizer.normalizeDomain(fields[1])
        guard !domain.isEmpty else { return .rejected(line: line, column: "domain", reason: "empty domain") }
        if layout == .allDomainsAllTopics && !fields[8].trimmingASCIIWhitespace().isEmpty { return .skippedMetro }
        let topic = fields[5].trimmingASCIIWhitespace()
        if topic.isEmpty && fields[4].trimmingASCIIWhitespace().isEmpty { return .skippedNoTopic }
        guard !topic.isEmpty else { return .rejected(line: line, column: "topic", reason: "empty topic") }
        guard let score = Int(fields[6].trimmingASCIIWhitespace()), (0...100).contains(score) else {
            return .rejected(line: line, column: "composite_score", reason: "\"\(fields[6])\" is not a score 0–100")
        }
        return .row(
            Row(
                domain: domain, category: fields[4].trimmingASCIIWhitespace(), topic: topic, compositeScore: score,
                line: line))
    }

    /// The file date from a name like `…_20150719…csv` (the week the surge was measured).
    public static func date(fromFileName name: String) -> Day? {
        let digits = Array(name.unicodeScalars)
        var i = 0
        while i + 8 <= digits.count {
            let s = String(String.UnicodeScalarView(digits[i..<(i + 8)]))
            if s.allSatisfy(\.isNumber), s.hasPrefix("19") || s.hasPrefix("20"),
                let d = Day(iso: "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))")
            {
                return d
            }
            i += 1
        }
        return nil
    }

    /// The intent row of a surge row: a deterministic ID, so re-importing the same file changes nothing.
    public static func signal(_ r: Row, companyId: String, observedOn: Day) -> IntentSignal {
        IntentSignal(
            id: "bombora:\(observedOn):\(r.domain):\(r.topic)", companyId: companyId, observedOn: observedOn,
            topic: r.topic,
            kind: .contentConsumption, score: r.compositeScore, source: "bombora")
    }
}
