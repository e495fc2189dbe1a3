import Testing

@testable import KizashiCore

/// The schedule of the review (issue 24 §1), worked by hand. Calendar: 1970-01-01 was a Thursday;
/// 2026-12-07 is a Monday. Asia/Tokyo is UTC+9 all year, so 09:00 JST on 7 Dec is 00:00 UTC.
@Suite("Digest schedule")
struct DigestScheduleTests {
    static let tokyo = WorkspaceTimeZone(identifier: "Asia/Tokyo")!

    /// UTC instant of a day at hh:mm:ss.
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ hh: Int, _ mm: Int, _ ss: Int = 0) -> Instant {
        let day = Day(year: y, month: m, day: d)!
        return Instant(
            millisecondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400_000 + Int64(hh * 3600 + mm * 60 + ss) * 1000)
    }

    static func schedule(_ text: String) throws -> DigestSchedule {
        guard case .success(let s?) = DigestSchedule.parse(text) else {
            Issue.record("\(text) did not parse")
            throw CancellationError()
        }
        return s
    }

    @Test("weekdays: 1970-01-01 is a Thursday (4), 2026-12-07 a Monday (1), 2026-12-06 a Sunday (7)")
    func weekdays() {
        #expect(DigestSchedule.weekday(Day(daysSinceEpoch: 0)) == 4)
        #expect(DigestSchedule.weekday(Day(year: 2026, month: 12, day: 7)!) == 1)
        #expect(DigestSchedule.weekday(Day(year: 2026, month: 12, day: 6)!) == 7)
        #expect(DigestSchedule.weekday(Day(daysSinceEpoch: -1)) == 3)  // 1969-12-31, a Wednesday
    }

    @Test("parsing: days and HH:MM; off and empty send nothing; the rest is refused with a reason")
    func parsing() throws {
        #expect(try Self.schedule("mon 09:00") == DigestSchedule(weekdays: [1], minuteOfDay: 540))
        #expect(try Self.schedule("Mon,Thu 07:05") == DigestSchedule(weekdays: [1, 4], minuteOfDay: 425))
        #expect(try Self.schedule("daily 23:30") == DigestSchedule(weekdays: Set(1...7), minuteOfDay: 1410))
        #expect(DigestSchedule.parse("") == .success(nil))
        #expect(DigestSchedule.parse(" off ") == .success(nil))
        for bad in ["funday 09:00", "mon 9:5", "mon 24:00", "mon 09:60", "mon", "mon 09:00 extra", "mon,,tue 09:00"] {
            guard case .failure(let p) = DigestSchedule.parse(bad) else {
                Issue.record("\(bad) was accepted")
                continue
            }
            #expect(!p.reason.isEmpty)
        }
        guard case .failure(let long) = DigestSchedule.parse(String(repeating: "mon,", count: 30) + "mon 09:00") else {
            Issue.record("a 125-character schedule was accepted")
            return
        }
        #expect(long.reason == "at most 64 characters")
    }

    @Test("mon 09:00 Tokyo: due from 00:00 UTC on Monday for six hours, not before, not after")
    func dueSlot() throws {
        let s = try Self.schedule("mon 09:00")
        #expect(s.dueSlot(at: Self.utc(2026, 12, 6, 23, 59, 59), in: Self.tokyo) == nil)  // 08:59:59 JST
        let slot = s.dueSlot(at: Self.utc(2026, 12, 7, 0, 0), in: Self.tokyo)
        #expect(slot?.key == "2026-12-07T09:00")
        #expect(slot?.start == Self.utc(2026, 12, 7, 0, 0))
        #expect(slot?.day == Day(year: 2026, month: 12, day: 7))
        // Six hours later is the last moment of the grace period; one second more is too late.
        #expect(s.dueSlot(at: Self.utc(2026, 12, 7, 6, 0), in: Self.tokyo)?.key == "2026-12-07T09:00")
        #expect(s.dueSlot(at: Self.utc(2026, 12, 7, 6, 0, 1), in: Self.tokyo) == nil)
        // Tuesday: nothing.
        #expect(s.dueSlot(at: Self.utc(2026, 12, 8, 0, 30), in: Self.tokyo) == nil)
    }

    @Test("daily 23:30 Tokyo at 01:00 JST: the slot of the previous local day, 1 h 30 min ago")
    func previousDay() throws {
        let s = try Self.schedule("daily 23:30")
        // 2026-12-08T16:00Z = 2026-12-09 01:00 JST; the slot 2026-12-08 23:30 JST = 14:30Z.
        let slot = s.dueSlot(at: Self.utc(2026, 12, 8, 16, 0), in: Self.tokyo)
        #expect(slot?.key == "2026-12-08T23:30")
        #expect(slot?.start == Self.utc(2026, 12, 8, 14, 30))
    }

    @Test("settings: defaults, chosen values, and the reasons a value is refused")
    func settings() throws {
        let d = DigestDeliverySettings(settings: [:])
        #expect(d.schedule == nil && d.period == "last-week" && d.language == .ja && d.webhooks == .all)
        #expect(d.emailTo.isEmpty)
        let s = DigestDeliverySettings(settings: [
            "digest.schedule": "mon 09:00", "digest.period": "last-month", "digest.lang": "en",
            "digest.webhooks": "3,1", "digest.email_to": "ops@example.co.jp, cmo@example.com",
        ])
        #expect(s.schedule == DigestSchedule(weekdays: [1], minuteOfDay: 540))
        #expect(s.period == "last-month" && s.language == .en && s.webhooks == .only([1, 3]))
        #expect(s.emailTo == ["ops@example.co.jp", "cmo@example.com"])
        // digest.per_owner (issue 27 §3) is off unless set; digest.segments (issue 26 §4) none.
        #expect(
            s.describe().map(\.value) == [
                "mon 09:00", "last-month", "en", "1,3", "ops@example.co.jp,cmo@example.com", "off", "none",
            ])
        #expect(DigestDeliverySettings(settings: ["digest.per_owner": "on"]).perOwner)
        #expect(DigestDeliverySettings.problem(key: "digest.per_owner", value: "sometimes") == "must be on or off")
        #expect(DigestDeliverySettings(settings: ["digest.webhooks": "none"]).webhooks == .none)
        // Stored values the form would refuse fall back to the defaults.
        let bad = DigestDeliverySettings(settings: ["digest.schedule": "someday", "digest.lang": "fr"])
        #expect(bad.schedule == nil && bad.language == .ja)

        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "digest.schedule", value: "mon 25:00")
        }
        #expect(try WorkspaceSettings.validate(key: "digest.schedule", value: " daily 08:00 ") == "daily 08:00")
        #expect(
            DigestDeliverySettings.problem(key: "digest.period", value: "2026Q3") == "must be last-week or last-month")
        #expect(DigestDeliverySettings.problem(key: "digest.webhooks", value: "1,x") != nil)
        #expect(DigestDeliverySettings.problem(key: "digest.webhooks", value: "0") != nil)
    }

    @Test("recipients: plain addresses only (they go into an SMTP command line), at most 20")
    func recipients() {
        #expect(DigestDeliverySettings.recipients("a@b.co, c@d.jp") == ["a@b.co", "c@d.jp"])
        #expect(DigestDeliverySettings.recipients("") == [])
        for bad in [
            "a@b", "a@@b.co", "@b.co", "a@.b.co", "a@b.co.", "x<y>@b.co", "a b@c.co", "a@b.co\r\nRCPT TO:<z@z.co>",
            "担当@example.jp", "a@b.co,",
        ] {
            #expect(DigestDeliverySettings.recipients(bad) == nil, "\(bad)")
        }
        let twenty = (1...20).map { "u\($0)@example.com" }.joined(separator: ",")
        #expect(DigestDeliverySettings.recipients(twenty)?.count == 20)
        #expect(DigestDeliverySettings.recipients(twenty + ",u21@example.com") == nil)
    }
}
