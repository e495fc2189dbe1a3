import KizashiCore
import Testing

/// Issue 26 §4: the segment rule language, read strictly and judged on hand-made facts.
@Suite("Segment rules (parser and evaluation)")
struct SegmentRuleTests {
    /// The issue's example: tier 1, stage Engaged or further, surge on セキュリティ, no decision maker engaged.
    static let example = "tier:1 stage>=engaged surge:セキュリティ missing:decision_maker employees>=300"

    static let acme = SegmentFacts(
        companyId: "C1", name: "Acme", tier: .one, icpMatch: true, industry: "製造業", employees: 500,
        region: "東京都", country: "JP", score: 42, scoreChange7d: 6.5, stage: .qualified,
        topics: ["セキュリティ", "クラウド"], surgingTopics: ["セキュリティ"], coverageFull: false,
        missingRoles: [.decisionMaker])

    @Test func parsesTheIssueExample() throws {
        let rule = try SegmentRule(text: Self.example)
        #expect(
            rule.conditions == [
                .tier([.one]), .stageBound(.atLeast, .engaged), .surging(["セキュリティ"]), .missing(.decisionMaker),
                .employees(.atLeast, 300),
            ])
        // The canonical text reads back to the same rule.
        #expect(rule.text == Self.example)
        #expect(try SegmentRule(text: rule.text) == rule)
    }

    @Test func quotedValuesKeepSpacesAndCommas() throws {
        let rule = try SegmentRule(text: #"industry:"Information Technology",製造業   topic:"a,b""#)
        #expect(rule.conditions == [.industry(["Information Technology", "製造業"]), .topic(["a,b"])])
        #expect(try SegmentRule(text: rule.text) == rule)
    }

    @Test func everyConditionHoldsOrNotOnHandMadeFacts() throws {
        let f = Self.acme
        let cases: [(String, Bool)] = [
            ("tier:1", true), ("tier:2,3", false), ("icp:yes", true), ("icp:no", false),
            ("industry:製造業,小売業", true), ("industry:小売業", false),
            // 500 employees: ≥ 500 holds, ≥ 501 not, ≤ 499 not.
            ("employees>=500", true), ("employees>=501", false), ("employees<=499", false),
            ("prefecture:東京都", true), ("prefecture:大阪府", false), ("country:jp", true), ("country:US", false),
            // score 42, change 6.5.
            ("score>=42", true), ("score>=42.01", false), ("score<=10", false),
            ("change>=6.5", true), ("change<=-1", false), ("change>=7", false),
            // qualified: in {qualified}, ≥ engaged, ≤ aware is false.
            ("stage:qualified", true), ("stage:engaged,aware", false), ("stage>=engaged", true),
            ("stage<=aware", false), ("stage>=opportunity", false),
            ("surging", true), ("surge:セキュリティ", true), ("surge:クラウド", false),
            ("topic:クラウド", true), ("topic:AI", false),
            ("coverage:full", false), ("missing:decision_maker", true), ("missing:influencer", false),
        ]
        for (text, expected) in cases {
            #expect(try SegmentRule(text: text).matches(f) == expected, "\(text)")
        }
    }

    @Test func combinedRuleIsAConjunction() throws {
        let rule = try SegmentRule(text: Self.example)
        #expect(rule.matches(Self.acme))
        var engagedDM = Self.acme
        engagedDM.missingRoles = []
        #expect(!rule.matches(engagedDM))
        var small = Self.acme
        small.employees = 299
        #expect(!rule.matches(small))
        var unknownSize = Self.acme
        unknownSize.employees = nil
        #expect(!rule.matches(unknownSize))
        var aware = Self.acme
        aware.stage = .aware
        #expect(!rule.matches(aware))
        var noStage = Self.acme
        noStage.stage = nil
        #expect(!rule.matches(noStage))
        // An empty rule holds for every account.
        #expect(try SegmentRule(text: "  ").matches(Self.acme))
    }

    @Test func employeesFromCompaniesCSV() {
        #expect(SegmentFacts.employees("300") == 300)
        #expect(SegmentFacts.employees("3,000") == nil)
        #expect(SegmentFacts.employees("約300") == nil)
        #expect(SegmentFacts.employees("9999999999999") == nil)
        #expect(SegmentFacts.employees(nil) == nil)
    }

    @Test func errorsNameTheConditionAndTheReason() {
        func error(_ text: String) -> SegmentRuleError? {
            do {
                _ = try SegmentRule(text: text)
                return nil
            } catch { return error }
        }
        #expect(error("tier:1 stage>=engagd")?.position == 2)
        #expect(error("tier:1 stage>=engagd")?.condition == "stage>=engagd")
        #expect(error("tier:1 stage>=engagd")?.reason.contains("unknown stage \"engagd\"") == true)
        #expect(error("tier:4")?.reason == "tier \"4\" is not 1, 2 or 3")
        #expect(error("size>=3")?.reason.hasPrefix("unknown condition \"size\"") == true)
        #expect(error("tier>=1")?.reason == "\"tier\" takes \":\", not \">=\"")
        #expect(error("score:5")?.reason == "\"score\" takes \">=\" or \"<=\" and a number")
        #expect(error("score>=abc")?.reason == "\"abc\" is not a number")
        #expect(error("score>=1e400")?.reason == "\"1e400\" is not a number")
        #expect(error("employees>=-3")?.position == 1)
        #expect(error("employees>=99999999999999999999")?.reason.contains("whole number") == true)
        #expect(error("industry:製造業,,小売業")?.reason == "a value is empty")
        #expect(error("tier")?.reason == "expected \":\", \">=\" or \"<=\" after \"tier\"")
        #expect(error("icp:maybe")?.reason == "icp is yes or no")
        #expect(error("missing:ceo")?.reason.hasPrefix("missing takes one role") == true)
        #expect(error("coverage:half")?.position == 1)
        #expect(error(#"topic:"open"#)?.reason == "a quote is not closed")
    }

    @Test func boundedLengthConditionsAndValues() {
        // 1001 characters: refused before any parsing.
        let long = "topic:" + String(repeating: "a", count: 995)
        #expect(long.count == 1001)
        #expect(throws: SegmentRuleError(position: 0, condition: "", reason: "longer than 1000 characters")) {
            try SegmentRule(text: long)
        }
        // 31 conditions of "icp:yes" (7 characters + a space): 247 characters, under the length bound.
        let many = Array(repeating: "icp:yes", count: 31).joined(separator: " ")
        #expect(throws: SegmentRuleError(position: 0, condition: "", reason: "31 conditions, at most 30")) {
            try SegmentRule(text: many)
        }
        #expect((try? SegmentRule(text: Array(repeating: "icp:yes", count: 30).joined(separator: " "))) != nil)
        let values = "topic:" + (1...51).map(String.init).joined(separator: ",")
        #expect(throws: SegmentRuleError(position: 1, condition: values, reason: "51 values, at most 50")) {
            try SegmentRule(text: values)
        }
    }

    @Test func jsonForm() throws {
        let rule = try SegmentRule(text: "tier:2,1 stage>=engaged")
        #expect(
            rule.json.serialized()
                == #"{"text":"tier:1,2 stage>=engaged","conditions":[{"field":"tier","op":"in","value":[1,2]},{"field":"stage","op":">=","value":"engaged"}]}"#
        )
    }
}
