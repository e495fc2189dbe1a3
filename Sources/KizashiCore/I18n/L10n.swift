/// Every user-visible word in English and Japanese, behind one lookup: the dashboard, the CLI's
/// renderers and the reasons of the approach-now list all read it, so a missing translation is a
/// missing key in one place, never a stray `lang == .ja ? … : …`. The entries are data, one JSON
/// file per feature (`I18n/Strings/`, made Swift by the `L10nTables` build plugin), merged here;
/// a key defined twice stops the tests (`L10nTests`).
public enum L10n {
    /// Every entry, by key.
    public static let table: [String: (en: String, ja: String)] = {
        var all: [String: (en: String, ja: String)] = [:]
        for part in parts {
            all.merge(part) { first, _ in first }
        }
        return all
    }()

    /// Entries per feature table (a key defined in two of them makes the sum exceed `table.count`).
    public static var partSizes: [Int] { parts.map(\.count) }

    /// The feature tables, in the order they are merged.
    static let parts: [[String: (en: String, ja: String)]] = [
        dashboard, approachNow, propensity, pages, formats, kpiNames, report, domain, settings, attribution, cli,
        experiments,
        journey, digest, workbook, importEditor, segments, review, audiences, crmSync,
    ]

    /// The text of `key` in `lang`; the key itself when it has no entry (visible, and caught by tests).
    public static func t(_ key: String, _ lang: Language) -> String {
        guard let e = table[key] else { return key }
        return Bilingual(en: e.en, ja: e.ja)(lang)
    }

    /// `%d` replaced by `n`, grouped by thousands.
    public static func t(_ key: String, _ lang: Language, _ n: Int) -> String {
        t(key, lang).replacingOccurrences(of: "%d", with: NumberText.grouped(n))
    }

    /// `{0}`, `{1}`, … replaced by the arguments, in one pass (an argument's own braces stay as
    /// they are: names come from imported files).
    public static func t(_ key: String, _ lang: Language, _ args: String...) -> String {
        t(key, lang, arguments: args)
    }

    /// `{0}` … `{9}` replaced by `arguments`.
    public static func t(_ key: String, _ lang: Language, arguments args: [String]) -> String {
        let template = Array(t(key, lang))
        var out = ""
        var i = 0
        while i < template.count {
            if template[i] == "{", i + 2 < template.count, template[i + 2] == "}",
                let n = template[i + 1].wholeNumberValue, n < args.count
            {
                out += args[n]
                i += 3
            } else {
                out.append(template[i])
                i += 1
            }
        }
        return out
    }
}

/// A text in both languages, as data (an alert's message, a KPI's name).
public struct Bilingual: Sendable, Equatable {
    public var en: String
    public var ja: String

    public func callAsFunction(_ lang: Language) -> String {
        switch lang {
        case .en: en
        case .ja: ja
        }
    }
}

/// Whole numbers with thousands separators (`1,234`).
public enum NumberText {
    /// - Parameter minus: the sign of a negative number: a true minus sign on pages, an ASCII
    ///   hyphen in terminals and CSV (where spreadsheets must read it as a number).
    public static func grouped(_ n: Int, minus: String = "−") -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? minus + out : out
    }

    /// `x` rounded to a whole number and grouped; a value no `Int` holds (beyond ±9.2 × 10^18, or
    /// not finite) is written `∞` or `—` instead of stopping the process on the conversion.
    public static func grouped(rounding x: Double, minus: String = "−") -> String {
        guard !x.isNaN else { return "—" }
        guard let n = Int(exactly: x.rounded()) else { return (x < 0 ? minus : "") + "∞" }
        return grouped(n, minus: minus)
    }
}
