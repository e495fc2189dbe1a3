import Foundation
import KizashiCore

/// Numbers, money and dates as each language writes them. Pure functions (no locale database),
/// so pages render identically on every machine.
enum DisplayFormat {
    static func integer(_ n: Int, _ lang: Language) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "−" + out : out
    }

    static func decimal(_ x: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// Yen, grouped: ¥12,345,678 (en) or 12,345,678円 (ja).
    static func yen(_ x: Double, _ lang: Language) -> String {
        let n = integer(Int(x.rounded()), lang)
        return lang == .ja ? n + "円" : "¥" + n
    }

    /// Yen for cards: ¥12.3M / 1,234万円 / 1.2億円.
    static func yenCompact(_ x: Double, _ lang: Language) -> String {
        let a = abs(x)
        if lang == .ja {
            if a >= 1e8 { return String(format: "%.2f億円", x / 1e8) }
            if a >= 1e4 { return integer(Int((x / 1e4).rounded()), lang) + "万円" }
            return yen(x, lang)
        }
        if a >= 1e9 { return String(format: "¥%.2fB", x / 1e9) }
        if a >= 1e6 { return String(format: "¥%.1fM", x / 1e6) }
        if a >= 1e4 { return String(format: "¥%.0fK", x / 1e3) }
        return yen(x, lang)
    }

    static let monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func date(_ d: Day, _ lang: Language) -> String {
        let c = d.components
        return lang == .ja ? "\(c.year)年\(c.month)月\(c.day)日" : "\(c.day) \(monthsEn[c.month - 1]) \(c.year)"
    }

    static func dateTime(_ i: Instant, _ tz: WorkspaceTimeZone, _ lang: Language) -> String {
        let d = tz.day(of: i)
        let ms = i.millisecondsSinceEpoch + Int64(tz.offsetSeconds(at: i)) * 1000
        let minutes = Int((ms / 60_000) % 1440 + 1440) % 1440
        return date(d, lang) + String(format: " %02d:%02d", minutes / 60, minutes % 60)
    }

    static func month(_ p: KPIPeriod, _ lang: Language) -> String {
        let c = p.start.components
        return lang == .ja ? "\(c.year)年\(c.month)月" : "\(monthsEn[c.month - 1]) \(c.year)"
    }

    static func period(_ p: KPIPeriod, _ lang: Language) -> String {
        let c = p.start.components
        switch p.kind {
        case .month: return month(p, lang)
        case .quarter:
            let q = (c.month - 1) / 3 + 1
            return lang == .ja ? "\(c.year)年 第\(q)四半期" : "Q\(q) \(c.year)"
        case .year: return lang == .ja ? "\(c.year)年" : "\(c.year)"
        case .custom: return "\(date(p.start, lang)) – \(date(p.lastDay, lang))"
        }
    }

    /// A KPI value as its kind reads best.
    static func kpi(_ v: KPIValue, kind: KPIDefinition.Kind, _ lang: Language) -> String {
        guard let x = v.doubleValue else { return "—" }
        switch kind {
        case .count: return integer(Int(x.rounded()), lang)
        case .ratio: return percent(x)
        case .money: return yenCompact(x, lang)
        case .score: return decimal(x)
        case .years: return decimal(x) + (lang == .ja ? "年" : " yr")
        case .multiple: return decimal(x, digits: 2) + "×"
        }
    }
}
