import Foundation

/// Yen as people read it in each language: the pages' cards, the account rows and the CLI's
/// Japanese tables write the same `3,080万円` (issue 28 §8), so a number read off the terminal
/// matches the overview.
public enum YenText {
    /// Grouped whole yen: ¥12,345,678 (en) or 12,345,678円 (ja).
    public static func full(_ x: Double, _ lang: Language, minus: String = "−") -> String {
        L10n.t("format.yen", lang, NumberText.grouped(rounding: x, minus: minus))
    }

    /// Yen in each language's own units: ¥12.3M (en) or 1,234万円 / 1.23億円 (ja); below ten
    /// thousand, or beyond what a whole number holds, the full form.
    public static func compact(_ x: Double, _ lang: Language, minus: String = "−") -> String {
        let a = abs(x)
        // Not finite or beyond an Int: `full` writes ∞ or — instead of hundreds of digits.
        guard a < 9e18 else { return full(x, lang, minus: minus) }
        let sign = x < 0 ? minus : ""
        switch lang {
        case .ja:
            if a >= 1e8 { return L10n.t("format.yen.oku", lang, sign + String(format: "%.2f", a / 1e8)) }
            if a >= 1e4 { return L10n.t("format.yen.man", lang, sign + NumberText.grouped(rounding: a / 1e4)) }
        case .en:
            if a >= 1e9 { return L10n.t("format.yen.billion", lang, sign + String(format: "%.2f", a / 1e9)) }
            if a >= 1e6 { return L10n.t("format.yen.million", lang, sign + String(format: "%.1f", a / 1e6)) }
            if a >= 1e4 { return L10n.t("format.yen.thousand", lang, sign + String(format: "%.0f", a / 1e3)) }
        }
        return full(x, lang, minus: minus)
    }
}
