/// A KPI target as people type it (`kizashi target set`, Settings → KPI targets), read by the
/// KPI's kind, so `40` for a percentage is 40 %, never 4000 %.
///
/// - Percentages (`ratio`): `40`, `40%`, `４０％` and `0.4` are all 40 %. A number with `%` is a
///   percentage; a bare number below 1 is a fraction; a bare whole number from 2 up, or any bare
///   number from 10 up, is a percentage. `1` and bare numbers between 1 and 10 with decimals
///   (`1.5`: 1.5 % or 150 %?) are refused as ambiguous — write the `%`.
/// - Money: `50,000,000`, `¥50,000,000`, `5000万`, `5,000万円`, `1.2億円`.
/// - Counts: whole numbers (`40`, `1,200`, `40件`).
/// - Scores, years and multiples: decimal numbers (`1.5`, `1.5倍`, `1.5x`).
/// Full-width digits and punctuation are read like ASCII ones. A value is at most `maximumLength`
/// characters and at most `maximum(for:)` in its unit (a page renders targets as whole numbers,
/// and an integer conversion of a larger value would stop the server).
public enum KPITargetInput {
    /// Characters a typed target may have (`50,000,000,000円` is 15).
    public static let maximumLength = 40

    /// The largest target of a kind, in stored units: 100,000 % for ratios, 1,000兆円 for money,
    /// 10^12 for counts, 10^6 for scores, years and multiples — far above any real target and far
    /// below `Int.max` (9.2 × 10^18), so every rendering stays exact.
    public static func maximum(for kind: KPIDefinition.Kind) -> Double {
        switch kind {
        case .ratio: 1_000
        case .money: 1e15
        case .count: 1e12
        case .score, .years, .multiple: 1e6
        }
    }

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case notANumber(String)
        /// `1.5` for a percentage: 1.5 % or 150 %?
        case ambiguousPercent(typed: String, asPercent: String)
        case notWhole(String)
        /// Above `maximum(for:)`, or longer than `maximumLength` characters.
        case tooLarge(typed: String, maximum: String)

        public func text(_ lang: Language) -> String {
            switch self {
            case .empty: L10n.t("target.input.empty", lang)
            case .notANumber(let raw): L10n.t("target.input.notANumber", lang, raw)
            case .ambiguousPercent(let raw, let alt): L10n.t("target.input.ambiguous", lang, raw, alt)
            case .notWhole(let raw): L10n.t("target.input.notWhole", lang, raw)
            case .tooLarge(let raw, let max): L10n.t("target.input.tooLarge", lang, raw, max)
            }
        }

        public var description: String { text(.en) }
    }

    public static func parse(_ raw: String, kind: KPIDefinition.Kind) -> Result<Double, Refusal> {
        guard raw.count <= maximumLength else {
            return .failure(.tooLarge(typed: String(raw.prefix(maximumLength)) + "…", maximum: shownMaximum(kind)))
        }
        return read(raw, kind: kind).flatMap { check($0, kind: kind, typed: raw) }
    }

    /// A target in stored units (the API's JSON number) within the bounds of its kind: finite,
    /// not negative, at most `maximum(for:)`.
    public static func check(_ value: Double, kind: KPIDefinition.Kind, typed: String? = nil) -> Result<
        Double, Refusal
    > {
        let shown = typed ?? (value.isFinite ? format(value) : "\(value)")
        guard value.isFinite, value >= 0 else { return .failure(.notANumber(shown)) }
        guard value <= maximum(for: kind) else {
            return .failure(.tooLarge(typed: shown, maximum: shownMaximum(kind)))
        }
        return .success(value)
    }

    /// The maximum as people type it (`100,000%`, `1,000,000,000,000,000`).
    static func shownMaximum(_ kind: KPIDefinition.Kind) -> String {
        let m = maximum(for: kind)
        return kind == .ratio
            ? NumberText.grouped(rounding: m * 100, minus: "-") + "%" : NumberText.grouped(rounding: m, minus: "-")
    }

    static func read(_ raw: String, kind: KPIDefinition.Kind) -> Result<Double, Refusal> {
        var text = UnicodeNormalization.nfkc(raw).trimmingASCIIWhitespace().replacingOccurrences(of: " ", with: "")
        guard !text.isEmpty else { return .failure(.empty) }
        switch kind {
        case .ratio:
            let percent = text.hasSuffix("%")
            if percent { text.removeLast() }
            guard let x = number(text), x >= 0 else { return .failure(notANumber(raw)) }
            if percent { return .success(x / 100) }
            if x < 1 { return .success(x) }
            if x == 1 || (x < 10 && x != x.rounded()) {
                return .failure(.ambiguousPercent(typed: raw, asPercent: format(x * 100)))
            }
            return .success(x / 100)
        case .money:
            var unit = 1.0
            for suffix in ["円"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
            if text.hasPrefix("¥") { text.removeFirst() }
            if text.hasSuffix("億") {
                unit = 1e8
                text.removeLast()
            } else if text.hasSuffix("万") {
                unit = 1e4
                text.removeLast()
            } else if text.hasSuffix("千") {
                unit = 1e3
                text.removeLast()
            }
            guard let x = number(text), x >= 0 else { return .failure(notANumber(raw)) }
            return .success((x * unit).rounded())
        case .count:
            for suffix in ["件", "社", "名", "人", "回"] where text.hasSuffix(suffix) { text.removeLast() }
            guard let x = number(text), x >= 0 else { return .failure(notANumber(raw)) }
            guard x == x.rounded() else {
                return .failure(.notWhole(raw))
            }
            return .success(x)
        case .score, .years, .multiple:
            for suffix in ["倍", "x", "×", "年", "点"] where text.hasSuffix(suffix) { text.removeLast() }
            guard let x = number(text), x >= 0 else { return .failure(notANumber(raw)) }
            return .success(x)
        }
    }

    /// `1,200` and `1200.5`; thousands separators only between groups of three digits.
    static func number(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        let digits = groups.joined()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Double(digits + "." + parts[1])
        }
        return Double(digits)
    }

    static func format(_ x: Double) -> String { JSONValue.format(x) }

    static func notANumber(_ raw: String) -> Refusal { .notANumber(raw) }
}
