import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 26 §4: saved segments and their membership history, the same on both backends.
@Suite("Store contract: segments and their membership history")
struct SegmentContractTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static let t0 = Instant(millisecondsSinceEpoch: 1_790_000_000_123)
    static let t1 = Instant(millisecondsSinceEpoch: 1_790_000_999_000)

    @Test("created (name unique), listed by name, rule updated, deleted with history", arguments: StoreBackend.allCases)
    func segments(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.segments().isEmpty)
        let rule = "tier:1 stage>=engaged surge:セキュリティ missing:decision_maker"
        let a = try await store.createSegment(name: "重点_セキュリティ", rule: rule, at: Self.t0)
        #expect(a.name == "重点_セキュリティ" && a.rule == rule && a.createdAt == Self.t0 && a.updatedAt == Self.t0)
        #expect(a.refreshedOn == nil)
        let b = try await store.createSegment(name: "big", rule: "employees>=1000", at: Self.t0)
        #expect(a.id != b.id)
        // "big" < "重点…" in code points.
        #expect(try await store.segments().map(\.name) == ["big", "重点_セキュリティ"])
        await #expect(throws: SegmentNameTaken(name: "big")) {
            _ = try await store.createSegment(name: "big", rule: "tier:2", at: Self.t1)
        }
        #expect(try await store.segment(named: "big")?.rule == "employees>=1000")
        #expect(try await store.updateSegmentRule(name: "big", rule: "employees>=2000", at: Self.t1))
        #expect(!(try await store.updateSegmentRule(name: "nope", rule: "tier:1", at: Self.t1)))
        let updated = try await store.segment(named: "big")
        #expect(updated?.rule == "employees>=2000" && updated?.updatedAt == Self.t1 && updated?.createdAt == Self.t0)
        try await store.recordSegmentRefresh(segmentId: b.id, on: Self.day("2026-10-01"), entered: ["C1"], left: [])
        #expect(try await store.deleteSegment(named: "big"))
        #expect(!(try await store.deleteSegment(named: "big")))
        #expect(try await store.segmentStays(segmentId: b.id).isEmpty)
        #expect(try await store.segments().map(\.name) == ["重点_セキュリティ"])
        #expect(PortableTable.all.map(\.name).contains("segments"))
        #expect(PortableTable.all.map(\.name).contains("segment_members"))
    }

    @Test("refreshes open and end stays, keep history, 600 entering at once", arguments: StoreBackend.allCases)
    func history(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let s = try await store.createSegment(name: "s", rule: "tier:1", at: Self.t0)
        let d1 = Self.day("2026-10-01"), d2 = Self.day("2026-10-08"), d3 = Self.day("2026-10-15")
        // 600 companies: more than one INSERT of 250 rows.
        let many = (0..<600).map { "C\(1000 + $0)" }
        try await store.recordSegmentRefresh(segmentId: s.id, on: d1, entered: many, left: [])
        #expect(try await store.segment(named: "s")?.refreshedOn == d1)
        #expect(try await store.segmentStays(segmentId: s.id).count == 600)
        // d2: C1000 leaves; d3: it comes back (a second stay), C1001 leaves.
        try await store.recordSegmentRefresh(segmentId: s.id, on: d2, entered: [], left: ["C1000"])
        try await store.recordSegmentRefresh(segmentId: s.id, on: d3, entered: ["C1000"], left: ["C1001"])
        let stays = try await store.segmentStays(segmentId: s.id)
        #expect(stays.count == 601)
        #expect(
            stays.prefix(3) == [
                SegmentStay(companyId: "C1000", enteredOn: d1, leftOn: d2),
                SegmentStay(companyId: "C1000", enteredOn: d3, leftOn: nil),
                SegmentStay(companyId: "C1001", enteredOn: d1, leftOn: d3),
            ])
        #expect(try await store.segment(named: "s")?.refreshedOn == d3)
        // Entering and leaving on the same day: no zero-day stay is kept.
        try await store.recordSegmentRefresh(segmentId: s.id, on: d3, entered: [], left: ["C1000"])
        #expect(
            try await store.segmentStays(segmentId: s.id).filter { $0.companyId == "C1000" } == [
                SegmentStay(companyId: "C1000", enteredOn: d1, leftOn: d2)
            ])
    }

    @Test(
        "a feed (tier, owner) is stored, read back and stopped; a refresh in a transaction marks fed stays",
        arguments: StoreBackend.allCases)
    func feed(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let s = try await store.createSegment(name: "feed", rule: "employees>=1000", at: Self.t0)
        #expect(s.feed == nil)
        let fed = try await store.setSegmentFeed(
            name: "feed", feed: SegmentFeed(tier: .three, owner: "山田"), at: Self.t1)
        #expect(fed?.feed == SegmentFeed(tier: .three, owner: "山田") && fed?.updatedAt == Self.t1)
        #expect(try await store.segment(named: "feed")?.feed == SegmentFeed(tier: .three, owner: "山田"))
        #expect(try await store.setSegmentFeed(name: "nope", feed: SegmentFeed(tier: .one), at: Self.t1) == nil)
        let d1 = Self.day("2026-10-01"), d2 = Self.day("2026-10-02")
        try await store.transaction { tx in
            try await tx.recordSegmentRefresh(segmentId: s.id, on: d1, entered: ["C1", "C2"], left: [], fed: ["C2"])
        }
        #expect(
            try await store.segmentStays(segmentId: s.id) == [
                SegmentStay(companyId: "C1", enteredOn: d1), SegmentStay(companyId: "C2", enteredOn: d1, fed: true),
            ])
        try await store.transaction { tx in
            try await tx.recordSegmentRefresh(segmentId: s.id, on: d2, entered: [], left: ["C2"], fed: [])
        }
        #expect(
            try await store.segmentStays(segmentId: s.id).last
                == SegmentStay(companyId: "C2", enteredOn: d1, leftOn: d2, fed: true))
        #expect(try await store.segment(named: "feed")?.refreshedOn == d2)
        #expect(try await store.setSegmentFeed(name: "feed", feed: nil, at: Self.t1)?.feed == nil)
        let noOwner = try await store.setSegmentFeed(name: "feed", feed: SegmentFeed(tier: .one), at: Self.t1)
        #expect(noOwner?.feed == SegmentFeed(tier: .one, owner: nil))
    }
}
