import Testing

@testable import KizashiCore

/// Every row obeys data-format.md, checked with hand-written predicates.
@Suite("Demo validity")
struct DemoValidityTests {
    let d = DemoFixture.data
    let asOf = DemoFixture.asOf

    @Test func countsAreInRange() {
        #expect(d.companies.count == 1_000)
        #expect((45_000...55_000).contains(d.activities.count))
        #expect((4_000...6_000).contains(d.intent.count))
        let targets = DemoFixture.targets(on: asOf).count
        #expect((100...150).contains(targets))
        #expect((1_000...2_500).contains(d.contacts.count))
        #expect(d.campaigns.count == 12)
        #expect(d.opportunities.count >= 25)
        #expect(d.meetings.count >= 25)
        #expect(d.leadStages.count >= 50)
        #expect(d.contracts.count >= 10)
    }

    @Test func idsAreUnique() {
        func unique(_ ids: [String]) -> Bool { Set(ids).count == ids.count }
        #expect(unique(d.companies.map(\.id)))
        #expect(unique(d.contacts.map(\.id)))
        #expect(unique(d.activities.map(\.id)))
        #expect(unique(d.intent.map(\.id)))
        #expect(unique(d.meetings.map(\.id)))
        #expect(unique(d.opportunities.map(\.id)))
        #expect(unique(d.contracts.map(\.id)))
        #expect(unique(d.campaigns.map(\.id)))
        #expect(unique(d.targets.map { $0.companyId + "|" + $0.addedOn.description }))
        #expect(
            unique(
                d.leadStages.map {
                    $0.contactId + "|" + $0.stage.rawValue + "|" + String($0.reachedAt.millisecondsSinceEpoch)
                }))
        #expect(d.companies.allSatisfy { $0.id.hasPrefix("C") && $0.id.count == 7 })
        #expect(d.activities.allSatisfy { $0.id.hasPrefix("A") && $0.id.count == 8 })
    }

    @Test func referencesExist() {
        let companies = Set(d.companies.map(\.id))
        let contacts = DemoFixture.contactCompany
        let campaigns = Set(d.campaigns.map(\.id))
        #expect(d.targets.allSatisfy { companies.contains($0.companyId) })
        #expect(d.contacts.allSatisfy { companies.contains($0.companyId) })
        #expect(d.intent.allSatisfy { companies.contains($0.companyId) })
        #expect(d.meetings.allSatisfy { companies.contains($0.companyId) })
        #expect(d.meetings.allSatisfy { m in m.contactId.map { contacts[$0] == m.companyId } ?? true })
        #expect(d.opportunities.allSatisfy { companies.contains($0.companyId) })
        #expect(d.contracts.allSatisfy { companies.contains($0.companyId) })
        #expect(d.leadStages.allSatisfy { contacts[$0.contactId] != nil })
        for a in d.activities {
            if let c = a.companyId { #expect(companies.contains(c)) }
            if let p = a.contactId {
                #expect(contacts[p] != nil)
                if let c = a.companyId { #expect(contacts[p] == c) }
            }
            if let k = a.campaignId { #expect(campaigns.contains(k)) }
        }
    }

    @Test func targetStaysDoNotOverlap() {
        let byCompany = Dictionary(grouping: d.targets, by: \.companyId)
        for (_, rows) in byCompany {
            let sorted = rows.sorted { $0.addedOn < $1.addedOn }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.removedOn != nil)
                #expect(a.removedOn! <= b.addedOn)
            }
            for r in rows {
                if let removed = r.removedOn { #expect(removed > r.addedOn) }
                #expect(r.addedOn <= asOf)
            }
        }
    }

    @Test func pipelineRowsAreConsistent() {
        for o in d.opportunities {
            #expect(o.createdOn <= asOf)
            #expect(o.amount != nil)  // the demo always prices its deals
            #expect((o.amount ?? 0) >= 1_000_000 && (o.amount ?? 0) <= 50_000_000)
            #expect(o.termMonths == nil || [12, 24, 36].contains(o.termMonths!))
            switch o.status {
            case .won, .lost:
                #expect(o.closedOn != nil)
                #expect(o.closedOn.map { $0 >= o.createdOn && $0 <= asOf } ?? false)
            case .open:
                #expect(o.closedOn == nil)
            }
        }
        for c in d.contracts {
            #expect(c.annualValue >= 0)
            if let end = c.endOn { #expect(end > c.startOn) }
            #expect(c.startOn <= asOf)
        }
        for c in d.campaigns {
            #expect(c.endOn >= c.startOn)
            #expect(c.cost >= 0)
        }
        #expect(d.meetings.allSatisfy { DemoFixture.tokyoDay($0.heldAt) <= asOf })
        #expect(d.leadStages.allSatisfy { DemoFixture.tokyoDay($0.reachedAt) <= asOf })
    }

    @Test func intentAndActivitiesAreInsideTheWindow() {
        let first = DemoFixture.generator.firstDay
        #expect(d.intent.allSatisfy { (0...100).contains($0.score) })
        #expect(d.intent.allSatisfy { $0.observedOn >= first && $0.observedOn <= asOf })
        #expect(zip(d.activities, d.activities.dropFirst()).allSatisfy { $0.occurredAt <= $1.occurredAt })
        #expect(zip(d.intent, d.intent.dropFirst()).allSatisfy { $0.observedOn <= $1.observedOn })
    }
}
