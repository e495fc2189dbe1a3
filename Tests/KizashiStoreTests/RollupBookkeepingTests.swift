import KizashiCore
import Testing

@testable import KizashiStore

/// `RollupBookkeeping`: what both backends' write transactions keep of their activity writes.
@Suite("Roll-up bookkeeping")
struct RollupBookkeepingTests {
    /// An activity `id` on 2026-09-01T00:00Z, stored on day 20697 under account 7.
    /// Replaced by an equal row (same day, account, type, instant and contact).
    func replaced(_ b: inout RollupBookkeeping, id: String) {
        let a = Activity(id: id, occurredAt: Instant(millisecondsSinceEpoch: 1_788_220_800_000), type: .webVisit)
        let old = ActivityReplacements.Kept(
            day: 20697, account: 7, type: UInt8(ActivityType.webVisit.index), occurredAt: 1_788_220_800_000,
            contactId: nil)
        b.replacements.replaced(old, by: a, day: 20697, account: 7)
    }

    @Test("replacements are reported while tracked, and as untracked once rows moved in bulk")
    func bulkMoveUntracks() {
        var b = RollupBookkeeping()
        replaced(&b, id: "A1")
        #expect(b.activityReplacements.equalIds == ["A1"] && !b.activityReplacements.untracked)
        b.needsRebuild = true
        #expect(b.activityReplacements.untracked && b.activityReplacements.equalIds.isEmpty)
    }

    @Test("after a rebuild nothing is left to apply and the replacements are untracked")
    func rebuiltResets() {
        var b = RollupBookkeeping()
        b.deltas.add(day: 20697, .init(account: 7, type: UInt8(ActivityType.webVisit.index)))
        replaced(&b, id: "A1")
        b.needsRebuild = true
        b.rebuilt()
        #expect(b.deltas.isEmpty && !b.needsRebuild)
        #expect(b.activityReplacements.untracked)
    }
}
