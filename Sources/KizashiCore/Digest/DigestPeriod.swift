/// The period a review covers (`kizashi digest --period`, issue 24 §1). Relative readings are
/// taken against `asOf`, a local day in the workspace time zone, so a review run on Monday
/// morning covers the week that just ended whatever the server's clock zone.
public enum DigestPeriod {
    /// The reading when none is given: the weekly review.
    public static let defaultReading = "last-week"

    /// `last-week`: the 7 local days ending yesterday, `[asOf − 7, asOf)`. `last-month`: the
    /// calendar month before `asOf`'s. Otherwise a calendar period label (`2026Q3`, `2026-10`,
    /// `2026`). nil when the text is none of these.
    public static func resolve(_ text: String?, asOf: Day) -> KPIPeriod? {
        let t = (text ?? defaultReading).trimmingASCIIWhitespace().lowercased()
        switch t {
        case "last-week": return KPIPeriod(start: asOf - 7, end: asOf)
        case "last-month":
            let c = asOf.components
            return KPIPeriod.month(year: c.year, month: c.month).previous
        default: return KPIPeriod(label: t)
        }
    }
}
