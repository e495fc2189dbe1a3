import Testing

@testable import KizashiCore

/// Only changed values are sent (issue 27 §1), and the values are written as the docs say.
@Suite("CRM write-back: values and the diff")
struct CRMPropertyDiffTests {
    @Test("values: one decimal, no -0.0, stage key, empty text clears, reasons cut to three")
    func values() {
        let s = CRMAccountSignals(
            companyId: "HS1", score: 35.24235302775342, scoreChange7d: -0.04, stage: .qualified, approachRank: 2,
            reasons: ["a", "b", "c", "d"], intentTopics: ["SFA", "CRM"])
        #expect(
            s.properties == [
                "kizashi_score": "35.2", "kizashi_score_change_7d": "0.0", "kizashi_stage": "qualified",
                "kizashi_approach_rank": "2", "kizashi_reasons": "a; b; c", "kizashi_intent_topics": "SFA; CRM",
            ])
        let none = CRMAccountSignals(
            companyId: "HS2", score: 0, scoreChange7d: -0.2738945243613178, stage: nil, approachRank: nil, reasons: [],
            intentTopics: [])
        #expect(none.properties["kizashi_score_change_7d"] == "-0.3")
        #expect(none.properties["kizashi_stage"] == "" && none.properties["kizashi_approach_rank"] == "")
        // Outside text: control characters dropped, length bounded.
        let hostile = CRMAccountSignals(
            companyId: "HS3", score: 1, scoreChange7d: 0, stage: nil, approachRank: nil, reasons: [],
            intentTopics: ["a\u{0}b\nc", String(repeating: "x", count: 5_000)])
        let topics = hostile.properties["kizashi_intent_topics"]!
        #expect(topics.hasPrefix("abc; xxx") && topics.count == CRMAccountSignals.maxTextLength)
    }

    @Test("settings: crm.hubspot.schedule, lang and contacts are checked; bad stored values read as the defaults")
    func settings() throws {
        #expect(try WorkspaceSettings.validate(key: "crm.hubspot.schedule", value: "mon,thu 09:00") == "mon,thu 09:00")
        #expect(try WorkspaceSettings.validate(key: "crm.hubspot.contacts", value: "true") == "true")
        for (k, v) in [
            ("crm.hubspot.schedule", "sometimes"), ("crm.hubspot.lang", "fr"), ("crm.hubspot.contacts", "yes"),
        ] {
            #expect(throws: WorkspaceSettings.InvalidSetting.self) { try WorkspaceSettings.validate(key: k, value: v) }
        }
        let read = CRMSyncSettings(settings: [
            "crm.hubspot.schedule": "daily 06:00", "crm.hubspot.lang": "fr", "crm.hubspot.contacts": "TRUE",
        ])
        #expect(read.schedule == DigestSchedule(weekdays: Set(1...7), minuteOfDay: 360))
        #expect(read.language == .ja && read.contacts)
        #expect(CRMSyncSettings(settings: [:]).describe().map(\.value) == ["off", "ja", "false"])
    }

    @Test("HubSpot IDs: only HS + digits, as the HubSpot import names its records")
    func recordIds() {
        #expect(HubSpotRecordID.fromWorkspaceId("HS123") == "123")
        for id in ["C1", "HS", "HSabc", "HS12a", "hs12", "HS" + String(repeating: "9", count: 21), "HS１２"] {
            #expect(HubSpotRecordID.fromWorkspaceId(id) == nil, "\(id)")
        }
    }

    @Test("diff: a never-sent record sends everything; unchanged sends nothing; synced_at alone is no change")
    func diff() {
        let current = [
            "1": ["kizashi_score": "35.2", "kizashi_stage": "qualified"],
            "2": ["kizashi_score": "1.6", "kizashi_stage": "aware"],
            "3": ["kizashi_score": "0.0", "kizashi_stage": "target"],
        ]
        let last = [
            // 1: identical (its old synced_at differs, which is not a change)
            "1": ["kizashi_score": "35.2", "kizashi_stage": "qualified", "kizashi_synced_at": "1"],
            // 2: the stage moved
            "2": ["kizashi_score": "1.6", "kizashi_stage": "target", "kizashi_synced_at": "1"],
            // 3: never sent
        ]
        let changes = CRMPropertyDiff.changes(current: current, lastSent: last, syncedAt: "99")
        #expect(
            changes == [
                CRMRecordUpdate(recordId: "2", properties: ["kizashi_stage": "aware", "kizashi_synced_at": "99"]),
                CRMRecordUpdate(
                    recordId: "3",
                    properties: ["kizashi_score": "0.0", "kizashi_stage": "target", "kizashi_synced_at": "99"]),
            ])
        #expect(CRMPropertyDiff.changes(current: current, lastSent: current, syncedAt: "99").isEmpty)
        // Record 4 left (no current values): its non-empty properties are cleared, once.
        let left = ["kizashi_score": "12.0", "kizashi_reasons": "", "kizashi_synced_at": "1"]
        #expect(
            CRMPropertyDiff.changes(
                current: current, lastSent: current.merging(["4": left]) { a, _ in a }, syncedAt: "99")
                == [CRMRecordUpdate(recordId: "4", properties: ["kizashi_score": "", "kizashi_synced_at": "99"])])
        let clearedBefore = ["kizashi_score": "", "kizashi_reasons": "", "kizashi_synced_at": "99"]
        #expect(
            CRMPropertyDiff.changes(
                current: current, lastSent: current.merging(["4": clearedBefore]) { a, _ in a }, syncedAt: "100"
            ).isEmpty)
    }
}
