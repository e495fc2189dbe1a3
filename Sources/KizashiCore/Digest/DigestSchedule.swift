/// When `kizashi serve` sends the review by itself (issue 24 §1), read from the setting
/// `digest.schedule`: `mon 09:00`, `mon,thu 09:00` or `daily 09:00`, a wall-clock time in the
/// workspace time zone; empty or `off` sends nothing (the default, so no team gets mail it did not
/// ask for). Each matching local day at that time is a *slot*; a slot is sent once whichever
/// servers share the workspace (the store claims it, see `DigestDeliveryStore`).
public struct DigestSchedule: Sendable, Equatable {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int>
    /// Minutes after local midnight.
    public var minuteOfDay: Int

    public static let key = "digest.schedule"
    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    /// A server that was down at the slot's time still sends it when it comes back within this
    /// long; later, the slot is skipped (a Monday review arriving on Wednesday misleads).
    public static let graceMilliseconds: Int64 = 6 * 3_600_000

    /// The schedule the text names, nil for `off`/empty, or the reason it is not one.
    public static func parse(_ text: String) -> Result<DigestSchedule?, ScheduleProblem> {
        let t = text.trimmingASCIIWhitespace().lowercased()
        if t.isEmpty || t == "off" { return .success(nil) }
        guard t.utf8.count <= 64 else { return .failure(ScheduleProblem(reason: "at most 64 characters")) }
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            return .failure(ScheduleProblem(reason: "write days and a time, e.g. \"mon 09:00\" or \"daily 09:00\""))
        }
        var days = Set<Int>()
        if parts[0] == "daily" {
            days = Set(1...7)
        } else {
            for name in parts[0].split(separator: ",", omittingEmptySubsequences: false) {
                guard let i = weekdayNames.firstIndex(of: String(name)) else {
                    return .failure(
                        ScheduleProblem(
                            reason: "unknown day \"\(name)\"; use daily or \(weekdayNames.joined(separator: ", "))"))
                }
                days.insert(i + 1)
            }
        }
        let hm = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[0].count <= 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]),
            (0...23).contains(h), (0...59).contains(m)
        else { return .failure(ScheduleProblem(reason: "the time must be HH:MM between 00:00 and 23:59")) }
        return .success(DigestSchedule(weekdays: days, minuteOfDay: h * 60 + m))
    }

    public struct ScheduleProblem: Error, Sendable, Equatable {
        public var reason: String
    }

    /// One planned sending: a local day and time, and the instant it falls on.
    public struct Slot: Sendable, Equatable {
        public var day: Day
        public var minuteOfDay: Int
        public var start: Instant
        /// The slot's name in the delivery log and its claim key: local `2026-12-07T09:00`.
        public var key: String {
            let h = minuteOfDay / 60, m = minuteOfDay % 60
            return "\(day)T\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
        }
    }

    /// ISO weekday of a day: 1970-01-01 was a Thursday (4).
    public static func weekday(_ day: Day) -> Int {
        let r = (Int(day.daysSinceEpoch) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The latest slot that started at or before `now` and not more than `graceMilliseconds`
    /// before it, or nil: what a server looking at its clock should send now.
    public func dueSlot(at now: Instant, in zone: WorkspaceTimeZone) -> Slot? {
        let today = zone.day(of: now)
        // A slot up to the grace period ago can lie on the previous local day.
        for day in [today, today - 1] where weekdays.contains(Self.weekday(day)) {
            let start = zone.instant(localDay: day, secondsOfDay: minuteOfDay * 60)
            let age = now.millisecondsSinceEpoch - start.millisecondsSinceEpoch
            if age >= 0 && age <= Self.graceMilliseconds {
                return Slot(day: day, minuteOfDay: minuteOfDay, start: start)
            }
        }
        return nil
    }
}
