import KizashiCore
import Testing

@Suite("Days and periods")
struct DayAndPeriodTests {
    @Test("ISO dates parse strictly and print back")
    func isoDates() {
        #expect(Day(iso: "2026-09-30")?.description == "2026-09-30")
        #expect(Day(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(Day(iso: "2024-02-29") != nil)  // leap year
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-9-30") == nil)
        #expect(Day(iso: "2026/09/30") == nil)
        #expect(Day(iso: "２０２６-09-30") == nil)  // full-width digits are not ISO
    }

    @Test("whole calendar days between dates")
    func differences() {
        // 2026-04-03 → 2026-09-30: 27 + 31 + 30 + 31 + 31 + 30 = 180 (counted by hand)
        #expect(Day(iso: "2026-09-30")! - Day(iso: "2026-04-03")! == 180)
        #expect(Day(iso: "2026-09-30")! - 365 == Day(iso: "2025-09-30")!)
        #expect(Day(iso: "2024-03-01")! - Day(iso: "2024-02-28")! == 2)
    }

    @Test("calendar periods parse, label and know their previous period")
    func periods() {
        let q3 = KPIPeriod(label: "2026Q3")!
        #expect(q3.start == Day(iso: "2026-07-01")! && q3.end == Day(iso: "2026-10-01")!)
        #expect(q3.lastDay == Day(iso: "2026-09-30")!)
        #expect(q3.kind == .quarter && q3.label == "2026Q3")
        #expect(q3.previous == KPIPeriod(label: "2026Q2")!)
        #expect(KPIPeriod(label: "2026Q1")!.previous == KPIPeriod(label: "2025Q4")!)
        let sep = KPIPeriod(label: "2026-09")!
        #expect(sep.end == Day(iso: "2026-10-01")! && sep.kind == .month)
        #expect(KPIPeriod(label: "2026-01")!.previous == KPIPeriod(label: "2025-12")!)
        // March has 31 days, February 28: the previous month is a calendar month, not 31 days back.
        #expect(
            KPIPeriod(label: "2026-03")!.previous
                == KPIPeriod(start: Day(iso: "2026-02-01")!, end: Day(iso: "2026-03-01")!))
        #expect(KPIPeriod(label: "2026")!.previous == KPIPeriod(label: "2025")!)
        // A custom period of 10 days: the 10 days ending at start.
        let custom = KPIPeriod(start: Day(iso: "2026-09-05")!, end: Day(iso: "2026-09-15")!)
        #expect(custom.kind == .custom)
        #expect(custom.previous == KPIPeriod(start: Day(iso: "2026-08-26")!, end: Day(iso: "2026-09-05")!))
        // Three months not starting on a quarter boundary are a custom period.
        #expect(KPIPeriod(start: Day(iso: "2026-08-01")!, end: Day(iso: "2026-11-01")!).kind == .custom)
        #expect(KPIPeriod(label: "2026Q5") == nil)
        #expect(KPIPeriod(label: "26Q1") == nil)
        #expect(KPIPeriod(label: "2026-13") == nil)
    }
}

@Suite("Workspace time zone")
struct WorkspaceTimeZoneTests {
    static func utc(_ date: String, _ h: Int, _ m: Int = 0) -> Instant {
        Instant(
            millisecondsSinceEpoch: Int64(Day(iso: date)!.daysSinceEpoch) * 86_400_000 + Int64(h * 3600 + m * 60) * 1000
        )
    }

    @Test("Tokyo local dates around midnight")
    func tokyo() {
        let tz = WorkspaceTimeZone.tokyo
        // 14:59Z = 23:59 JST the same day; 15:00Z = 00:00 JST the next day.
        #expect(tz.day(of: Self.utc("2026-09-30", 14, 59)) == Day(iso: "2026-09-30")!)
        #expect(tz.day(of: Self.utc("2026-09-30", 15, 0)) == Day(iso: "2026-10-01")!)
        // A wall time without offset is read as JST: 09:30 JST = 00:30Z.
        #expect(
            tz.instant(localDay: Day(iso: "2026-10-01")!, secondsOfDay: 9 * 3600 + 1800)
                == Self.utc("2026-10-01", 0, 30))
    }

    @Test("zones with daylight saving time")
    func newYork() {
        let tz = WorkspaceTimeZone(identifier: "America/New_York")!
        // EDT (UTC−4) in July: 03:59Z is 23:59 the previous day; EST (UTC−5) in January: 04:59Z likewise.
        #expect(tz.day(of: Self.utc("2026-07-02", 3, 59)) == Day(iso: "2026-07-01")!)
        #expect(tz.day(of: Self.utc("2026-01-02", 4, 59)) == Day(iso: "2026-01-01")!)
        #expect(tz.day(of: Self.utc("2026-01-02", 5, 0)) == Day(iso: "2026-01-02")!)
        #expect(tz.instant(localDay: Day(iso: "2026-07-01")!, secondsOfDay: 12 * 3600) == Self.utc("2026-07-01", 16))
        #expect(WorkspaceTimeZone(identifier: "Mars/Olympus") == nil)
    }
}

@Suite("JSON output")
struct JSONValueTests {
    @Test("numbers are written in shortest round-trip form, integers without a fraction")
    func numbers() {
        #expect(JSONValue.format(0.25) == "0.25")
        #expect(JSONValue.format(18_000_000) == "18000000")
        #expect(JSONValue.format(1.0 / 3.0) == "0.3333333333333333")
        #expect(JSONValue.format(-2) == "-2")
        #expect(JSONValue.format(.nan) == "null")
    }

    @Test("objects keep their key order and strings are escaped")
    func objects() {
        let v = JSONValue.object([("b", .int(1)), ("a", .string("株式会社\"<x>\"\n")), ("n", .null), ("l", .array([]))])
        #expect(v.serialized() == #"{"b":1,"a":"株式会社\"<x>\"\n","n":null,"l":[]}"#)
    }
}

@Suite("Workspace settings")
struct WorkspaceSettingsTests {
    @Test("defaults are those of kpis.md")
    func defaults() throws {
        let p = try WorkspaceSettings.parameters(from: [:])
        #expect(
            p.timeZone.identifier == "Asia/Tokyo" && p.halfLifeDays == 30 && p.windowDays == 90 && p.scoreScale == 50)
        #expect(p.engagedThreshold == 40 && p.freshnessDays == 180 && p.surgeMinCurrent == 60 && p.surgeMinDelta == 20)
        #expect(p.grossMargin == 0.7 && p.lifetimeCapYears == 10 && p.currency == "JPY")
        #expect(p.weight(.webVisit) == 1 && p.weight(.emailOpen) == 1 && p.weight(.emailClick) == 3)
        #expect(
            p.weight(.contentView) == 4 && p.weight(.adClick) == 2 && p.weight(.formSubmit) == 10
                && p.weight(.eventAttend) == 12)
    }

    @Test("stored settings override defaults")
    func overrides() throws {
        let p = try WorkspaceSettings.parameters(from: [
            "gross_margin": "0.65", "weights.form_submit": "15", "time_zone": "UTC",
        ])
        #expect(p.grossMargin == 0.65 && p.weight(.formSubmit) == 15 && p.timeZone.identifier == "UTC")
    }

    @Test("bad values are refused with a reason")
    func invalid() {
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "gross_margin", value: "1.5")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "half_life_days", value: "0")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "window_days", value: "9.5")
        }
        // Bounded above: 9999999999 days trapped every report (day arithmetic in Int32, an array
        // a day); surge thresholds multiply counts; intent scores are 0–100.
        for (key, bad, good) in [
            ("window_days", "3651", "3650"), ("window_days", "9999999999", "1"), ("freshness_days", "3651", "0"),
            ("surge_min_current", "101", "100"), ("surge_min_delta", "4611686018427387904", "0"),
            ("half_life_days", "3650.5", "3650"), ("lifetime_cap_years", "101", "100"),
        ] {
            #expect(throws: WorkspaceSettings.InvalidSetting.self, "\(key)=\(bad)") {
                try WorkspaceSettings.validate(key: key, value: bad)
            }
            #expect(throws: Never.self, "\(key)=\(good)") { _ = try WorkspaceSettings.validate(key: key, value: good) }
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "time_zone", value: "Tokyo")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "weights.phone_call", value: "3")
        }
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "colour", value: "red")
        }
        #expect((try? WorkspaceSettings.validate(key: "currency", value: " usd ")) == "usd")
    }

    /// Outside text reaches these through every `period=`, `start=` and `end=`: before the fix,
    /// "0000Q1" and a custom period starting in December 9999 stopped the process (a force unwrap).
    @Test("periods at the ends of the calendar: refused or computed, never a trap")
    func calendarEnds() {
        for label in ["0000Q1", "-001Q1", "0000", "0000-01"] { #expect(KPIPeriod(label: label) == nil, "\(label)") }
        // 9999Q4 ends on 10000-01-01: a day past what can be typed, still a day.
        let last = KPIPeriod(label: "9999Q4")!
        #expect(last.kind == .quarter && last.lengthInDays == 92)  // 31 + 30 + 31
        #expect(last.end.components == (10000, 1, 1))
        // A custom range typed at the very end: its kind is asked (adds a month past 9999-12-01).
        let custom = KPIPeriod(start: Day(iso: "9999-12-01")!, end: Day(iso: "9999-12-31")!)
        #expect(custom.kind == .custom && custom.previous.lengthInDays == 30)
        // The month before 0001-01 is December of year 0.
        #expect(KPIPeriod(label: "0001-01")!.previous.start.components == (0, 12, 1))
        // Twelve months of trend ending with 0001-03 begin in year 0 (the workbook of 0001Q1).
        #expect(KPIPeriod.month(year: 0, month: 4).lengthInDays == 30)
        #expect(Day(iso: "2026-01-31")!.addingMonths(1) == Day(iso: "2026-02-28"))
        #expect(Day(iso: "2026-03-31")!.addingMonths(-13) == Day(iso: "2025-02-28"))
    }
}

/// The stored `time_zone` setting as the store and the connectors read it.
@Suite("The time_zone setting")
struct TimeZoneSettingTests {
    @Test("none set: Asia/Tokyo; a known zone: that zone; an unknown one: an error naming it, Tokyo meanwhile")
    func fromSetting() throws {
        #expect(try WorkspaceTimeZone.fromSetting(nil).get() == .tokyo)
        #expect(try WorkspaceTimeZone.fromSetting("Europe/Berlin").get().identifier == "Europe/Berlin")
        guard case .failure(let unknown) = WorkspaceTimeZone.fromSetting("Mars/Olympus_Mons") else {
            Issue.record("an unknown zone was accepted")
            return
        }
        #expect(unknown.identifier == "Mars/Olympus_Mons" && unknown.fallback == .tokyo)
    }
}
