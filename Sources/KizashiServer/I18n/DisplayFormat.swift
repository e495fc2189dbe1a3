import Foundation
import KizashiCore

/// Numbers, money and dates as each language writes them. Pure functions (no locale database),
/// so pages render identically on every machine.
enum DisplayFormat {
    static func integer(_ n: Int, _ lang: Language) -> String { NumberText.grouped(n) }

    /// A double as a grouped whole number; never traps, however large (a KPI target comes from outside).
    static func integer(rounding x: Double, _ lang: Language) -> String { NumberText.grouped(rounding: x) }

    static func decimal(_ x: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// Yen, grouped: ¥12,345,678 (en) or 12,345,678円 (ja).
    static func yen(_ x: Double, _ lang: Language) -> String { YenText.full(x, lang) }

    /// Yen for cards: ¥12.3M / 1,234万円 / 1.2億円 — each language groups by its own units.
    static func yenCompact(_ x: Double, _ lang: Language) -> String { YenText.compact(x, lang) }

    static func date(_ d: Day, _ lang: Language) -> String {
        let c = d.components
        return L10n.t(
            "format.date", lang, String(c.year), L10n.t("month.\(c.month)", lang), String(c.day), String(c.month))
    }

    static func dateTime(_ i: Instant, _ tz: WorkspaceTimeZone, _ lang: Language) -> String {
        let d = tz.day(of: i)
        let ms = i.millisecondsSinceEpoch + Int64(tz.offsetSeconds(at: i)) * 1000
        let minutes = Int((ms / 60_000) % 1440 + 1440) % 1440
        return date(d, lang) + String(format: " %02d:%02d", minutes / 60, minutes % 60)
    }

    static func month(_ p: KPIPeriod, _ lang: Language) -> String {
        let c = p.start.components
        return L10n.t("format.month", lang, String(c.year), L10n.t("month.\(c.month)", lang), String(c.month))
    }

    static func period(_ p: KPIPeriod, _ lang: Language) -> String {
        let c = p.start.components
        switch p.kind {
        case .month: return month(p, lang)
        case .quarter: return L10n.t("format.quarter", lang, String(c.year), String((c.month - 1) / 3 + 1))
        case .year: return L10n.t("format.year", lang, String(c.year))
        case .custom: return "\(date(p.start, lang)) – \(date(p.lastDay, lang))"
        }
    }

    /// A KPI value as its kind reads best.
    static func kpi(_ v: KPIValue, kind: KPIDefinition.Kind, _ lang: Language) -> String {
        guard let x = v.doubleValue else { return "—" }
        switch kind {
        case .count: return integer(rounding: x, lang)
        case .ratio: return percent(x)
        case .money: return yenCompact(x, lang)
        case .score: return decimal(x)
        case .years: return decimal(x) + L10n.t("unit.years", lang)
        case .multiple: return decimal(x, digits: 2) + "×"
        }
    }
}
