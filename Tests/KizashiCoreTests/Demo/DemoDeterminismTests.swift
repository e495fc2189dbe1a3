import Testing

@testable import KizashiCore

@Suite("Demo determinism")
struct DemoDeterminismTests {
    /// Records how the generator called the sink, to check the streaming contract.
    struct CallLog: DemoSink {
        var calls: [(entity: String, rows: Int)] = []
        mutating func companies(_ rows: [Company]) { calls.append(("companies", rows.count)) }
        mutating func targets(_ rows: [TargetMembership]) { calls.append(("targets", rows.count)) }
        mutating func contacts(_ rows: [Contact]) { calls.append(("contacts", rows.count)) }
        mutating func activities(_ rows: [Activity]) { calls.append(("activities", rows.count)) }
        mutating func intent(_ rows: [IntentSignal]) { calls.append(("intent", rows.count)) }
        mutating func leadStages(_ rows: [LeadStageTransition]) { calls.append(("leadStages", rows.count)) }
        mutating func meetings(_ rows: [Meeting]) { calls.append(("meetings", rows.count)) }
        mutating func opportunities(_ rows: [Opportunity]) { calls.append(("opportunities", rows.count)) }
        mutating func contracts(_ rows: [Contract]) { calls.append(("contracts", rows.count)) }
        mutating func campaigns(_ rows: [Campaign]) { calls.append(("campaigns", rows.count)) }
    }

    @Test func sameSeedGivesIdenticalRows() {
        let a = DemoFixture.data
        let b = DemoFixture.generate(seed: DemoFixture.seed)
        #expect(a.companies == b.companies)
        #expect(a.targets == b.targets)
        #expect(a.contacts == b.contacts)
        #expect(a.activities == b.activities)
        #expect(a.intent == b.intent)
        #expect(a.leadStages == b.leadStages)
        #expect(a.meetings == b.meetings)
        #expect(a.opportunities == b.opportunities)
        #expect(a.contracts == b.contracts)
        #expect(a.campaigns == b.campaigns)
    }

    @Test func anotherSeedGivesOtherRows() {
        let a = DemoFixture.data
        let b = DemoFixture.generate(seed: DemoFixture.seed + 1)
        #expect(a.companies != b.companies)
        #expect(a.activities != b.activities)
        #expect(a.opportunities != b.opportunities)
    }

    @Test func streamsInImportOrderInBoundedChunks() throws {
        var log = CallLog()
        try DemoFixture.generator.generate(into: &log)
        #expect(log.calls.allSatisfy { $0.rows <= DemoGenerator.chunkSize && $0.rows > 0 })
        var order: [String] = []
        for c in log.calls where order.last != c.entity { order.append(c.entity) }
        #expect(
            order == [
                "companies", "targets", "contacts", "campaigns", "activities", "intent", "leadStages",
                "meetings", "opportunities", "contracts",
            ])
        // Activities arrive in full chunks but the last.
        let chunks = log.calls.filter { $0.entity == "activities" }.map(\.rows)
        #expect(chunks.dropLast().allSatisfy { $0 == DemoGenerator.chunkSize })
        #expect(chunks.count == (chunks.reduce(0, +) + DemoGenerator.chunkSize - 1) / DemoGenerator.chunkSize)
    }

    @Test func dataEndsAtAsOfAndSpansFifteenMonths() {
        let d = DemoFixture.data
        let days = d.activities.map { DemoFixture.tokyoDay($0.occurredAt) }
        #expect(days.max() == DemoFixture.asOf)
        #expect(days.min() == Day(year: 2025, month: 7, day: 1))
        #expect(DemoFixture.generator.firstDay == Day(year: 2025, month: 7, day: 1))
    }
}
