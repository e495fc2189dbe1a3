import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// The scheduled review's slot claims and log: one claim wins per slot (two servers racing
/// included), and the log reads back newest first with what was written.
@Suite("Store contract: digest slots and deliveries")
struct DigestDeliveryContractTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_796_000_000_000)
    /// A stale bound long before every claim here: nothing is stale.
    static let long = Instant(millisecondsSinceEpoch: 0)

    @Test(
        "an unfinished claim older than the bound is taken over once; a finished slot never",
        arguments: StoreBackend.allCases)
    func takeover(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let slot = "2026-12-07T09:00"
        let t1 = Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 3_600_000)
        #expect(try await store.claimDigestSlot(slot, by: "a", at: Self.t0, staleBefore: Self.long))
        // An hour later, with claims before t0 + 1 ms stale: a's claim (t0) is taken over by b, once.
        let bound = Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 1)
        #expect(try await store.claimDigestSlot(slot, by: "b", at: t1, staleBefore: bound))
        #expect(try await !store.claimDigestSlot(slot, by: "c", at: t1, staleBefore: bound))
        try await store.finishDigestSlot(slot, at: t1)
        // Finished: never again, however stale.
        let later = Instant(millisecondsSinceEpoch: t1.millisecondsSinceEpoch + 86_400_000)
        #expect(try await !store.claimDigestSlot(slot, by: "d", at: later, staleBefore: later))
        // The log of one slot.
        try await store.recordDigestDeliveries([
            DigestDeliveryRecord(slot: slot, channel: .webhook, destination: "1", status: .sent, error: nil, at: t1),
            DigestDeliveryRecord(slot: "other", channel: .webhook, destination: "1", status: .sent, error: nil, at: t1),
        ])
        #expect(try await store.digestDeliveries(slot: slot).map(\.slot) == [slot])
    }

    @Test("a slot is claimed once; another slot is free", arguments: StoreBackend.allCases)
    func claims(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(
            try await store.claimDigestSlot("2026-12-07T09:00", by: "server-a", at: Self.t0, staleBefore: Self.long))
        #expect(
            try await !store.claimDigestSlot("2026-12-07T09:00", by: "server-b", at: Self.t0, staleBefore: Self.long))
        #expect(
            try await store.claimDigestSlot("2026-12-14T09:00", by: "server-b", at: Self.t0, staleBefore: Self.long))
    }

    @Test("eight claims at once on one slot: exactly one wins", arguments: StoreBackend.allCases)
    func race(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try await store.claimDigestSlot(
                        "2026-12-07T09:00", by: "server-\(i)", at: Self.t0, staleBefore: Self.long)
                }
            }
            var n = 0
            for try await won in group where won { n += 1 }
            return n
        }
        #expect(wins == 1)
    }

    @Test("the log reads back newest first, with its errors", arguments: StoreBackend.allCases)
    func log(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let later = Instant(millisecondsSinceEpoch: Self.t0.millisecondsSinceEpoch + 1000)
        let stored = try await store.recordDigestDeliveries([
            DigestDeliveryRecord(
                slot: "2026-12-07T09:00", channel: .webhook, destination: "1", status: .sent, error: nil, at: Self.t0),
            DigestDeliveryRecord(
                slot: "2026-12-07T09:00", channel: .email, destination: "ops@example.co.jp", status: .failed,
                error: "550 mailbox unavailable", at: later),
        ])
        #expect(try await store.recordDigestDeliveries([]).isEmpty)
        let log = try await store.digestDeliveries(limit: 10)
        // Returned as stored, in the order given, with their numbers.
        #expect(stored.map(\.channel) == [.webhook, .email] && stored[0].id < stored[1].id)
        #expect(stored.reversed() == log)
        #expect(log.count == 2)
        #expect(log.map(\.channel) == [.email, .webhook])
        #expect(log[0].destination == "ops@example.co.jp" && log[0].status == .failed)
        #expect(log[0].error == "550 mailbox unavailable" && log[0].at == later)
        #expect(log[1].destination == "1" && log[1].status == .sent && log[1].error == nil && log[1].at == Self.t0)
        #expect(try await store.digestDeliveries(limit: 1).map(\.channel) == [.email])
    }
}
