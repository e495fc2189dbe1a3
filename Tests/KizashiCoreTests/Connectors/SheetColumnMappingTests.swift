import KizashiCore
import Testing

@Suite("SheetColumnMapping: headers as people write them")
struct SheetColumnMappingTests {
    @Test("Japanese and English names, any case and width; ID means the entity's own ID; unknown ignored")
    func inferred() throws {
        let m = try SheetColumnMapping(
            headers: ["ID", "会社名", "ＵＲＬ", "Number of Employees", "都道府県", "備考"], entity: .companies)
        #expect(m.headers.map(\.column) == ["company_id", "name", "domain", "employees", "region", nil])
        #expect(m.canonicalHeader == ["company_id", "name", "domain", "employees", "region"])
        #expect(
            m.canonicalFields(["S1", "株式会社アルファ", "alpha.co.jp", "1,200", "東京都", "memo"])
                == ["S1", "株式会社アルファ", "alpha.co.jp", "1200", "東京都"])  // issue 28: 1,200 employees is 1200
        // A contact's 氏名 is its name; "会社ID" its company.
        let c = try SheetColumnMapping(headers: ["担当者ID", "会社ID", "氏名", "Eメール"], entity: .contacts)
        #expect(c.headers.map(\.column) == ["contact_id", "company_id", "name", "email"])
    }

    @Test("the user's mapping wins, \"\" ignores, and missing required columns are named with examples")
    func overrides() throws {
        let m = try SheetColumnMapping(
            headers: ["No.", "社名", "URL"], entity: .companies, overrides: ["No.": "company_id", "URL": ""])
        #expect(m.headers.map(\.column) == ["company_id", "name", nil])
        // A companies sheet may leave out its IDs (名寄せ gives them, SheetCompanyResolution), not its names.
        #expect(try SheetColumnMapping(headers: ["社名"], entity: .companies).headers.map(\.column) == ["name"])
        #expect(throws: SheetColumnMapping.Failure.self) {
            try SheetColumnMapping(headers: ["URL"], entity: .companies)
        }
        do {
            _ = try SheetColumnMapping(headers: ["氏名", "URL"], entity: .contacts)
            Issue.record("a contacts sheet without contact_id and company_id was accepted")
        } catch let e as SheetColumnMapping.Failure {
            #expect(e.description.hasPrefix("no column for contact_id (e.g. \"contact_id\""))
            #expect(
                e.description.hasSuffix(
                    "map them with --mapping on the command line, or in the column mapping editor the import page offers"
                ))
        }
        #expect(throws: SheetColumnMapping.Failure.self) {
            try SheetColumnMapping(headers: ["a"], entity: .companies, overrides: ["a": "colour"])
        }
    }

    @Test("spreadsheet spellings of dates, money, statuses and yes/no")
    func values() {
        #expect(SheetColumnMapping.value("2026/9/1", column: "created_on") == "2026-09-01")
        #expect(SheetColumnMapping.value("2026年9月1日", column: "start_on") == "2026-09-01")
        #expect(SheetColumnMapping.value("2026/9/1 9:05", column: "occurred_at") == "2026-09-01T09:05:00")
        #expect(SheetColumnMapping.value("2026-09-01T09:00:00", column: "updated_on") == "2026-09-01")
        #expect(SheetColumnMapping.value("2026-09-01T09:00:00+09:00", column: "held_at") == "2026-09-01T09:00:00+09:00")
        #expect(SheetColumnMapping.value("2026/13/1", column: "created_on") == "2026/13/1")  // left for the parser to reject
        #expect(SheetColumnMapping.value("¥1,200,000", column: "amount") == "1200000")
        #expect(SheetColumnMapping.value("1,200,000円", column: "cost") == "1200000")
        #expect(SheetColumnMapping.value("受注", column: "status") == "won")
        #expect(SheetColumnMapping.value("失注", column: "status") == "lost")
        #expect(SheetColumnMapping.value("○", column: "abm") == "true")
        // Employees as Excel users type them (issue 28 item 3); a count that is not clean stays as typed.
        #expect(SheetColumnMapping.value("1,200", column: "employees") == "1200")
        #expect(SheetColumnMapping.value("１，２００名", column: "employees") == "1200")
        #expect(SheetColumnMapping.value("約500", column: "employees") == "約500")
        #expect(SheetColumnMapping.value("０３－１２３４－５６７８", column: "phone") == "03-1234-5678")
        #expect(SheetColumnMapping.value("HTTPS://WWW.Example.co.jp/ja/", column: "domain") == "example.co.jp")
    }
}
