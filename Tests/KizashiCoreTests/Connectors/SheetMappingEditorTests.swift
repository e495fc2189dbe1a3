import KizashiCore
import Testing

/// Issue 28 item 9: the import page's mapping editor — what it shows of a sheet, and how its
/// form becomes a mapping.
@Suite("The column mapping editor")
struct SheetMappingEditorTests {
    /// A deals sheet whose status column is headed 進捗 (no known name) and spelled 受注 / 検討中 / 見送り,
    /// below a title row.
    static let rows: [(number: Int, cells: [String])] = [
        (1, ["商談一覧（2026年度）"]),
        (2, ["商談ID", "会社ID", "起票日", "進捗", "メモ"]),
        (3, ["O1", "C1", "2026/9/1", "受注", "a"]),
        (4, ["O2", "C2", "2026/9/2", "検討中", "b"]),
        (5, ["O3", "C1", "2026/9/3", "受注", "c"]),
        (6, ["O4", "C3", "2026/9/4", " 見送り ", ""]),
    ]

    static var inferred: SheetColumnPreview {
        SheetColumnPreview(rows: rows, headerIndex: 1, entity: .opportunities)
    }

    @Test("the preview lists each header with up to three samples and the inferred field; the status is missing")
    func preview() {
        let p = Self.inferred
        #expect(p.headerRow == 2)
        #expect(p.dataRows == 4)
        #expect(p.columns.map(\.header) == ["商談ID", "会社ID", "起票日", "進捗", "メモ"])
        #expect(p.columns.map(\.field) == ["opportunity_id", "company_id", "created_on", nil, nil])
        #expect(p.columns[0].samples == ["O1", "O2", "O3"])
        // Empty cells are no samples; values are trimmed as the value maps compare them.
        #expect(p.columns[4].samples == ["a", "b", "c"])
        #expect(p.columns[3].distinct == ["受注", "検討中", "見送り"])
        // Required for deals: opportunity_id, company_id, created_on, status — only status has no column.
        #expect(p.missing == ["status"])
        // Not mapped to an enumerated field yet: no value map shown.
        #expect(p.columns[3].values.isEmpty)
        #expect(p.fields.first == "opportunity_id" && p.fields.contains("company_name"))
    }

    @Test("with 進捗 mapped to status, each distinct value shows the canonical value it becomes")
    func previewWithMapping() {
        let p = SheetColumnPreview(
            rows: Self.rows, headerIndex: 1, entity: .opportunities,
            file: .init(columns: ["進捗": "status"], values: ["status": ["検討中": "open"]]))
        #expect(p.missing.isEmpty)
        #expect(p.columns[3].field == "status")
        // 受注 is a spelling the sheet reader knows (won); 検討中 is given by the map; 見送り is neither.
        #expect(p.columns[3].values == ["受注": "won", "検討中": "open", "見送り": ""])
        // A mapping naming an unknown field is reported and the inferred mapping shown instead.
        let bad = SheetColumnPreview(
            rows: Self.rows, headerIndex: 1, entity: .opportunities, file: .init(columns: ["進捗": "colour"]))
        #expect(bad.mappingProblem != nil)
        #expect(bad.columns[3].field == nil)
    }

    @Test("the preview is bounded: 200 columns, 80 characters a sample, no value map past 50 distinct values")
    func previewBounds() {
        let wide = (0..<300).map { "h\($0)" }
        let long = String(repeating: "長", count: 500)
        var rows: [(number: Int, cells: [String])] = [(1, ["ステータス"] + wide)]
        for i in 0..<60 { rows.append((i + 2, ["s\(i)", long])) }
        let p = SheetColumnPreview(rows: rows, headerIndex: 0, entity: .opportunities)
        #expect(p.columns.count == 200)
        #expect(p.columns[0].field == "status")
        // 60 different statuses: more than 50, so no value map.
        #expect(p.columns[0].distinct == nil)
        #expect(p.columns[0].values.isEmpty)
        #expect(p.columns[1].samples.first?.count == 80)
        #expect(p.columns[1].samples.first?.hasSuffix("…") == true)
        #expect(p.columns[1].distinct == [long])
    }

    @Test("the form becomes the mapping file's columns and value maps; other fields are skipped")
    func formToMapping() throws {
        let m = try SheetMappingForm.mapping(
            [
                ("_csrf", "x"), ("action", "import"), ("col.3", "status"), ("col.4", ""), ("val.3.0", "won"),
                ("val.3.1", "open"), ("val.3.2", "lost"),
            ], preview: Self.inferred)
        // Columns the form leaves out keep the inferred field; メモ is ignored explicitly ("").
        #expect(
            m.columns == [
                "商談ID": "opportunity_id", "会社ID": "company_id", "起票日": "created_on", "進捗": "status", "メモ": "",
            ])
        #expect(m.values == ["status": ["受注": "won", "検討中": "open", "見送り": "lost"]])
        #expect(m.constants.isEmpty && m.entity == nil)
        // Every value "as written": no value map at all (the sheet's own spellings pass as before).
        let plain = try SheetMappingForm.mapping(
            [("col.3", "status"), ("val.3.0", ""), ("val.3.1", ""), ("val.3.2", "")], preview: Self.inferred)
        #expect(plain.values.isEmpty)
        // A value left "as written" among mapped ones maps to itself (a map lists every value seen).
        let partly = try SheetMappingForm.mapping(
            [("col.3", "status"), ("val.3.1", "open")], preview: Self.inferred)
        #expect(partly.values == ["status": ["受注": "受注", "検討中": "open", "見送り": "見送り"]])
    }

    @Test(
        "hostile forms are refused with the reason: unknown fields, foreign fields, bad values, bad indexes, twice the same field",
        arguments: [
            [("col.3", "colour")],  // no such field
            [("col.3", "email")],  // a contact's field, not a deal's
            [("col.3", "status"), ("val.3.0", "maybe")],  // not a status
            [("col.99", "status")],  // no column 100
            [("col.-1", "status")],
            [("col.abc", "status")],
            [("col.3.1", "status")],
            [("col.3", "status"), ("col.3", "name")],  // the same column twice
            [("col.0", "company_id")],  // company_id is already column 2's
            [("col.4", "name"), ("val.4.0", "won")],  // name takes no value map
            [("col.3", "status"), ("val.3.7", "won")],  // only 3 distinct values
            [("val.3", "won")],
        ] as [[(String, String)]])
    func hostileForm(_ fields: [(String, String)]) {
        #expect(throws: SheetMappingForm.Problem.self) {
            try SheetMappingForm.mapping(fields.map { (name: $0.0, value: $0.1) }, preview: Self.inferred)
        }
    }

    @Test("too many fields and huge names or values are refused before any is read")
    func hostileSizes() {
        let many = (0...SheetMappingForm.maxFields).map { (name: "x\($0)", value: "") }
        #expect(throws: SheetMappingForm.Problem.self) { try SheetMappingForm.mapping(many, preview: Self.inferred) }
        let huge = String(repeating: "s", count: 100_000)
        #expect(throws: SheetMappingForm.Problem.self) {
            try SheetMappingForm.mapping([(name: "col.3", value: huge)], preview: Self.inferred)
        }
        #expect(throws: SheetMappingForm.Problem.self) {
            try SheetMappingForm.mapping([(name: "col.3" + huge, value: "status")], preview: Self.inferred)
        }
        do {
            _ = try SheetMappingForm.mapping([(name: "col.3", value: "colour")], preview: Self.inferred)
        } catch {
            #expect(error.description.hasPrefix("\"colour\" is not a field of opportunities (opportunity_id, "))
        }
    }

    @Test("each enumerated field's values and labels exist in both languages")
    func valueLabels() {
        for entity in CanonicalEntity.importOrder {
            for field in entity.columns + SheetColumnMapping.referenceColumns(of: entity) {
                #expect(L10n.table["importcol.\(field)"] != nil, "importcol.\(field)")
                for v in CanonicalValueSet.allowed(field, of: entity) ?? [] {
                    #expect(L10n.table[CanonicalValueSet.labelKey(field, v)] != nil, "\(field).\(v)")
                }
            }
        }
    }
}
