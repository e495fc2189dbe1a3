import KizashiCore
import Testing

@Suite("Phase 1: names, numbers and the ICP")
struct PhaseOneTests {
    @Test("法人番号 check digits (kpis.md §Validity)")
    func corporateNumbers() {
        #expect(CorporateNumber.isValid("1000011000005"))  // 国立国会図書館
        #expect(CorporateNumber.isValid("4010801014350"))
        #expect(!CorporateNumber.isValid("2000011000005"))  // wrong check digit
        #expect(!CorporateNumber.isValid("1234567890123"))  // Σ = 72, 72 mod 9 = 0 → 9, not 1
        #expect(CorporateNumber.isValid("9234567890123"))
        #expect(!CorporateNumber.isValid("100001100000"))  // 12 digits
        #expect(!CorporateNumber.isValid("１０００011000005"))  // full-width digits are not ASCII
        #expect(!CorporateNumber.isValid("10000110000O5"))
        #expect(CorporateNumber.checkDigit(base: [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 5]) == 1)
    }

    @Test("legal-form variants of one name normalise to the same key")
    func names() {
        for variant in ["株式会社サンプル", "(株)サンプル", "㈱サンプル", "（株）サンプル", "サンプル株式会社", "サンプル（株）", "ｻﾝﾌﾟﾙ株式会社"] {
            #expect(CompanyNameNormalizer.normalize(variant) == "サンプル", "\(variant)")
        }
        #expect(CompanyNameNormalizer.normalize("Sample Co., Ltd.") == "sample")
        #expect(CompanyNameNormalizer.normalize("SAMPLE INC") == "sample")
        #expect(CompanyNameNormalizer.normalize("Ｔ＆Ｍ コンサルティング 有限会社") == "tmコンサルティング")
        #expect(CompanyNameNormalizer.normalize("K.K. Kizashi") == "kizashi")
        #expect(CompanyNameNormalizer.normalizeRegion(" 東京都 ") == "東京都")
        #expect(CompanyNameNormalizer.normalizeDomain("HTTPS://www.Example.co.jp/about") == "example.co.jp")
        #expect(CompanyNameNormalizer.normalizeDomain("http://shop.example.com") == "shop.example.com")
    }

    @Test("validity checks of emails, domains and employee counts")
    func validity() {
        #expect(FieldValidity.isValidEmail("taro@example.co.jp"))
        #expect(!FieldValidity.isValidEmail("taro@@example.co.jp"))
        #expect(!FieldValidity.isValidEmail("@example.co.jp"))
        #expect(!FieldValidity.isValidEmail("taro@example"))
        #expect(!FieldValidity.isValidEmail("taro@example..jp"))
        #expect(!FieldValidity.isValidEmail("ta ro@example.jp"))
        #expect(!FieldValidity.isValidEmail("taro@example.jp\u{3000}"))  // ideographic space
        #expect(FieldValidity.isValidDomain("Example.CO.JP"))
        #expect(FieldValidity.isValidDomain("my-site.example.jp"))
        #expect(!FieldValidity.isValidDomain("https://example.jp"))
        #expect(!FieldValidity.isValidDomain("example.jp/"))
        #expect(!FieldValidity.isValidDomain("example.jp."))
        #expect(!FieldValidity.isValidDomain("localhost"))
        #expect(!FieldValidity.isValidDomain("例え.jp"))
        #expect(FieldValidity.isValidEmployees("1200"))
        #expect(FieldValidity.isValidEmployees("99999999999999999999999999"))  // no overflow
        #expect(!FieldValidity.isValidEmployees("0"))
        #expect(!FieldValidity.isValidEmployees("000"))
        #expect(!FieldValidity.isValidEmployees("1,200"))
        #expect(!FieldValidity.isValidEmployees("約500"))
        #expect(!FieldValidity.isValidEmployees("-5"))
    }

    @Test("ICP matching: every criterion given, missing values fail, bounds inclusive, NFKC and case")
    func icp() {
        let m = ICPMatcher(
            IdealCustomerProfile(
                industries: ["IT", "Manufacturing"], employees: .init(min: 300, max: 5000),
                annualRevenue: .init(min: 5_000_000_000), countries: ["JP"], regions: ["東京都"]))
        let base = Company(
            id: "C", name: "n", industry: "ＩＴ", employees: "300", annualRevenue: "5000000000", country: "jp",
            region: " 東京都 ")
        #expect(m.matches(base))
        var c = base
        c.employees = "5000"
        #expect(m.matches(c))
        c.employees = "5001"
        #expect(!m.matches(c))
        c.employees = "約500"
        #expect(!m.matches(c))
        c.employees = nil
        #expect(!m.matches(c))
        c = base
        c.region = nil
        #expect(!m.matches(c))
        c = base
        c.annualRevenue = "4999999999.5"
        #expect(!m.matches(c))
        #expect(ICPMatcher(IdealCustomerProfile()).matches(Company(id: "X", name: "x")))  // no criteria: everyone
    }
}

@Suite("Zero denominators")
struct ZeroDenominatorTests {
    @Test("an empty workspace gives null ratios, zero counts and zero sums, never NaN")
    func empty() {
        let r = KPIEngine.report(
            dataset: KPIDataset(), period: KPIPeriod(label: "2026Q3")!, parameters: ScoringParameters())
        let v = Dictionary(uniqueKeysWithValues: r.kpis.map { ($0.key, $0.value) })
        for key in ["target_coverage", "icp_companies", "targets_outside_icp", "list_precision"] {
            #expect(v[key] == .null, "\(key): no ICP")
        }
        for key in [
            "data_quality", "completeness", "validity", "freshness", "duplicate_rate", "avg_engagement", "engaged_rate",
            "target_web_visit_rate", "target_traffic_share", "win_rate", "win_rate_non_target", "win_rate_lift", "acv",
            "acv_non_target", "ltv", "arpa", "annual_churn", "roi", "pipeline_per_cost",
        ] {
            #expect(v[key] == .null, "\(key)")
        }
        for key in [
            "targets", "engaged_accounts", "intent_accounts", "competitor_research_accounts", "surging_accounts",
            "sql_count", "meetings", "opportunities_created",
        ] {
            #expect(v[key] == .count(0), "\(key)")
        }
        #expect(
            v["pipeline_created"] == .number(0) && v["closed_won_revenue"] == .number(0) && v["abm_cost"] == .number(0))
        #expect(v["lifetime_years"] == .number(10))  // churn null → the cap
        #expect(r.funnel.map(\.count) == [0, 0, 0, 0, 0])
        #expect(r.funnel.allSatisfy { $0.conversion == .null })
        #expect(!r.json().serialized().contains("nan"))
    }

    @Test("an ICP with no matching company gives null coverage but counted targets outside it")
    func icpWithoutMatches() {
        let ds = KPIDataset(
            companies: [Company(id: "C1", name: "a", industry: "Retail")],
            targets: [TargetMembership(companyId: "C1", tier: .one, addedOn: Day(iso: "2026-01-01")!)],
            icp: IdealCustomerProfile(industries: ["IT"]))
        let r = KPIEngine.report(dataset: ds, period: KPIPeriod(label: "2026Q3")!, parameters: ScoringParameters())
        #expect(r["icp_companies"] == .count(0))
        #expect(r["target_coverage"] == .null)
        #expect(r["targets_outside_icp"] == .count(1))
        #expect(r["list_precision"] == .number(0))
    }
}
