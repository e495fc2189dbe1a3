import Testing

@testable import KizashiCore

/// The ICP as a form (issue 22 §3): the choices come from the companies, most frequent first;
/// posted fields become the same ICP icp.json gives; hostile values are refused with the field.
@Suite("ICP form")
struct ICPFormTests {
    static func company(_ id: String, industry: String?, country: String?, region: String?) -> Company {
        Company(id: id, name: id, industry: industry, country: country, region: region)
    }

    @Test("choices: distinct values by frequency, ties by value; the saved ICP's values stay offered")
    func choices() {
        let companies = [
            Self.company("C1", industry: "IT", country: "JP", region: "東京都"),
            Self.company("C2", industry: "Manufacturing", country: "JP", region: "大阪府"),
            Self.company("C3", industry: "IT", country: "JP", region: "東京都"),
            Self.company("C4", industry: " IT ", country: nil, region: "CA"),
            Self.company("C5", industry: "", country: "US", region: "大阪府"),
        ]
        let c = ICPForm.choices(companies, keeping: IdealCustomerProfile(industries: ["Retail"]))
        // IT ×3 (trimmed), Manufacturing ×1; Retail is the saved ICP's.
        #expect(c.industries == ["IT", "Manufacturing", "Retail"])
        #expect(c.countries == ["JP", "US"])
        // 東京都 ×2, 大阪府 ×2 (tie: by value, 大 U+5927 before 東 U+6771), CA ×1.
        #expect(c.regions == ["大阪府", "東京都", "CA"])
    }

    @Test("fields → ICP: lists deduplicated, ranges read as people write numbers, empty = no constraint")
    func profile() throws {
        let icp = try ICPForm.profile(
            lists: ["industry": ["IT", "IT", " "], "country": [], "region": ["東京都"]],
            numbers: ["employees_min": "1,200", "employees_max": "", "revenue_min": "5000万", "revenue_max": "1億"])
        #expect(icp.industries == ["IT"] && icp.countries == nil && icp.regions == ["東京都"])
        #expect(icp.employees == .init(min: 1200, max: nil))
        #expect(icp.annualRevenue == .init(min: 50_000_000, max: 100_000_000))
        #expect(try ICPForm.profile(lists: [:], numbers: [:]) == IdealCustomerProfile())
    }

    @Test("hostile or wrong fields are refused, naming the field")
    func refusals() {
        func field(_ lists: [String: [String]], _ numbers: [String: String]) -> String? {
            do {
                _ = try ICPForm.profile(lists: lists, numbers: numbers)
                return nil
            } catch let e as ICPForm.Invalid {
                return e.field
            } catch { return "other" }
        }
        #expect(field([:], ["employees_min": "many"]) == "employees_min")
        #expect(field([:], ["employees_min": "-5"]) == "employees_min")
        #expect(field([:], ["employees_min": "500", "employees_max": "300"]) == "employees_max")
        #expect(field([:], ["revenue_max": String(repeating: "9", count: 41)]) == "revenue_max")
        #expect(field(["industry": Array(repeating: "IT", count: 501)], [:]) == "industry")
        #expect(field(["region": [String(repeating: "x", count: 201)]], [:]) == "region")
        #expect(field(["country": ["J\u{0}P"]], [:]) == "country")
    }
}
