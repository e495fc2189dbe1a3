import Testing

@testable import KizashiCore

/// attribution.md §Touches and edge case 4 at the grouping step: rows carry no activity_id, so
/// their order stands for it. Worked by hand from the rows.
@Suite("Attribution touches: the activity_id tie")
struct TouchGroupingTests {
    static let tz = WorkspaceTimeZone.tokyo
    static let day = Day(iso: "2026-08-01")!
    static let catalog = TouchCatalog(
        campaigns: [
            Campaign(
                id: "K1", name: "K1", channel: "webinar", startOn: Day(iso: "2026-07-01")!,
                endOn: Day(iso: "2026-09-30")!, cost: 0, abm: false)
        ], touchTypes: AttributionParameters.defaultTouchTypes)

    static func activity(_ id: String, _ type: ActivityType, seconds: Int = 36_000) -> AttributionActivity {
        AttributionActivity(
            id: id, occurredAt: tz.instant(localDay: day, secondsOfDay: seconds), type: type, account: "A",
            campaignId: "K1")
    }

    /// Same account, day and key (K1), same instant: one touch, whose type is that of the
    /// smallest activity_id by code points. "x10" < "x2" ('1' 0x31 < '2' 0x32), so the touch is
    /// x10's form_submit, whichever order the activities come in.
    @Test("same instant: the smallest activity_id by code points gives the type, in any input order")
    func smallestID() {
        for input in [
            [Self.activity("x2", .webVisit), Self.activity("x10", .formSubmit)],
            [Self.activity("x10", .formSubmit), Self.activity("x2", .webVisit)],
        ] {
            let touches = AccountTouches(input, catalog: Self.catalog, timeZone: Self.tz)
            let all = touches.touches(of: "A", days: Self.day...Self.day)
            #expect(all.count == 1)
            #expect(all.first?.type == .formSubmit)
        }
    }

    /// An earlier instant wins over a smaller ID: "x2" at 09:00 comes before "x10" at 10:00.
    @Test("an earlier instant wins over a smaller activity_id")
    func earlierInstant() {
        let touches = AccountTouches(
            [Self.activity("x10", .formSubmit), Self.activity("x2", .webVisit, seconds: 32_400)],
            catalog: Self.catalog, timeZone: Self.tz)
        let all = touches.touches(of: "A", days: Self.day...Self.day)
        #expect(all.map(\.type) == [.webVisit])
        #expect(all.first?.time == Self.tz.instant(localDay: Self.day, secondsOfDay: 32_400))
    }

    /// Rows as a store gives them: SQLite by (day, activity_id), PostgreSQL by activity_id; both
    /// give the same touches. Account A, campaign K1 (key 0), day 1 = 1 Aug, day 2 = 2 Aug:
    /// - x10 (form_submit) and x2 (web_visit) at 10:00 on day 1, K1: one touch, x10's type;
    /// - x3 (web_visit) at 08:00 on day 2, K1: a touch;
    /// - a1 (ad_click) at 09:00 on day 2, no campaign: a `direct:ad_click` touch.
    /// Journey order: day 1 10:00 form_submit, day 2 08:00 web_visit, day 2 09:00 ad_click.
    @Test("rows by (day, activity_id) or by activity_id: the same touches")
    func eitherOrder() {
        let day2 = Self.day + 1
        func row(_ d: Day, _ seconds: Int, _ type: ActivityType, campaign: Int32) -> TouchActivities.Row {
            TouchActivities.Row(
                account: 0, day: d, occurredAt: Self.tz.instant(localDay: d, secondsOfDay: seconds), type: type,
                campaign: campaign)
        }
        let (a1, x10, x2, x3) = (
            row(day2, 32_400, .adClick, campaign: -1), row(Self.day, 36_000, .formSubmit, campaign: 0),
            row(Self.day, 36_000, .webVisit, campaign: 0), row(day2, 28_800, .webVisit, campaign: 0)
        )
        for rows in [[a1, x10, x2, x3], [x10, x2, a1, x3]] {
            let read = TouchActivities(accounts: ["A"], campaignIds: ["K1"], rows: rows)
            let all = AccountTouches(read, catalog: Self.catalog).touches(of: "A", days: Self.day...day2)
            #expect(all.map(\.type) == [.formSubmit, .webVisit, .adClick])
            #expect(all.map(\.day) == [Self.day, day2, day2])
            #expect(
                all.map(\.time)
                    == [36_000, 28_800, 32_400].map {
                        Self.tz.instant(localDay: $0 == 36_000 ? Self.day : day2, secondsOfDay: $0)
                    })
        }
    }

    /// A day of more than 64 rows for one key is sorted by the library instead of by insertion:
    /// 70 rows of K1, row i at 10:00 − i minutes, the last (i = 69, 10:00 − 69 min = 08:51,
    /// 31,860 s) a form_submit and the earliest: the one touch is hers.
    @Test("a long day: the earliest row still gives the touch")
    func longDay() {
        let rows = (0..<70).map { i in
            TouchActivities.Row(
                account: 0, day: Self.day,
                occurredAt: Self.tz.instant(localDay: Self.day, secondsOfDay: 36_000 - i * 60),
                type: i == 69 ? .formSubmit : .webVisit, campaign: 0)
        }
        let read = TouchActivities(accounts: ["A"], campaignIds: ["K1"], rows: rows)
        let all = AccountTouches(read, catalog: Self.catalog).touches(of: "A", days: Self.day...Self.day)
        #expect(all.map(\.type) == [.formSubmit])
        #expect(all.map(\.time) == [Self.tz.instant(localDay: Self.day, secondsOfDay: 31_860)])
    }
}
