import Foundation
import KizashiApp
import KizashiArchive
import KizashiCore
import KizashiStore
import Testing

/// The meeting workbook (issue 24 §2) on the hand-worked Q3 package, written to a file and read
/// back with the import's own xlsx reader: the sheets, real number and date cells, and every KPI
/// figure the KPI report's.
@Suite("Meeting workbook (xlsx)")
struct MeetingWorkbookTests {
    static let q3 = KPIPeriod(label: "2026Q3")!

    static func written(_ lang: Language) async throws -> (XLSXWorkbook, any WorkspaceStore, String) {
        let (store, dir) = try await Fixture.newStore()
        _ = try await PackageImporter(store: store).importPackage(
            at: Fixture.path("q3-handworked"), options: .init(rejectedPath: nil))
        try await store.transaction { tx in
            try await tx.setGoal(KPIGoal(kpi: "sql_count", period: Self.q3, value: 4))
        }
        let wb = try await MeetingReportService(store: store, data: DashboardData(store: store)).workbook(
            period: Self.q3, tier: nil, today: Day(iso: "2026-10-15")!)
        let path = dir + "/review.xlsx"
        try XLSXFileWriter.write(wb.document(lang), to: path)
        return (try XLSXWorkbook(path: path), store, path)
    }

    @Test("five sheets named in the language; the KPI sheet is the KPI report, cell by cell")
    func kpiSheet() async throws {
        let (book, store, _) = try await Self.written(.ja)
        defer { Task { try? await store.close() } }
        #expect(book.sheetNames == ["KPI", "月次推移", "ファネル", "ターゲットアカウント", "施策"])
        let rows = try book.rows(sheet: "KPI")
        #expect(rows[0].cells == ["フェーズ", "指標", "キー", "今期", "目標", "達成率", "前期", "前期比"])
        let report = try await KPIService(store: store).report(period: Self.q3)
        let byKey = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0.cells[2], $0.cells) })
        #expect(byKey.count == KPICatalog.all.count)
        for d in KPICatalog.all {
            let cell = byKey[d.key]?[3] ?? ""
            switch report[d.key] ?? .null {
            case .null: #expect(cell == "", "\(d.key)")
            case .count(let n): #expect(Double(cell) == Double(n), "\(d.key): \(cell)")
            case .number(let x):
                #expect(Double(cell).map { abs($0 - x) <= 1e-9 * max(1, abs(x)) } == true, "\(d.key): \(cell)")
            }
        }
        // Hand-worked (Fixtures/q3-handworked README): sql_count 2, target 4 → attainment 0.5;
        // Q2 had none → change +2.
        #expect(byKey["sql_count"]?[3] == "2" && byKey["sql_count"]?[4] == "4" && byKey["sql_count"]?[5] == "0.5")
        #expect(byKey["sql_count"]?[6] == "0" && byKey["sql_count"]?[7] == "2")
        // pipeline_created: 10M + 3M + 5M = 18,000,000 (README), a number, not "¥18,000,000" text.
        #expect(byKey["pipeline_created"]?[3] == "18000000")
    }

    @Test("trends: 12 months to September 2026; funnel, accounts with real dates, campaigns")
    func otherSheets() async throws {
        let (book, store, _) = try await Self.written(.en)
        defer { Task { try? await store.close() } }
        #expect(book.sheetNames == ["KPIs", "Monthly trends", "Funnel", "Target accounts", "Campaigns"])
        let trend = try book.rows(sheet: "Monthly trends")
        #expect(
            Array(trend[0].cells.dropFirst(2)) == [
                "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
                "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
            ])
        let september = try await KPIService(store: store).report(period: KPIPeriod(label: "2026-09")!)
        let sqlRow = try #require(trend.first { $0.cells.count > 1 && $0.cells[1] == "sql_count" })
        #expect(Double(sqlRow.cells[13]) == september["sql_count"]?.doubleValue)

        let funnel = try book.rows(sheet: "Funnel")
        let report = try await KPIService(store: store).report(period: Self.q3)
        #expect(funnel.count == report.funnel.count + 1)
        #expect(funnel.dropFirst().map { Int($0.cells[1]) } == report.funnel.map { $0.count })

        let accounts = try book.rows(sheet: "Target accounts")
        let list = try await DashboardData(store: store).accountList(asOf: Day(iso: "2026-09-30")!)
        #expect(accounts.count == list.rows.count + 1)
        // Last activity is a date cell (the reader turns date-styled serials into YYYY-MM-DD).
        let dates = accounts.dropFirst().map { $0.cells.count > 8 ? $0.cells[8] : "" }.filter { !$0.isEmpty }
        #expect(!dates.isEmpty && dates.allSatisfy { Day(iso: $0) != nil })

        let campaigns = try book.rows(sheet: "Campaigns")
        let attribution = try await AttributionService(store: store).report(period: Self.q3)
        #expect(campaigns.dropFirst().map { $0.cells[0] } == attribution.campaigns.map(\.key))
    }

    @Test("the package: frozen header rows, widths, number formats, no shared strings; names escaped")
    func package() throws {
        let doc = XLSXDocument(sheets: [
            .init(
                name: "a/b:c*d?e[f]g\\h-a-very-long-name-over-31", widths: [10],
                rows: [
                    [.text("名前 <&>\"")], [.text("x\u{1}y"), .number(1234.5, .yen), .date(Day(iso: "2026-09-30")!)],
                ])
        ])
        let parts = Dictionary(
            uniqueKeysWithValues: doc.parts().map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"10\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">名前 &lt;&amp;&gt;&quot;</t>"))
        #expect(sheet.contains(">xy</t>"))  // the control character is dropped
        #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>1234.5</v></c>"))
        // 2026-09-30 is day 20,726 after 1970-01-01; Excel's serial adds 25,569 → 46,295.
        #expect(sheet.contains("<c r=\"C2\" s=\"5\"><v>46295</v></c>"))
        #expect(parts["xl/workbook.xml"]?.contains("name=\"a_b_c_d_e_f_g_h-a-very-long-nam\"") == true)
        #expect(parts["xl/styles.xml"]?.contains("formatCode=\"&quot;¥&quot;#,##0\"") == true)
        #expect(parts.keys.contains("xl/sharedStrings.xml") == false)
    }
}
