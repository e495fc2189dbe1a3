import Foundation
import KizashiCore
import KizashiStore
import Testing

@Suite("Store contract: large batches")
struct StoreLargeBatchTests {
    @Test(
        "a large batch round-trips awkward text, nulls and doubles, and replaces rows (the bulk path)",
        arguments: StoreBackend.allCases)
    func largeBatch(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let awkward = ["tab\there", "line\nbreak", "back\\slash", "cr\rlf", "株式会社\t兆し", "\\N", "", "quote\"s,comma"]
        let companies = (0..<1200).map { i in
            Company(
                id: String(format: "C%05d", i), name: awkward[i % awkward.count] + " \(i)",
                corporateNumber: i % 3 == 0 ? nil : "1000011000005", domain: i % 2 == 0 ? nil : "d\(i).example.jp",
                annualRevenue: i % 5 == 0 ? "\\x00" : nil)
        }
        // The same ID twice in one batch: the last row wins.
        let batch = companies + [Company(id: "C00007", name: "replaced\tname")]
        try await store.transaction { tx in try await tx.upsert(companies: batch) }
        var expected = companies
        expected[7] = Company(id: "C00007", name: "replaced\tname")
        #expect(try await store.companies(after: nil, limit: 5000) == expected)
        let campaigns = (0..<700).map { i in
            Campaign(
                id: "K\(i)", name: "c\(i)", channel: nil, startOn: Build.day("2026-01-01"),
                endOn: Build.day("2026-03-31"), cost: Double(i) * 1234.5678901234567 + 0.1, abm: i % 2 == 0)
        }
        try await store.transaction { tx in try await tx.upsert(campaigns: campaigns) }
        #expect(try await store.campaigns() == campaigns.sorted { $0.id < $1.id })
    }
}

extension StoreContractTests {
    /// The SQLite store writes intent many rows per statement (64): a repeated ID inside one
    /// statement, or in a later one, must still leave exactly one row, the last one given.
    @Test("intent in one large batch: a repeated ID keeps its last row", arguments: StoreBackend.allCases)
    func intentRepeatedInBatch(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        @Sendable func signal(_ n: Int, score: Int) -> IntentSignal {
            IntentSignal(
                id: String(format: "I%03d", n), companyId: "C1", observedOn: Build.day("2026-09-01"), topic: "SFA",
                kind: .keywordSearch, score: score)
        }
        // Rows 0…69 with score n, then I003 again (row 70: the second statement, rows 64…71,
        // while row 3 was in the first) and I065 again (row 71, the same statement as row 65).
        var batch = (0..<70).map { signal($0, score: $0) }
        batch.append(signal(3, score: 99))
        batch.append(signal(65, score: 98))
        let given = batch
        try await store.transaction { tx in
            try await tx.upsert(companies: [Build.company("C1")])
            try await tx.upsert(intent: given)
        }
        var expected = (0..<70).map { signal($0, score: $0) }
        expected[3].score = 99
        expected[65].score = 98
        #expect(try await store.intent(after: nil, limit: 1000) == expected)
        #expect(try await store.counts()[.intent] == 70)

        // Again, in another transaction: an existing ID is replaced, not added.
        let replacement = signal(40, score: 7)
        try await store.transaction { tx in try await tx.upsert(intent: [replacement]) }
        expected[40].score = 7
        #expect(try await store.intent(after: nil, limit: 1000) == expected)
    }
}
