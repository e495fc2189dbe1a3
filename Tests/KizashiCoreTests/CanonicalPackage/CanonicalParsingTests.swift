import KizashiCore
import Testing

/// Parses a whole buffer (in chunks of `chunk` bytes, to exercise streaming).
func records(_ bytes: [UInt8], chunk: Int = 7) -> [CSVRecord] {
    var t = CSVTokenizer()
    var out: [CSVRecord] = []
    var i = 0
    while i < bytes.count {
        t.feed(bytes[i..<min(i + chunk, bytes.count)])
        out += t.drain()
        i += chunk
    }
    t.finish()
    return out + t.drain()
}

func texts(_ r: CSVRecord) -> [String] { (try? r.decodedFields(encoding: .utf8)) ?? [] }

@Suite("CSV tokenizer")
struct CSVTokenizerTests {
    @Test("BOM, CRLF, quotes, embedded newlines, and the line each record starts on")
    func rfc4180() {
        let csv =
            "\u{FEFF}a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"line1\nline2\r\nline3\",z\r\n\r\n3,,\n4,last,no-newline"
        let rs = records(Array(csv.utf8))
        #expect(
            rs.map(texts) == [
                ["a", "b", "c"], ["1", "x, y", "he said \"hi\""], ["2", "line1\nline2\r\nline3", "z"], ["3", "", ""],
                ["4", "last", "no-newline"],
            ])
        // Lines: header 1, row "1" 2, row "2" starts on 3 and spans 3–5, blank line 6, row "3" on 7, row "4" on 8.
        #expect(rs.map(\.line) == [1, 2, 3, 7, 8])
        #expect(rs.allSatisfy { $0.malformed == nil })
    }

    @Test("every chunk size gives the same records")
    func chunking() {
        let csv = Array("id,v\n1,\"a\"\"b\"\r\n2,\"c\nd\"\n".utf8)
        let whole = records(csv, chunk: csv.count).map(texts)
        for size in 1...9 { #expect(records(csv, chunk: size).map(texts) == whole) }
    }

    @Test("malformed quoting is reported on its record, not a crash")
    func malformed() {
        let rs = records(Array("a,b\n\"x\"y,2\n3,\"open\n".utf8))
        #expect(rs[1].malformed == "text after a closing quote")
        #expect(rs[2].malformed == "a quoted field is never closed")
    }
}

@Suite("Encodings")
struct EncodingTests {
    // 株式会社 in Shift_JIS: 8A 94 8E AE 89 EF 8E D0. ソ = 83 5C (trail byte 0x5C, the backslash).
    static let kabushiki: [UInt8] = [0x8A, 0x94, 0x8E, 0xAE, 0x89, 0xEF, 0x8E, 0xD0]
    static let so: [UInt8] = [0x83, 0x5C]

    @Test("Shift_JIS bytes are detected and decoded, including a 0x5C trail byte and a half-width kana")
    func shiftJIS() throws {
        var csv = Array("company_id,name\nC1,".utf8) + Self.kabushiki + Self.so + [0x2C]  // trailing comma = empty 3rd? no
        csv.removeLast()
        csv += Array("\nC2,".utf8) + [0xB1] + Array("\n".utf8)  // ｱ (half-width katakana A)
        #expect(SourceEncoding.detect(prefix: csv) == .shiftJIS)
        let rs = records(csv)
        #expect(try rs[1].decodedFields(encoding: .shiftJIS) == ["C1", "株式会社ソ"])
        #expect(try rs[2].decodedFields(encoding: .shiftJIS) == ["C2", "ｱ"])
    }

    @Test("UTF-8 with or without BOM is detected; a cut multi-byte character at the end of the prefix is allowed")
    func utf8() {
        #expect(SourceEncoding.detect(prefix: Array("株式会社".utf8)) == .utf8)
        #expect(SourceEncoding.detect(prefix: [0xEF, 0xBB, 0xBF] + Array("a".utf8)) == .utf8)
        #expect(SourceEncoding.detect(prefix: Array(Array("株".utf8).prefix(2))) == .utf8)
        #expect(
            SourceEncoding(name: "CP932") == .shiftJIS && SourceEncoding(name: "utf8") == .utf8
                && SourceEncoding(name: "latin1") == nil)
    }

    @Test("invalid UTF-8 in a UTF-8 file is an error for that field")
    func invalidUTF8() {
        #expect(throws: SourceEncoding.DecodingError.self) { try SourceEncoding.utf8.decode([0x41, 0xFF]) }
    }
}

@Suite("Canonical rows")
struct CanonicalRowTests {
    static func parse(_ entity: CanonicalEntity, _ csv: String) throws -> [Result<CanonicalRecord, RowIssue>] {
        let rs = records(Array(csv.utf8))
        let p = try CanonicalRowParser(entity: entity, header: texts(rs[0]), timeZone: .tokyo)
        return rs.dropFirst().map { p.parse($0, encoding: .utf8) }
    }
    static func issue(_ r: Result<CanonicalRecord, RowIssue>) -> RowIssue? {
        if case .failure(let i) = r { i } else { nil }
    }
    static func value(_ r: Result<CanonicalRecord, RowIssue>) -> CanonicalRecord? {
        if case .success(let v) = r { v } else { nil }
    }
    static func utc(_ d: String, _ h: Int, _ m: Int = 0, _ s: Int = 0, ms: Int = 0) -> Instant {
        Instant(
            millisecondsSinceEpoch: Int64(Day(iso: d)!.daysSinceEpoch) * 86_400_000 + Int64(h * 3600 + m * 60 + s)
                * 1000 + Int64(ms))
    }

    @Test("a missing required column names the file and the column; unknown columns are listed")
    func header() throws {
        #expect(throws: CanonicalHeaderError.self) {
            try CanonicalRowParser(entity: .activities, header: ["activity_id", "type"], timeZone: .tokyo)
        }
        do {
            _ = try CanonicalRowParser(entity: .activities, header: ["activity_id", "type"], timeZone: .tokyo)
        } catch let e as CanonicalHeaderError {
            #expect(e.description == "activities.csv: required column \"occurred_at\" is missing from the header")
        }
        let p = try CanonicalRowParser(
            entity: .companies, header: [" Company_ID ", "name", "favourite_colour"], timeZone: .tokyo)
        #expect(p.unknownColumns == ["favourite_colour"])
    }

    @Test("each entity's columns and required columns are data-format.md's, in its order")
    func columnsOfTheSpec() {
        // Copied from data-format.md §Files (`*` = required), not from the code.
        let spec: [CanonicalEntity: (columns: String, required: String)] = [
            .companies: (
                "company_id name corporate_number domain industry employees annual_revenue country region updated_on verified_on",
                "company_id name"
            ),
            .targets: ("company_id tier added_on removed_on owner", "company_id tier added_on"),
            .contacts: (
                "contact_id company_id name email department title role phone updated_on", "contact_id company_id"
            ),
            .activities: (
                "activity_id occurred_at type company_id contact_id campaign_id url topic",
                "activity_id occurred_at type"
            ),
            .intent: (
                "signal_id company_id observed_on topic kind score source",
                "signal_id company_id observed_on topic kind score"
            ),
            .leadStages: ("contact_id stage reached_at", "contact_id stage reached_at"),
            .meetings: ("meeting_id company_id contact_id held_at kind", "meeting_id company_id held_at"),
            .opportunities: (
                "opportunity_id company_id name created_on amount term_months status closed_on stage source",
                "opportunity_id company_id created_on status"
            ),
            .contracts: (
                "contract_id company_id start_on end_on annual_value", "contract_id company_id start_on annual_value"
            ),
            .campaigns: ("campaign_id name channel start_on end_on cost abm", "campaign_id name start_on end_on cost"),
        ]
        for entity in CanonicalEntity.allCases {
            #expect(entity.columns.joined(separator: " ") == spec[entity]?.columns, "\(entity)")
            #expect(entity.requiredColumns.joined(separator: " ") == spec[entity]?.required, "\(entity)")
        }
        // Every column name is spelled once across the package.
        let names = CanonicalColumn.allCases.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test("a header in any order is read by name: fields land in their own columns")
    func headerOrder() throws {
        let rs = try Self.parse(
            .activities,
            "topic,url,campaign_id,contact_id,company_id,type,occurred_at,activity_id\n"
                + "crm,https://e.jp/p,CP1,P1,C1,web_visit,2026-10-01T09:30:00+09:00,A1\n")
        #expect(
            Self.value(rs[0])
                == .activity(
                    Activity(
                        id: "A1", occurredAt: Self.utc("2026-10-01", 0, 30), type: .webVisit, companyId: "C1",
                        contactId: "P1", campaignId: "CP1", url: "https://e.jp/p", topic: "crm")))
    }

    @Test("timestamps with offset, Z, none (workspace zone), fractions and a space separator")
    func timestamps() throws {
        let rows = try Self.parse(
            .leadStages,
            """
            contact_id,stage,reached_at
            P1,sql,2026-10-01T09:30:00+09:00
            P1,sql,2026-09-30T15:00:00Z
            P1,sql,2026-10-01T09:30:00
            P1,sql,2026-10-01 09:30:00.250+0900
            P1,sql,2026-10-01T09:30-05:00
            P1,sql,2026-10-01T24:00:00Z
            P1,sql,2026-02-30T10:00:00Z
            P1,sql,yesterday
            """)
        func at(_ r: Result<CanonicalRecord, RowIssue>) -> Instant? {
            if case .leadStage(let l) = Self.value(r) { l.reachedAt } else { nil }
        }
        #expect(at(rows[0]) == Self.utc("2026-10-01", 0, 30))
        #expect(at(rows[1]) == Self.utc("2026-09-30", 15))
        #expect(at(rows[2]) == Self.utc("2026-10-01", 0, 30))  // no offset → JST
        #expect(at(rows[3]) == Self.utc("2026-10-01", 0, 30, 0, ms: 250))
        #expect(at(rows[4]) == Self.utc("2026-10-01", 14, 30))
        for bad in rows[5...] { #expect(Self.issue(bad)?.column == "reached_at") }
        #expect(Self.issue(rows[7])?.line == 9)
    }

    @Test("every kind of bad row is reported with line, column and reason")
    func badRows() throws {
        let opps = try Self.parse(
            .opportunities,
            """
            opportunity_id,company_id,created_on,amount,term_months,status,closed_on
            O1,C1,2026-07-01,100,12,won,
            O2,C1,2026-07-01,-5,,open,
            O3,C1,2026-07-01,"1,000",,open,
            O4,C1,2026-07-01,100,0,open,
            O5,C1,2026-07-01,100,,Won,2026-07-02
            O6,C1,07/01/2026,100,,open,
            O7,,2026-07-01,100,,open,
            O8,C1,2026-07-10,100,,lost,2026-07-01
            O9,C1,2026-07-01,100,,open
            O10,C1,2026-07-01,1234.50,,open,
            """)
        let expected: [(Int, String, String)?] = [
            (2, "closed_on", "is required when status is won"), (3, "amount", "must not be negative"),
            (4, "amount", "not a plain decimal number (no currency signs or thousands separators)"),
            (5, "term_months", "must be a whole number of months ≥ 1"),
            (6, "status", "unknown value; allowed: open, won, lost"),
            (
                7, "created_on",
                "not a date (expected YYYY-MM-DD; a sheet imported with --from sheet may also write 2026/9/1 or 2026年9月1日)"
            ),
            (8, "company_id", "a value is required"), (9, "closed_on", "is before created_on (2026-07-10)"),
            (10, "", "the row has 6 fields but the header has 7"), nil,
        ]
        for (r, e) in zip(opps, expected) {
            let i = Self.issue(r)
            #expect(i.map { "\($0.line) \($0.column) \($0.reason)" } == e.map { "\($0.0) \($0.1) \($0.2)" })
        }
        if case .opportunity(let o) = Self.value(opps[9]) { #expect(o.amount == 1234.5) }

        let intent = try Self.parse(
            .intent,
            """
            signal_id,company_id,observed_on,topic,kind,score
            I1,C1,2026-09-01,SFA,keyword_search,101
            I2,C1,2026-09-01,SFA,search,50
            I3,C1,2026-09-01,SFA,review_site,5.5
            """)
        #expect(Self.issue(intent[0])?.reason == "must be an integer from 0 to 100")
        #expect(Self.issue(intent[1])?.column == "kind")
        #expect(Self.issue(intent[2])?.column == "score")

        let targets = try Self.parse(
            .targets,
            """
            company_id,tier,added_on,removed_on
            C1,4,2026-01-01,
            C1,1,2026-01-01,2026-01-01
            """)
        #expect(Self.issue(targets[0])?.column == "tier")
        #expect(Self.issue(targets[1])?.reason == "must be after added_on (2026-01-01)")

        let campaigns = try Self.parse(
            .campaigns,
            """
            campaign_id,name,start_on,end_on,cost,abm
            X1,A,2026-07-01,2026-06-30,10,true
            X2,B,2026-07-01,2026-07-01,10,maybe
            X3,C,2026-07-01,2026-07-01,10, YES
            """)
        #expect(Self.issue(campaigns[0])?.column == "end_on")
        #expect(Self.issue(campaigns[1])?.column == "abm")
        if case .campaign(let c) = Self.value(campaigns[2]) { #expect(c.abm) } else { Issue.record("X3 should parse") }
    }

    @Test("values are trimmed, empty is no value, enums are exact lower-case words")
    func trimming() throws {
        let rows = try Self.parse(
            .contacts,
            """
            contact_id,company_id,name,email,role
             P1 , C1 ,  山田 太郎  ,,decision_maker
            P2,C1,,,Decision_Maker
            """)
        #expect(
            Self.value(rows[0]) == .contact(Contact(id: "P1", companyId: "C1", name: "山田 太郎", role: .decisionMaker)))
        #expect(Self.issue(rows[1])?.column == "role")
    }
}

@Suite("Canonical CSV writer")
struct CanonicalWriterTests {
    @Test("what the writer writes, the parser reads back unchanged")
    func roundTrip() throws {
        let records: [CanonicalRecord] = [
            .company(
                Company(
                    id: "C,1", name: "株式会社 \"引用\"\n改行", corporateNumber: "1000011000005", employees: "約500",
                    verifiedOn: Day(iso: "2026-01-31"))),
            .activity(
                Activity(
                    id: "A1", occurredAt: Instant(millisecondsSinceEpoch: 1_790_000_000_123), type: .formSubmit,
                    url: "/a?b=c,d")),
            .opportunity(
                Opportunity(
                    id: "O1", companyId: "C1", createdOn: Day(iso: "2026-07-01")!, amount: 1234.5, termMonths: 36,
                    status: .won, closedOn: Day(iso: "2026-07-02"))),
            .campaign(
                Campaign(
                    id: "K", name: "n", startOn: Day(iso: "2026-07-01")!, endOn: Day(iso: "2026-07-31")!, cost: 0,
                    abm: true)),
        ]
        let entities: [CanonicalEntity] = [.companies, .activities, .opportunities, .campaigns]
        for (record, entity) in zip(records, entities) {
            var bytes: [UInt8] = []
            CanonicalCSVWriter.appendHeader(for: entity, to: &bytes)
            CanonicalCSVWriter.appendLine(for: record, timeZone: .tokyo, to: &bytes)
            let rs = KizashiCoreTests.records(bytes)
            let p = try CanonicalRowParser(entity: entity, header: texts(rs[0]), timeZone: .tokyo)
            #expect(p.parse(rs[1], encoding: .utf8) == .success(record))
        }
    }

    @Test("timestamps are written in the workspace zone with its offset")
    func timestamps() {
        #expect(
            CanonicalCSVWriter.timestamp(Instant(millisecondsSinceEpoch: 0), timeZone: .tokyo)
                == "1970-01-01T09:00:00+09:00")
        #expect(
            CanonicalCSVWriter.timestamp(
                Instant(millisecondsSinceEpoch: 1500), timeZone: WorkspaceTimeZone(identifier: "UTC")!)
                == "1970-01-01T00:00:01.500Z")
    }
}
