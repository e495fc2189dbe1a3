import Foundation
import Testing

@testable import KizashiCore

/// The demo carries the defects and shapes real ABM data has, so every KPI has something to show.
@Suite("Demo realism")
struct DemoRealismTests {
    let d = DemoFixture.data
    let asOf = DemoFixture.asOf

    @Test func hasRealDuplicatesOfEveryKind() {
        let dup = DemoFixture.duplicated()
        #expect(dup.byNumber.count >= 4)
        #expect(dup.byDomain.count >= 4)
        #expect(dup.byName.count >= 4)
        let all = dup.byNumber.union(dup.byDomain).union(dup.byName)
        #expect(all.count >= 20 && all.count <= 150)
        // Some duplicated companies are on the target list, so duplicate_rate is not zero.
        #expect(!DemoFixture.targets(on: asOf).isDisjoint(with: all))
    }

    @Test func corporateNumbersAreMostlyValid() {
        let filled = d.companies.compactMap(\.corporateNumber)
        let invalid = filled.filter { !DemoFixture.isValidCorporateNumber($0) }
        #expect(filled.count > 600)
        let share = Double(invalid.count) / Double(filled.count)
        #expect(share > 0.02 && share < 0.12)
    }

    @Test func namesUseJapaneseAndEnglishLegalForms() {
        let names = d.companies.map(\.name)
        for form in ["株式会社", "(株)", "㈱", "（株）", "有限会社", "Co., Ltd.", "Inc."] {
            #expect(names.contains { $0.contains(form) }, "no company name with \(form)")
        }
        #expect(names.contains { $0.hasPrefix("株式会社") })
        #expect(names.contains { $0.hasSuffix("株式会社") })
    }

    @Test func fieldsAreSometimesMissingOrMalformed() {
        let c = d.companies
        #expect(c.contains { $0.domain == nil })
        #expect(c.contains { $0.industry == nil })
        #expect(c.contains { $0.employees == nil })
        #expect(c.contains { $0.region == nil })
        #expect(c.contains { $0.country == "JP" && $0.corporateNumber == nil })
        #expect(c.contains { $0.employees.map { !$0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } } ?? false })
        #expect(c.contains { $0.domain.map { !DemoFixture.isValidDomain($0) } ?? false })
        let emails = d.contacts.compactMap(\.email)
        let badEmails = emails.filter { !DemoFixture.isValidEmail($0) }
        #expect(!badEmails.isEmpty && badEmails.count * 20 < emails.count)
        #expect(d.contacts.contains { $0.email == nil })
        #expect(d.contacts.contains { $0.role == nil })
    }

    @Test func universeIsMostlyJapaneseWithSomeUS() {
        let jp = d.companies.filter { $0.country == "JP" }
        let us = d.companies.filter { $0.country == "US" }
        #expect(jp.count > 800 && us.count > 30)
        #expect(jp.contains { $0.region == "東京都" } && jp.contains { $0.region == "大阪府" })
        #expect(us.contains { $0.region == "CA" })
        #expect(Set(d.companies.compactMap(\.industry)).isSuperset(of: ["Manufacturing", "IT", "Finance", "Retail"]))
    }

    @Test func targetListFollowsTheICPWithExceptions() {
        let targets = DemoFixture.targets(on: asOf)
        let icp = Set(d.companies.filter(DemoCompanyBuilder.matchesICP).map(\.id))
        #expect(icp.count >= 50 && icp.count <= 300)
        let inside = targets.intersection(icp).count
        #expect(Double(inside) / Double(targets.count) > 0.6)
        #expect(inside < targets.count)
        let active = d.targets.filter { $0.isActive(on: asOf) }
        let tier1 = active.filter { $0.tier == .one }.count, tier3 = active.filter { $0.tier == .three }.count
        #expect(Double(tier1) / Double(active.count) > 0.04 && Double(tier1) / Double(active.count) < 0.18)
        #expect(Double(tier3) / Double(active.count) > 0.45 && Double(tier3) / Double(active.count) < 0.75)
        // Removed and re-added companies.
        let stays = Dictionary(grouping: d.targets, by: \.companyId)
        #expect(stays.values.contains { $0.count == 2 })
        #expect(d.targets.contains { $0.removedOn != nil })
        #expect(Set(d.targets.compactMap(\.owner)).count >= 4)
    }

    @Test func freshnessIsPartial() {
        let targets = DemoFixture.targets(on: asOf)
        let fresh = d.companies.filter {
            targets.contains($0.id) && $0.verifiedOn.map { (0...180).contains(asOf - $0) } ?? false
        }
        let share = Double(fresh.count) / Double(targets.count)
        #expect(share > 0.2 && share < 0.7)
    }

    @Test func targetsHaveBuyingCommittees() {
        let byCompany = Dictionary(grouping: d.contacts, by: \.companyId)
        for t in DemoFixture.targets(on: asOf) {
            let people = byCompany[t] ?? []
            #expect(people.count >= 2 && people.count <= 9)
        }
        #expect(d.contacts.contains { $0.name == "山田 太郎" || ($0.name?.contains(" ") ?? false) })
        #expect(Set(d.contacts.compactMap(\.department)).isSuperset(of: ["情報システム部", "営業部", "マーケティング部"]))
        #expect(Set(d.contacts.compactMap(\.title)).isSuperset(of: ["部長", "課長", "担当"]))
    }

    @Test func activitiesHaveAWeeklyRhythmAndRealisticMix() {
        var weekday = 0, weekend = 0
        var byType: [ActivityType: Int] = [:]
        for a in d.activities {
            let w = DemoCalendar.weekday(DemoFixture.tokyoDay(a.occurredAt))
            if w == 0 || w == 6 { weekend += 1 } else { weekday += 1 }
            byType[a.type, default: 0] += 1
        }
        #expect(Double(weekday) / 5 > 4 * Double(weekend) / 2)
        let total = Double(d.activities.count)
        #expect(byType[.webVisit]! == byType.values.max())
        #expect(Double(byType[.formSubmit] ?? 0) / total < 0.03 && (byType[.formSubmit] ?? 0) > 0)
        #expect(Double(byType[.eventAttend] ?? 0) / total < 0.03 && (byType[.eventAttend] ?? 0) > 0)
        #expect(d.activities.contains { $0.url == "/pricing" })
        #expect(d.activities.contains { $0.campaignId != nil })
    }

    @Test func someActivitiesAreUnresolvedOrContactOnly() {
        let unresolved = d.activities.filter { $0.companyId == nil && $0.contactId == nil }.count
        let share = Double(unresolved) / Double(d.activities.count)
        #expect(share > 0.03 && share < 0.07)
        #expect(d.activities.contains { $0.companyId == nil && $0.contactId != nil })
    }

    @Test func atLeastOneTargetSurgesOnAsOf() {
        #expect(!DemoFixture.surgingTargets(on: asOf).isEmpty)
        let kinds = Set(d.intent.map(\.kind))
        #expect(kinds == Set(IntentKind.allCases))
        #expect(d.intent.contains { $0.kind == .competitorVisit && DemoWebVocabulary.competitors.contains($0.topic) })
    }

    @Test func contractsIncludeChurn() {
        let yearAgo = asOf - 365
        let activeThen = Set(d.contracts.filter { $0.isActive(on: yearAgo) }.map(\.companyId))
        let activeNow = Set(d.contracts.filter { $0.isActive(on: asOf) }.map(\.companyId))
        #expect(!activeThen.subtracting(activeNow).isEmpty)
        #expect(!activeNow.isEmpty)
        #expect(d.campaigns.contains { $0.abm } && d.campaigns.contains { !$0.abm })
    }
}
