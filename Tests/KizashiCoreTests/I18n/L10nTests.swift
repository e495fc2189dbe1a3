import KizashiCore
import Testing

@Suite("One localisation table")
struct L10nTests {
    @Test("no key is defined in two feature tables")
    func disjoint() {
        let total = L10n.partSizes.reduce(0, +)
        #expect(total == L10n.table.count, "a key is defined twice (\(total) entries, \(L10n.table.count) keys)")
    }

    @Test("both languages of an entry take the same arguments")
    func placeholders() {
        func marks(_ s: String) -> Set<String> {
            var out = Set<String>()
            for n in 0...9 where s.contains("{\(n)}") { out.insert("{\(n)}") }
            if s.contains("%d") { out.insert("%d") }
            return out
        }
        // Where a language leaves an argument out on purpose: English pluralises with {2}, Japanese
        // does not; dates name the month in English ({1}) and number it in Japanese.
        let chooses: Set<String> = [
            "now.reason.pricing.one", "now.reason.pricing.other", "format.date", "format.month",
        ]
        for (key, e) in L10n.table where !chooses.contains(key) {
            #expect(marks(e.en) == marks(e.ja), "\(key): \(e.en) / \(e.ja)")
        }
    }

    @Test("every domain value and KPI has a name in both languages")
    func coverage() {
        for t in ActivityType.allCases { #expect(L10n.table["activity.\(t.rawValue)"] != nil, "\(t)") }
        for r in ContactRole.allCases { #expect(L10n.table["role.\(r.rawValue)"] != nil, "\(r)") }
        for p in ABMPhase.allCases { #expect(L10n.table["phase.\(p.rawValue)"] != nil, "\(p)") }
        for k in KPICatalog.all { #expect(L10n.table["kpi.\(k.key)"] != nil, "\(k.key)") }
        for s in OpportunityStatus.allCases { #expect(L10n.table["opportunity.\(s.rawValue)"] != nil, "\(s)") }
        for p in [RecordQualityIssue.Problem.missing, .invalid, .stale, .duplicate] {
            #expect(L10n.table["quality.problem.\(p.rawValue)"] != nil, "\(p)")
        }
        for k in MeetingKind.allCases { #expect(L10n.table["meeting.\(k.rawValue)"] != nil, "\(k)") }
        // The data-quality page names a duplicate group's key (issue 28 §8: it showed corporate_number).
        for k in CompanyMatchKeys.Kind.allCases {
            #expect(L10n.table["quality.duplicate.\(k.rawValue)"] != nil, "\(k)")
        }
    }

    @Test("arguments fill their places once: an argument's own braces are left alone")
    func arguments() {
        #expect(L10n.t("now.reason.surge", .en, "{1}", "10", "80") == "intent on {1} surged from 10 to 80")
        #expect(L10n.t("now.reason.forms.other", .ja, 12_345) == "今週フォーム送信12,345件")
        #expect(L10n.t("no.such.key", .ja) == "no.such.key")
    }

    @Test("pages are named as people call them, in both languages (issue 28 §8: interests showed /pricing)")
    func pageNames() {
        #expect(WebPageName.name("/pricing", .ja) == "料金ページ")
        #expect(WebPageName.name("/", .en) == "Home page")
        #expect(WebPageName.name("/case-studies/it-abm", .en) == "Case study: it abm")
        #expect(WebPageName.name("/product/sfa?utm=1", .ja) == "製品：sfa")
        #expect(WebPageName.name("/foo/bar-baz", .en) == "bar baz")
        #expect(WebPageName.interest("セキュリティ", .ja) == "セキュリティ")
    }
}
