import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// CRM write-back's table: values last accepted per record, the sealed credential, the sync log.
@Suite("Store contract: CRM sync values, credentials and log")
struct CRMSyncContractTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_796_000_000_000)
    static let t1 = Instant(millisecondsSinceEpoch: 1_796_000_060_000)

    @Test("sent values replace per property and stay apart per provider and object", arguments: StoreBackend.allCases)
    func values(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.crmSentValues(provider: "hubspot", objectType: "companies").isEmpty)
        try await store.recordCRMSentValues(
            provider: "hubspot", objectType: "companies",
            values: ["101": ["kizashi_score": "35.2", "kizashi_stage": "qualified"], "102": ["kizashi_score": "1.6"]],
            at: Self.t0)
        try await store.recordCRMSentValues(
            provider: "hubspot", objectType: "contacts", values: ["201": ["kizashi_score": "35.2"]], at: Self.t0)
        // A later run changes one property of one record; the others stay.
        try await store.recordCRMSentValues(
            provider: "hubspot", objectType: "companies", values: ["101": ["kizashi_stage": "engaged"]], at: Self.t1)
        #expect(
            try await store.crmSentValues(provider: "hubspot", objectType: "companies") == [
                "101": ["kizashi_score": "35.2", "kizashi_stage": "engaged"], "102": ["kizashi_score": "1.6"],
            ])
        #expect(
            try await store.crmSentValues(provider: "hubspot", objectType: "contacts") == [
                "201": ["kizashi_score": "35.2"]
            ])
        #expect(try await store.crmSentValues(provider: "salesforce", objectType: "companies").isEmpty)
        // 400 records × 2 properties in one call (more than one statement's chunk).
        var many: [String: [String: String]] = [:]
        for i in 0..<400 { many["r\(i)"] = ["a": "\(i)", "b": ""] }
        try await store.recordCRMSentValues(provider: "hubspot", objectType: "bulk", values: many, at: Self.t0)
        #expect(try await store.crmSentValues(provider: "hubspot", objectType: "bulk") == many)
    }

    @Test(
        "matched CRM records: a link is replaced by a later one, apart per provider and object",
        arguments: StoreBackend.allCases)
    func links(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.crmRecordLinks(provider: "hubspot", objectType: "companies").isEmpty)
        try await store.linkCRMRecords(
            provider: "hubspot", objectType: "companies", links: ["120": "C20", "121": "C21"], at: Self.t0)
        try await store.linkCRMRecords(provider: "hubspot", objectType: "companies", links: ["121": "C1"], at: Self.t1)
        #expect(
            try await store.crmRecordLinks(provider: "hubspot", objectType: "companies") == ["120": "C20", "121": "C1"])
        #expect(try await store.crmRecordLinks(provider: "hubspot", objectType: "contacts").isEmpty)
    }

    @Test("the sealed credential is stored, replaced and removed", arguments: StoreBackend.allCases)
    func credential(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.crmCredential(provider: "hubspot") == nil)
        try await store.setCRMCredential(provider: "hubspot", sealed: "sealed-1", at: Self.t0)
        try await store.setCRMCredential(provider: "hubspot", sealed: "sealed-2", at: Self.t1)
        #expect(try await store.crmCredential(provider: "hubspot") == "sealed-2")
        try await store.setCRMCredential(provider: "hubspot", sealed: nil, at: Self.t1)
        #expect(try await store.crmCredential(provider: "hubspot") == nil)
    }

    @Test("the log reads back newest first, each run with its own failures", arguments: StoreBackend.allCases)
    func log(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let first = try await store.recordCRMSyncRun(
            CRMSyncRun(
                provider: "hubspot", startedAt: Self.t0, finishedAt: Self.t0, status: .partial, recordsChanged: 3,
                recordsSent: 2, recordsFailed: 1, message: nil,
                failures: [CRMSyncFailure(objectType: "companies", recordId: "103", error: "OBJECT_NOT_FOUND")]))
        let second = try await store.recordCRMSyncRun(
            CRMSyncRun(
                provider: "hubspot", startedAt: Self.t1, finishedAt: Self.t1, status: .stopped, recordsChanged: 1,
                recordsSent: 0, recordsFailed: 0, message: "daily limit", failures: []))
        #expect(first.id > 0 && second.id > first.id)
        let runs = try await store.crmSyncRuns(limit: 10)
        #expect(runs == [second, first])
        #expect(
            runs[1].failures == [CRMSyncFailure(objectType: "companies", recordId: "103", error: "OBJECT_NOT_FOUND")])
        #expect(try await store.crmSyncRuns(limit: 1) == [second])
    }
}
