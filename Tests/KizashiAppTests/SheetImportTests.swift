import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// `--from sheet` on real .xlsx files (Fixtures/connectors/sheet-*.xlsx, written by
/// scripts/make-sheet-fixture.py: one by openpyxl, one laid out as Excel saves) and on a
/// Shift_JIS CSV. Expected values read off the script by hand.
@Suite("Connectors: spreadsheets (.xlsx, CSV, Shift_JIS)")
struct SheetImportTests {
    @Test("xlsx: headers inferred, numbers and dates as typed, bad rows reported by sheet row and header")
    func workbook() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let rejected = dir + "/rejected.csv"
        let outcome = try await SheetImporter(store: store).importSheet(
            path: Fixture.path("connectors/sheet-companies.xlsx"), entity: .companies,
            options: .init(rejectedPath: rejected))
        #expect(outcome.sheets == ["企業リスト", "メモ"])
        #expect(outcome.sheet == "企業リスト")
        #expect(
            outcome.mapping.headers.map(\.column) == [
                "company_id", "name", "corporate_number", "domain", "industry", "employees", "annual_revenue", "region",
                "updated_on", nil,
            ])
        let r = outcome.report
        #expect(r.rowsRead == 4)  // rows 2, 3, 5, 6 (row 4 is empty)
        #expect(r.imported == 2)
        #expect(r.rejectedTotal == 2)
        // Row 3's 業種 has a line break, so the working copy's lines drift; the report does not.
        let shown = r.firstRejected.map { "\($0.line) \($0.column)" }
        #expect(shown.contains("5 更新日 (updated_on)"))
        #expect(shown.contains { $0.hasPrefix("6 ") })
        #expect(r.firstRejected.allSatisfy { $0.file.hasSuffix("sheet-companies.xlsx [企業リスト]") })
        #expect(try String(contentsOfFile: rejected, encoding: .utf8).contains("sheet-companies.xlsx [企業リスト],5,"))
        #expect(
            try await store.companies(after: nil, limit: 10) == [
                // 1000011000005 was a number cell; 2026-09-01 a date cell (serial 46266).
                Company(
                    // The URL typed in ドメイン is stored as its domain (issue 28 item 3).
                    id: "S001", name: "株式会社アルファ", corporateNumber: "1000011000005", domain: "alpha.co.jp",
                    industry: "製造業", employees: "1200", annualRevenue: "8000000000", region: "東京都",
                    updatedOn: Day(iso: "2026-09-01")),
                // "2026/9/15" typed as text.
                Company(
                    id: "S002", name: "ベータ商事(株)", domain: "beta.jp", industry: "卸売業\n小売業", employees: "300",
                    region: "大阪府", updatedOn: Day(iso: "2026-09-15")),
            ])

        // Excel's own layout: shared strings (rich text joined, furigana left out), a custom
        // 年月日 date-time format (46266.375 = 2026-09-01 09:00, a date column keeps the date).
        let contacts = try await SheetImporter(store: store).importSheet(
            path: Fixture.path("connectors/sheet-contacts-excel.xlsx"), entity: .contacts,
            options: .init(rejectedPath: nil))
        #expect(contacts.report.imported == 1)
        #expect(
            try await store.contacts(after: nil, limit: 5) == [
                Contact(
                    id: "P1", companyId: "S001", name: "山田 太郎", email: "taro@alpha.co.jp",
                    updatedOn: Day(iso: "2026-09-01"))
            ])
    }

    @Test("Shift_JIS CSV with Japanese headers; --dry-run previews the mapping and writes nothing; --strict rolls back")
    func shiftJISAndModes() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        // "取引先,会社名,都道府県,売上高\r\nA1,株式会社ソニ,東京都,\"1,200,000円\"\r\nA2,,東京都,\r\n" in CP932:
        // 取引先 8EE6 88F8 90E6, 会社名 89EF 8ED0 96BC, 都道府県 9373 93B9 957B 8CA7, 売上高 9484 8FE3 8D82,
        // 株式会社ソニ 8A94 8EAE 89EF 8ED0 835C 836A, 東京都 938C 8B9E 9373, 円 897E.
        var b: [UInt8] = [0x8E, 0xE6, 0x88, 0xF8, 0x90, 0xE6] + Array(",".utf8) + [0x89, 0xEF, 0x8E, 0xD0, 0x96, 0xBC]
        b += Array(",".utf8) + [0x93, 0x73, 0x93, 0xB9, 0x95, 0x7B, 0x8C, 0xA7]
        b += Array(",".utf8) + [0x94, 0x84, 0x8F, 0xE3, 0x8D, 0x82] + Array("\r\nA1,".utf8)
        b += [0x8A, 0x94, 0x8E, 0xAE, 0x89, 0xEF, 0x8E, 0xD0, 0x83, 0x5C, 0x83, 0x6A] + Array(",".utf8)
        b += [0x93, 0x8C, 0x8B, 0x9E, 0x93, 0x73] + Array(",\"1,200,000".utf8) + [0x89, 0x7E] + Array("\"\r\n".utf8)
        b += Array("A2,,".utf8) + [0x93, 0x8C, 0x8B, 0x9E, 0x93, 0x73] + Array(",\r\n".utf8)
        let path = dir + "/取引先.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(b)))
        // 取引先 is not a name Kizashi infers: left unmapped, the companies get IDs from their
        // names (名寄せ without IDs, see companyResolution); mapped, it is the ID.
        let importer = SheetImporter(store: store)
        let unmapped = try await importer.importSheet(
            path: path, entity: .companies, options: .init(rejectedPath: nil, dryRun: true))
        #expect(unmapped.mapping.headers.map(\.column) == [nil, "name", "region", "annual_revenue"])
        #expect(unmapped.report.rowsRead == 2 && unmapped.report.rejectedTotal == 1)
        #expect(
            unmapped.report.files.first?.warnings.first
                == "companies: 0 matched to a workspace company, 1 given an ID from their corporate number, domain or name"
        )
        let overrides = ["取引先": "company_id"]
        let dry = try await importer.importSheet(
            path: path, entity: .companies, overrides: overrides, options: .init(rejectedPath: nil, dryRun: true))
        #expect(dry.mapping.headers.map(\.column) == ["company_id", "name", "region", "annual_revenue"])
        #expect(dry.report.files.first?.encoding == "Shift_JIS")
        #expect(dry.report.rowsRead == 2 && dry.report.rejectedTotal == 1)  // A2 has no name
        #expect(try await store.counts()[.companies] == 0)
        await #expect(throws: StrictImportRejected.self) {
            try await importer.importSheet(
                path: path, entity: .companies, overrides: overrides, options: .init(strict: true, rejectedPath: nil))
        }
        #expect(try await store.counts()[.companies] == 0)
        _ = try await importer.importSheet(
            path: path, entity: .companies, overrides: overrides, options: .init(rejectedPath: nil))
        #expect(
            try await store.companies(after: nil, limit: 5) == [
                Company(id: "A1", name: "株式会社ソニ", annualRevenue: "1200000", region: "東京都")
            ])
    }

    @Test(
        "名寄せ on a companies sheet without IDs: matched by 法人番号, domain and name; ambiguous kept apart; re-import changes nothing"
    )
    func companyResolution() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let workspace = [
            Company(id: "C1", name: "株式会社アルファ", corporateNumber: "1000011000005", domain: "alpha.co.jp", region: "東京都"),
            Company(id: "C2", name: "ベータ商事", domain: "beta.jp", region: "大阪府"),
            Company(id: "C3", name: "デルタ株式会社", region: "東京都"),
            Company(id: "C4", name: "デルタ(株)"),
        ]
        try await store.transaction { try await $0.upsert(companies: workspace) }
        let path = dir + "/展示会リスト.csv"
        try """
        会社名,法人番号,ドメイン,業種,都道府県
        ㈱アルファ,１００００１１０００００５,,製造業,東京都
        ベータ商事株式会社,,https://www.beta.jp/,卸売業,大阪府
        ガンマ工業,,,建設業,福岡県
        (株)ガンマ工業,,gamma.jp,,福岡県
        デルタ,,,,東京都

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await SheetImporter(store: store).importSheet(
            path: path, entity: .companies, options: .init(rejectedPath: nil))
        #expect(outcome.report.rejectedTotal == 0)
        let notes = outcome.report.files.first?.warnings ?? []
        #expect(
            notes.first
                == "companies: 3 matched to a workspace company, 2 given an ID from their corporate number, domain or name"
        )
        #expect(notes.contains { $0.hasPrefix("ambiguous: デルタ has the same name as C3, C4") })
        #expect(notes.contains("matched: ㈱アルファ → C1 株式会社アルファ (same corporate number)"))
        #expect(notes.contains("matched: ベータ商事株式会社 → C2 ベータ商事 (same domain)"))
        #expect(notes.contains("matched: (株)ガンマ工業 → sheet:name:ガンマ工業|福岡県 ガンマ工業 (same name)"))
        // Matches keep the workspace's values and only fill its empty fields (C1's domain stays,
        // its industry is filled); new companies get IDs from their strongest key.
        let expected: [String: Company] = [
            "C1": Company(
                id: "C1", name: "株式会社アルファ", corporateNumber: "1000011000005", domain: "alpha.co.jp",
                industry: "製造業", region: "東京都"),
            "C2": Company(id: "C2", name: "ベータ商事", domain: "beta.jp", industry: "卸売業", region: "大阪府"),
            "C3": workspace[2], "C4": workspace[3],
            "sheet:name:ガンマ工業|福岡県": Company(
                id: "sheet:name:ガンマ工業|福岡県", name: "ガンマ工業", domain: "gamma.jp", industry: "建設業", region: "福岡県"),
            "sheet:name:デルタ|東京都": Company(id: "sheet:name:デルタ|東京都", name: "デルタ", region: "東京都"),
        ]
        func stored() async throws -> [String: Company] {
            Dictionary(uniqueKeysWithValues: try await store.companies(after: nil, limit: 100).map { ($0.id, $0) })
        }
        #expect(try await stored() == expected)
        _ = try await SheetImporter(store: store).importSheet(
            path: path, entity: .companies, options: .init(rejectedPath: nil))
        #expect(try await stored() == expected)
    }

    @Test("kizashi import --from sheet through the CLI: YAML mapping, --sheet, the preview")
    func cli() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/w.sqlite"
        let mapping = dir + "/mapping.yaml"
        try "# 備考 is not imported\n備考: \"\"\n".write(toFile: mapping, atomically: true, encoding: .utf8)
        let (code, out, err) = try CLI.run([
            "import", "--from", "sheet", Fixture.path("connectors/sheet-companies.xlsx"), "--entity", "companies",
            "--sheet", "企業リスト", "--mapping", mapping, "--dry-run", "--db", db, "--quiet",
        ])
        #expect(code == 0, "\(err)")
        #expect(out.contains("Sheet \"企業リスト\" (workbook sheets: 企業リスト, メモ) as companies:"))
        #expect(out.contains("  企業ID → company_id"))
        #expect(out.contains("  備考 → (ignored)"))
        let (bad, _, badErr) = try CLI.run([
            "import", "--from", "sheet", Fixture.path("connectors/sheet-companies.xlsx"), "--entity", "companies",
            "--sheet", "Sheet9", "--db", db, "--quiet",
        ])
        #expect(bad == 1)
        #expect(badErr.contains("no sheet \"Sheet9\" (the workbook has 企業リスト, メモ)"))
    }
}
