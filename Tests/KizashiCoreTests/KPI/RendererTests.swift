import KizashiCore
import Testing

@Suite("KPI renderers")
struct RendererTests {
    static let report: KPIReport = {
        let ds = KPIDataset(
            companies: [Company(id: "C1", name: "株式会社アルファ")],
            targets: [TargetMembership(companyId: "C1", tier: .one, addedOn: Day(iso: "2026-01-01")!)],
            opportunities: [
                Opportunity(
                    id: "O1", companyId: "C1", createdOn: Day(iso: "2026-07-02")!, amount: 12_345_678, status: .open)
            ])
        return KPIEngine.report(dataset: ds, period: KPIPeriod(label: "2026Q3")!, parameters: ScoringParameters())
    }()

    @Test("the table groups KPIs by the four phases in the chosen language and states its parameters")
    func table() {
        let ja = KPITableRenderer.render(Self.report, language: .ja)
        for phase in ["ターゲットアカウントの定義", "エンゲージメントの可視化", "パイプラインの創出と商談化", "成約とROI"] {
            #expect(ja.contains("■ " + phase))
        }
        #expect(ja.contains("パイプライン創出額"))
        // Japanese counts yen in 万 as the overview does: 12,345,678 / 10,000 = 1,234.5678 → 1,235万円.
        #expect(ja.contains("1,235万円") && !ja.contains("¥"))
        #expect(ja.contains("パラメータ: タイムゾーン Asia/Tokyo"))
        let en = KPITableRenderer.render(Self.report, language: .en)
        #expect(en.contains("■ Pipeline") && en.contains("Pipeline created") && en.contains("¥12,345,678"))
        #expect(en.contains("Parameters: time zone Asia/Tokyo; weights web_visit 1, email_open 1, email_click 3"))
        #expect(en.contains("Win rate") && en.contains("—"))  // no closed deals: null shown as a dash
    }

    @Test("CSV: a header with every KPI key, one row per period, parameters as a JSON field")
    func csv() {
        let text = KPICSVRenderer.render([Self.report, Self.report])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("period_start,period_end,target_coverage,icp_companies,targets,"))
        #expect(lines[0].hasSuffix(",pipeline_per_cost,parameters"))
        #expect(lines[1].hasPrefix("2026-07-01,2026-10-01,,,1,"))  // no ICP: null coverage is empty
        #expect(lines[1].contains(",\"{\"\"time_zone\"\":\"\"Asia/Tokyo\"\","))
    }

    @Test("display widths count East Asian wide characters as two columns")
    func widths() {
        #expect(KPIFormat.width("SQL") == 3)
        #expect(KPIFormat.width("商談獲得数") == 10)
        #expect(KPIFormat.width("ｱ") == 1)  // half-width katakana
    }
}
