/// Where initiatives fall on a monthly trend (issue 24 §3): a fractional month index, so a
/// marker sits between the month points by its day (the 16th of a 30-day month is index + 0.5).
public enum InitiativeMarkers {
    public struct Marker: Sendable, Equatable {
        /// 0 = the first month's first day; `months.count − 1` is the last month's point.
        public var position: Double
        public var label: String
    }

    /// The initiatives inside `months` (oldest first) that concern `tier` (those without a tier
    /// concern every tier), positioned by day; the label is "YYYY-MM-DD title".
    public static func markers(_ initiatives: [Initiative], months: [KPIPeriod], tier: Tier?) -> [Marker] {
        var out: [Marker] = []
        for i in initiatives where tier == nil || i.tier == nil || i.tier == tier {
            guard let m = months.firstIndex(where: { $0.start <= i.on && i.on < $0.end }) else { continue }
            let month = months[m]
            let fraction = Double(i.on - month.start) / Double(max(month.end - month.start, 1))
            out.append(Marker(position: Double(m) + fraction, label: "\(i.on) \(i.title)"))
        }
        return out
    }
}
