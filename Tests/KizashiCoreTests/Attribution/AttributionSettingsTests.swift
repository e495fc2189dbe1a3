import Testing

@testable import KizashiCore

/// attribution.md §Inputs and parameters: the three settings, validated like every workspace key.
@Suite("Attribution settings")
struct AttributionSettingsTests {
    @Test("valid values are accepted and read; defaults otherwise")
    func valid() throws {
        #expect(try WorkspaceSettings.validate(key: "attribution.lookback_days", value: " 30 ") == "30")
        #expect(try WorkspaceSettings.validate(key: "attribution.half_life_days", value: "3.5") == "3.5")
        #expect(
            try WorkspaceSettings.validate(key: "attribution.touch_types", value: "form_submit, web_visit")
                == "form_submit, web_visit")
        let p = AttributionParameters(settings: [
            "attribution.lookback_days": "30", "attribution.touch_types": "form_submit, web_visit,email_open",
            "attribution.half_life_days": "3.5",
        ])
        #expect(p.lookbackDays == 30 && p.halfLifeDays == 3.5)
        // Canonical order (ActivityType's), whatever order was written.
        #expect(p.touchTypes == [.webVisit, .emailOpen, .formSubmit])
        #expect(AttributionParameters(settings: [:]) == AttributionParameters())
        #expect(AttributionParameters().touchTypes.contains(.emailOpen) == false)
        let shown = try WorkspaceSettings.describe([:])
        #expect(
            shown.contains {
                $0.key == "attribution.touch_types"
                    && $0.value == "web_visit,email_click,content_view,ad_click,form_submit,event_attend"
            })
        #expect(WorkspaceSettings.keys.contains { $0.key == "attribution.half_life_days" })
    }

    @Test(
        "bad values are refused with the key and a reason",
        arguments: [
            ("attribution.lookback_days", "-1"), ("attribution.lookback_days", "3651"),
            ("attribution.lookback_days", "7.5"),
            ("attribution.half_life_days", "0"), ("attribution.half_life_days", "nan"),
            ("attribution.half_life_days", "1e9"),
            ("attribution.touch_types", ""), ("attribution.touch_types", "web_visit,web_visit"),
            ("attribution.touch_types", "web_visit,phone_call"), ("attribution.touch_types", "web_visit,"),
        ])
    func invalid(key: String, value: String) {
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: key, value: value)
        }
        #expect(AttributionParameters.problem(key: key, value: value) != nil)
    }
}
