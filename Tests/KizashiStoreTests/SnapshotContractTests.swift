import Foundation
import KizashiCore
import KizashiStore
import Testing

/// `kizashi copy` reads one snapshot, and copies every table (issue 25 §7).
@Suite("Snapshots and portable tables")
struct SnapshotContractTests {
    @Test("a snapshot does not see what is written after it began", arguments: StoreBackend.allCases)
    func isolation(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1", name: "Alpha")])
        }
        let seen = try await store.withSnapshot { snapshot in
            let before = try await snapshot.companies(after: nil, limit: 100).map(\.id)
            // Another writer commits while the snapshot is open.
            try await store.transaction { tx in
                try await tx.upsert(companies: [Build.company("C2", name: "Beta")])
            }
            let after = try await snapshot.companies(after: nil, limit: 100).map(\.id)
            return (before, after)
        }
        #expect(seen.0 == ["C1"] && seen.1 == ["C1"])
        #expect(try await store.companies(after: nil, limit: 100).map(\.id) == ["C1", "C2"])
        try await store.close()
    }

    @Test(
        "every table is copied: portable, an entity table, or derived/local — none forgotten",
        arguments: StoreBackend.allCases)
    func everyTableAccountedFor(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let known = Set(PortableTable.all.map(\.name)).union(PortableTable.entityTables).union(
            PortableTable.derivedOrLocal)
        let tables = try await store.tableNames()
        #expect(tables.subtracting(known).isEmpty, "not covered by kizashi copy: \(tables.subtracting(known).sorted())")
        try await store.close()
    }

    @Test("portable rows page by their key, composite keys included", arguments: StoreBackend.allCases)
    func paging(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1", name: "Alpha")])
            try await tx.insert(
                portable: PortableTable.all.first { $0.name == "event_identities" }!,
                rows: [("anonymous", "b"), ("user", "a"), ("anonymous", "a")].map { kind, id in
                    PortableRow(
                        columns: ["kind", "id", "contact_id", "company_id", "email"],
                        values: [.text(kind), .text(id), .null, .null, .null])
                }, replace: false)
            try await tx.insert(
                portable: PortableTable.all.first { $0.name == "merge_log" }!,
                rows: (1...3).map { i in
                    PortableRow(
                        columns: ["merge_id", "merged_at", "record"],
                        values: [.integer(i), .integer(i * 10), .text("{}")])
                }, replace: false)
        }
        let table = PortableTable.all.first { $0.name == "merge_log" }!
        let first = try await store.portableRows(table, after: nil, limit: 2)
        #expect(first.count == 2)
        let rest = try await store.portableRows(table, after: table.keyValues(of: first[1]), limit: 2)
        #expect(rest.count == 1 && rest[0].values.first == .integer(3))
        // A composite key (kind, id): (anonymous, a), (anonymous, b), then (user, a).
        let identities = PortableTable.all.first { $0.name == "event_identities" }!
        let one = try await store.portableRows(identities, after: nil, limit: 2)
        #expect(one.map { $0.values[1] } == [.text("a"), .text("b")])
        let two = try await store.portableRows(identities, after: identities.keyValues(of: one[1]), limit: 5)
        #expect(two.map { $0.values[0] } == [.text("user")])
        // The identity moved past the copied ids: the next merge gets 4.
        let next = try await store.transaction { tx in
            try await tx.appendMerge(record: "{}", at: Instant(millisecondsSinceEpoch: 5))
        }
        #expect(next == 4)
        try await store.close()
    }
}
