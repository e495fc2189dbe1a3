import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Mapping files (issue 29 item 2): the flat form stays valid, the structured form adds value
/// maps, constants and files; outside YAML is read within limits.
@Suite("Mapping files: flat and structured, bounded")
struct MappingFileTests {
    static func parse(_ text: String) throws -> ImportMapping { try MappingFileReader.parse(Data(text.utf8)) }

    @Test("the flat form (YAML lines and JSON) is still header → column")
    func flat() throws {
        #expect(
            try Self.parse("会社名: name\n# comment\n\"法人 番号\": corporate_number\nメモ: \"\"\n").single.columns == [
                "会社名": "name", "法人 番号": "corporate_number", "メモ": "",
            ])
        #expect(try Self.parse(#"{"社名": "name"}"#).single.columns == ["社名": "name"])
        // What only the old line parser read (an unquoted ": " inside a header) is still accepted.
        #expect(try Self.parse("Time: UTC: occurred_at\n").single.columns == ["Time: UTC": "occurred_at"])
    }

    @Test("the structured form: columns, values, constants and files")
    func structured() throws {
        let m = try Self.parse(
            """
            columns:
              account: company
              deal_stage: status
              sales_agent: ""          # ignored
            values:
              status: {Won: won, Lost: lost, Engaging: open, Prospecting: open}
            constants:
              source: crm-export
            files:
              accounts.csv: {entity: companies, columns: {account: name}}
              sales_pipeline.csv:
                entity: opportunities
                values: {status: {Won: won}}
            """)
        #expect(m.single.columns == ["account": "company", "deal_stage": "status", "sales_agent": ""])
        #expect(
            m.single.values == ["status": ["Won": "won", "Lost": "lost", "Engaging": "open", "Prospecting": "open"]])
        #expect(m.single.constants == ["source": "crm-export"])
        #expect(m.files["accounts.csv"] == .init(entity: .companies, columns: ["account": "name"]))
        #expect(m.mapping(forFile: "SALES_PIPELINE.csv")?.entity == .opportunities)
        #expect(throws: ImportMapping.Problem.self) { try Self.parse("files:\n  a.csv: {columns: {x: name}}\n") }
        #expect(throws: ImportMapping.Problem.self) { try Self.parse("columns: {a: name}\nvalue: {}\n") }
    }

    @Test("anchors and aliases (billion laughs), oversized and over-deep files are refused")
    func bounded() throws {
        // Nine levels of nine aliases each: 9^9 nodes if walked. Refused at the first anchor.
        var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (prev, next) in zip("abcdefgh", "bcdefghi") {
            laughs += "\(next): &\(next) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        #expect(throws: ImportMapping.Problem.self) { try Self.parse(laughs) }
        #expect(throws: ImportMapping.Problem.self) {
            try Self.parse(String(repeating: "x: y\n", count: MappingFileReader.maxBytes / 5 + 1))
        }
        let deep = String(repeating: "{a: ", count: 20) + "b" + String(repeating: "}", count: 20)
        #expect(throws: ImportMapping.Problem.self) { try Self.parse("columns: \(deep)\n") }
    }

    @Test(
        "a sheet with value maps and constants: mapped before the checks, an unmapped value is a bad row naming the map"
    )
    func valueMapsOnASheet() async throws {
        let (store, dir) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        try await store.transaction { tx in try await tx.upsert(companies: [Company(id: "C1", name: "Cancity")]) }
        let path = (dir as NSString).appendingPathComponent("pipeline.csv")
        try """
        opportunity_id,account,deal_stage,engage_date,close_date,close_value
        D1,Cancity,Won,2026-07-01,2026-08-01,1000
        D2,Cancity,Engaging,2026-07-02,,
        D3,Cancity,Prospecting,2026-07-03,,
        D4,Cancity,won,2026-07-04,2026-08-01,5
        D5,Cancity,Lost,2026-07-05,2026-08-02,0

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let mapping = try Self.parse(
            """
            columns: {account: company, deal_stage: status, engage_date: created_on, close_date: closed_on, close_value: amount}
            values:
              status: {Won: won, Lost: lost, Engaging: open, Prospecting: open}
            constants: {source: crm-export}
            """)
        let outcome = try await ImportService(store: store).run(
            .init(
                source: .sheet, paths: [path], entity: .opportunities, options: .init(rejectedPath: nil),
                mapping: mapping.single.columns, mappingFile: mapping))
        guard case .sheet(let o) = outcome else {
            Issue.record("expected a sheet outcome")
            return
        }
        // Hits: Won 1 (D1), Engaging 1, Prospecting 1, Lost 1, and "won" (D4, not in the map) 1.
        #expect(o.valueHits["status"] == ["Won": 1, "Engaging": 1, "Prospecting": 1, "Lost": 1, "won": 1])
        #expect(o.report.imported == 4)
        #expect(o.report.rejectedTotal == 1)
        let bad = o.report.firstRejected.first
        #expect(bad?.line == 5)
        #expect(bad?.value == "won")
        #expect(
            bad?.reason
                == "\"won\" is not in the value map for status (the map lists \"Engaging\", \"Lost\", \"Prospecting\", \"Won\"; values are case-sensitive)"
        )
        let deals = Dictionary(uniqueKeysWithValues: try await store.opportunities().map { ($0.id, $0) })
        #expect(deals["D1"]?.status == .won)
        #expect(deals["D2"]?.status == .open && deals["D2"]?.amount == nil)
        #expect(deals["D5"]?.status == .lost && deals["D5"]?.amount == 0)
        #expect(deals.values.allSatisfy { $0.source == "crm-export" && $0.companyId == "C1" })
    }
}
