import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Salesforce Lead, Campaign, CampaignMember and OpportunityHistory (Fixtures/connectors, synthetic
/// Data Loader files; SOURCE.md). Every expectation is read off the files by hand; times are
/// converted with the workspace zone Asia/Tokyo (UTC+9, no DST).
@Suite("Connectors: Salesforce leads, campaigns, responses and stage history")
struct SalesforceMarketingTests {
    static func instant(_ iso: String) -> Instant {
        let d = ISO8601DateFormatter().date(from: iso)!
        return Instant(millisecondsSinceEpoch: Int64(d.timeIntervalSince1970 * 1000))
    }

    @Test("mapped, skipped and rejected as worked out by hand")
    func marketingObjects() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        // A won opportunity already in the workspace without a close date: its history completes it.
        try await store.transaction { tx in
            try await tx.upsert(companies: [Company(id: "001D000000IqhSLIAZ", name: "Beta KK", domain: "beta.jp")])
            try await tx.upsert(opportunities: [
                Opportunity(
                    id: "006000000000009AAA", companyId: "001D000000IqhSLIAZ", name: "Old deal",
                    createdOn: Day(iso: "2026-07-01")!, amount: 100, termMonths: nil, status: .won, closedOn: nil,
                    stage: nil, source: nil)
            ])
        }
        let files = [
            "Account.csv", "Contact.csv", "Opportunity.csv", "Lead.csv", "Campaign.csv", "CampaignMember.csv",
            "OpportunityHistory.csv",
        ].map { Fixture.path("connectors/" + $0) }
        let r = try await ConnectorImporter(store: store).importSalesforce(paths: files, dryRun: false)
        // 8 account-side rows + 6 leads + 4 campaigns + 6 members + 4 history rows.
        #expect(r.rowsRead == 28)
        // 7 account-side (2 accounts, 2 contacts, 3 opportunities) + 3 campaigns + 3 leads (L1, L2, L3)
        // + 3 responses (members 1, 2, 6) + 3 history rows of known opportunities.
        #expect(r.mapped == 19)
        #expect(r.skipped["lead whose company is not in the workspace"] == 1)  // L4, unknown.example
        #expect(r.skipped["converted lead whose contact is not imported"] == 1)  // L5
        #expect(r.skipped["campaign member who did not respond"] == 1)  // member 3, Sent
        #expect(r.skipped["campaign member who is not a known contact or lead"] == 1)  // member 4 → L4
        #expect(r.skipped["campaign member of a campaign not imported"] == 1)  // member 5 → 701…9
        #expect(r.skipped["stage history of an opportunity not imported"] == 1)  // 006ZZ…
        #expect(r.rejected.contains { $0.line == 7 && $0.column == "Lead.csv:lead" && $0.reason == "no Id" })
        #expect(
            r.rejected.contains {
                $0.line == 5 && $0.column == "Campaign.csv:campaign" && $0.reason == "negative ActualCost"
            })
        #expect(r.rejected.count == 2)

        #expect(
            try await store.campaigns() == [
                Campaign(
                    id: "701000000000001AAA", name: "ABM Webinar 2026Q3", channel: "Webinar",
                    startOn: Day(iso: "2026-08-01")!, endOn: Day(iso: "2026-08-31")!, cost: 300_000, abm: true),
                Campaign(
                    id: "701000000000002AAA", name: "展示会 出展", channel: "Trade Show", startOn: Day(iso: "2026-09-10")!,
                    endOn: Day(iso: "2026-09-12")!, cost: 1_200_000.5, abm: false),
                // No EndDate: a one-day campaign; no ActualCost: 0.
                Campaign(
                    id: "701000000000003AAA", name: "Newsletter", channel: "Email", startOn: Day(iso: "2026-09-01")!,
                    endOn: Day(iso: "2026-09-01")!, cost: 0, abm: false),
            ])

        // L1 (acme.co.jp from the e-mail) and L2 (gmail.com finds nothing; "Beta KK" → name beta)
        // become contacts with the lead's ID.
        let contacts = try await store.contacts(after: nil, limit: 20)
        #expect(contacts.first { $0.id == "00Q000000000001AAA" }?.companyId == "001xx000003DGb2AAG")
        #expect(contacts.first { $0.id == "00Q000000000001AAA" }?.name == "鈴木 一郎")
        #expect(contacts.first { $0.id == "00Q000000000002AAA" }?.companyId == "001D000000IqhSLIAZ")
        #expect(contacts.count == 4)  // 2 Contact rows + 2 leads

        #expect(
            try await store.leadStages() == [
                // L3 converted to 003xx000004TmiQ: MQL from MQL_Date__c (10:00 JST = 01:00Z), SQL at the
                // ConvertedDate (2026-09-01 00:00 JST = 2026-08-31T15:00Z).
                LeadStageTransition(
                    contactId: "003xx000004TmiQAAS", stage: .mql, reachedAt: Self.instant("2026-08-01T01:00:00Z")),
                LeadStageTransition(
                    contactId: "003xx000004TmiQAAS", stage: .sql, reachedAt: Self.instant("2026-08-31T15:00:00Z")),
                // L1: Status MQL, at LastModifiedDate.
                LeadStageTransition(
                    contactId: "00Q000000000001AAA", stage: .mql, reachedAt: Self.instant("2026-09-10T01:00:00Z")),
                // L2: MQL_Date__c 09:00 JST.
                LeadStageTransition(
                    contactId: "00Q000000000002AAA", stage: .mql, reachedAt: Self.instant("2026-08-20T00:00:00Z")),
            ])

        let activities = try await store.activities(after: nil, limit: 20)
        #expect(
            activities == [
                // Webinar → event_attend at FirstRespondedDate 2026-08-20 00:00 JST.
                Activity(
                    id: "00v000000000001AAA", occurredAt: Self.instant("2026-08-19T15:00:00Z"), type: .eventAttend,
                    contactId: "003xx000004TmiQAAS", campaignId: "701000000000001AAA"),
                // Attended a trade show, through lead L1; no FirstRespondedDate → CreatedDate.
                Activity(
                    id: "00v000000000002AAA", occurredAt: Self.instant("2026-09-11T02:00:00Z"), type: .eventAttend,
                    contactId: "00Q000000000001AAA", campaignId: "701000000000002AAA"),
                // Email campaign → email_click, 2026-09-05 00:00 JST.
                Activity(
                    id: "00v000000000006AAA", occurredAt: Self.instant("2026-09-04T15:00:00Z"), type: .emailClick,
                    contactId: "003xx000004TmiRAAS", campaignId: "701000000000003AAA"),
            ])

        let opps = Dictionary(uniqueKeysWithValues: try await store.opportunities().map { ($0.id, $0) })
        // Closed Won reached 2026-09-29T16:00Z = 2026-09-30 01:00 JST: closed on the 30th (JST).
        #expect(opps["006000000000009AAA"]?.closedOn == Day(iso: "2026-09-30"))
        #expect(opps["006000000000009AAA"]?.stage == "Closed Won")
        // The CSV's own close date is kept.
        #expect(opps["006xx000001a2b3AAA"]?.closedOn == Day(iso: "2026-09-15"))
        #expect(r.notes.contains("1 opportunities completed from their stage history"))
    }

    @Test("campaign types and lead stages from fields alone")
    func mappingRules() {
        #expect(SalesforceMapping.activityType(ofCampaignType: "Webinar") == .eventAttend)
        #expect(SalesforceMapping.activityType(ofCampaignType: "セミナー") == .eventAttend)
        #expect(SalesforceMapping.activityType(ofCampaignType: "Email") == .emailClick)
        #expect(SalesforceMapping.activityType(ofCampaignType: "Banner Ads") == .adClick)
        #expect(SalesforceMapping.activityType(ofCampaignType: "Direct Mail") == .formSubmit)
        #expect(SalesforceMapping.activityType(ofCampaignType: nil) == .formSubmit)
        let tz = WorkspaceTimeZone.tokyo
        // A custom ABM__c checkbox beats the name.
        let c = SalesforceMapping.campaign([
            "id": "701000000000005AAA", "name": "ABM-free event", "startdate": "2026-01-01", "abm__c": "false",
        ])
        #expect((try? c.get())?.abm == false)
        // Status "Sales Accepted" without a date field: SQL at LastModifiedDate.
        let lead = try? SalesforceMapping.lead(
            [
                "id": "00Q000000000009AAA", "status": "Sales Accepted",
                "lastmodifieddate": "2026-09-01T00:00:00.000+0000",
            ], timeZone: tz
        ).get()
        #expect(lead?.stages.map(\.stage) == [.sql])
        #expect(lead?.stages.first?.at == Self.instant("2026-09-01T00:00:00Z"))
    }
}
