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
}
