/// The demo's 15-month window and the rhythm of B2B attention inside it: weekdays busy, weekends
/// and Japanese holidays (New Year, Golden Week, Obon, national holidays) quiet, office hours in
/// Japan Standard Time, and a slow upward trend as the ABM programme matures.
struct DemoCalendar {
    /// First day of data (inclusive).
    let first: Day
    /// Last day of data (inclusive) = the generator's `asOf`.
    let last: Day
    /// Relative activity level of each day of the window (index = day − first).
    let weights: [Double]

    /// Japan has had no daylight saving since 1951; the demo writes instants at +09:00.
    static let tokyoOffsetSeconds = 9 * 3600

    init(asOf: Day) {
        last = asOf
        first = asOf.addingMonths(-15) + 1
        var w: [Double] = []
        let n = asOf - first + 1
        w.reserveCapacity(n)
        for i in 0..<n {
            let d = first + i
            let base: Double
            if DemoCalendar.isHoliday(d) {
                base = 0.18
            } else {
                switch DemoCalendar.weekday(d) {
                case 0: base = 0.10
                case 6: base = 0.15
                case 5: base = 0.9
                case 1: base = 1.05
                default: base = 1.0
                }
            }
            // +35% over the window: the programme (and tracking coverage) grows.
            w.append(base * (0.85 + 0.35 * Double(i) / Double(max(n - 1, 1))))
        }
        weights = w
    }

    var dayCount: Int { weights.count }
    func day(_ index: Int) -> Day { first + index }
    func index(of d: Day) -> Int { d - first }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ d: Day) -> Int {
        let r = (Int(d.daysSinceEpoch) + 4) % 7
        return r < 0 ? r + 7 : r
    }

    static func isWeekend(_ d: Day) -> Bool {
        let w = weekday(d)
        return w == 0 || w == 6
    }

    /// The next business day on or after `d` (meetings are not held on weekends or holidays).
    static func businessDay(onOrAfter d: Day) -> Day {
        var x = d
        while isWeekend(x) || isHoliday(x) { x = x + 1 }
        return x
    }

    /// Japanese public holidays and the customary business closures (approximate: equinoxes are
    /// taken as 20 March and 23 September; substitute holidays are ignored).
    static func isHoliday(_ d: Day) -> Bool {
        let c = d.components
        switch (c.month, c.day) {
        case (1, 1...3), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3...5), (8, 11), (8, 13...16), (9, 23),
            (11, 3), (11, 23), (12, 29...31):
            return true
        default:
            break
        }
        // Happy Monday holidays: 2nd Monday of Jan and Oct, 3rd Monday of Jul and Sep.
        guard weekday(d) == 1 else { return false }
        let nth = (c.day - 1) / 7 + 1
        switch c.month {
        case 1, 10: return nth == 2
        case 7, 9: return nth == 3
        default: return false
        }
    }

    /// Hour-of-day profile of Japanese office workers (JST).
    static let japanHours = DemoWeighted([
        0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2.5, 6, 8, 8, 4, 7, 8, 8, 7, 5,
        3, 2, 1.5, 1.2, 0.8, 0.4,
    ])

    /// A local time of day in seconds, office-hours shaped; US accounts are shifted by +16 h so that
    /// their Pacific-time office hours land in the Japanese night.
    static func secondsOfDay(_ rng: inout DemoRandom, us: Bool) -> Int {
        var hour = japanHours.draw(&rng)
        if us { hour = (hour + 16) % 24 }
        return hour * 3600 + rng.below(3600)
    }

    /// The instant of a JST wall-clock time.
    static func instant(_ d: Day, secondsOfDay: Int) -> Instant {
        let seconds = Int64(d.daysSinceEpoch) * 86_400 + Int64(secondsOfDay - tokyoOffsetSeconds)
        return Instant(millisecondsSinceEpoch: seconds * 1000)
    }
}
