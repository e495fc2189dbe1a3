import KizashiCore
import Testing

/// `date_format` in a mapping file (issue 29): the declared order of a sheet's dates.
@Suite("Sheets: declared date formats")
struct SheetDateFormatTests {
    @Test("declarations name the order of the parts, with any separators and letter counts")
    func declarations() throws {
        #expect(try SheetDateFormat("M/D/YYYY").order == .monthDayYear)
        #expect(try SheetDateFormat("mm/dd/yyyy").order == .monthDayYear)
        #expect(try SheetDateFormat("DD.MM.YYYY").order == .dayMonthYear)
        #expect(try SheetDateFormat("YYYY-MM-DD").order == .yearMonthDay)
        #expect(throws: SheetDateFormat.Problem.self) { try SheetDateFormat("Y/D") }
        #expect(throws: SheetDateFormat.Problem.self) { try SheetDateFormat("ISO") }
    }

    @Test("M/D/YYYY and D/M/YYYY values become ISO; ISO passes; two-digit years and impossible days do not")
    func values() throws {
        let us = SheetDateFormat(order: .monthDayYear)
        let eu = SheetDateFormat(order: .dayMonthYear)
        #expect(us.iso("10/20/2016") == "2016-10-20")
        #expect(us.iso("3/1/2017") == "2017-03-01")  // March 1st
        #expect(eu.iso("3/1/2017") == "2017-01-03")  // 3 January
        #expect(eu.iso("20.10.2016") == "2016-10-20")
        #expect(us.iso("10/20/2016 9:05") == "2016-10-20T09:05:00")
        #expect(us.iso("2016-10-20") == "2016-10-20")
        #expect(us.iso("2016-10-20T09:05:00Z") == "2016-10-20T09:05:00Z")
        #expect(us.iso("10/20/16") == nil)  // 1916 or 2016: not guessed
        #expect(us.iso("2/30/2017") == nil)
        #expect(us.iso("20/10/2016") == nil)  // month 20
        #expect(us.iso("10/20-2016") == nil)  // mixed separators
        #expect(us.iso("10/20/2016 25:00") == nil)
        #expect(us.iso("") == nil)
        // Hostile cells: long digit runs are no date and never overflow.
        #expect(us.iso("99999999999999999999999/1/2016") == nil)
        #expect(us.iso(String(repeating: "1/", count: 40) + "2016") == nil)
    }

    @Test("a row's date and timestamp cells are rewritten; the first value not in the format is its issue")
    func rows() {
        let us = SheetDateFormat(order: .monthDayYear)
        let applied = us.apply(
            ["K1", "10/20/2016", "13/45/2017", "1/2/2017"],
            columns: [0: "opportunity_id", 1: "created_on", 2: "closed_on", 3: "name"])
        // `name` is no date column: left alone; closed_on 13/45/2017 has no month 13.
        #expect(applied.cells == ["K1", "2016-10-20", "13/45/2017", "1/2/2017"])
        #expect(applied.issue?.column == "closed_on")
        #expect(applied.issue?.reason.contains("date_format M/D/YYYY") == true)
    }

    @Test("a sheet without date_format: the first month- or day-first date is found for a hint")
    func undeclared() {
        let columns = [0: "opportunity_id", 1: "created_on", 2: "name"]
        // Row 1: ISO and a name that looks like a date (not a date column); row 2: 10/20/2016.
        let rows = [["K1", "2016-10-19", "1/2/2017"], ["K2", "10/20/2016", ""]]
        #expect(SheetDateFormat.undeclaredOrder(in: rows, columns: columns)?.value == "10/20/2016")
        #expect(SheetDateFormat.undeclaredOrder(in: [["K1", "2026/9/1", ""]], columns: columns) == nil)
    }

    @Test("a mapping file declares date_format per file or for its one sheet")
    func mappingFile() throws {
        let tree = MappingTree.map([
            ("date_format", .scalar("D/M/YYYY")),
            (
                "files",
                .map([
                    (
                        "deals.csv",
                        .map([("entity", .scalar("opportunities")), ("date_format", .scalar("M/D/YYYY"))])
                    )
                ])
            ),
        ])
        let m = try ImportMapping(tree: tree)
        #expect(m.single.dateFormat == SheetDateFormat(order: .dayMonthYear))
        #expect(m.mapping(forFile: "deals.csv")?.dateFormat == SheetDateFormat(order: .monthDayYear))
        #expect(throws: ImportMapping.Problem.self) {
            try ImportMapping(tree: .map([("date_format", .scalar("whenever"))]))
        }
    }

    @Test("the year-first sheet date reader refuses long digit runs instead of overflowing")
    func yearFirstOverflow() {
        #expect(
            SheetColumnMapping.value("99999999999999999999999/1/1", column: "created_on")
                == "99999999999999999999999/1/1")
        #expect(SheetColumnMapping.value("2026/9/1", column: "created_on") == "2026-09-01")
    }
}
