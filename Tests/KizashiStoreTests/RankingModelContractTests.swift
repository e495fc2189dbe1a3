import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// Issue 20 §4: the trained ranking is kept in the workspace, one per workspace, the body
/// returned byte for byte (JSON with Japanese text and escapes must survive both backends).
@Suite("Store contract: the stored approach-now ranking")
struct RankingModelContractTests {
    @Test(
        "none before the first training; saved, read back exactly, replaced by the next",
        arguments: StoreBackend.allCases)
    func roundTrip(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        #expect(try await store.rankingModel() == nil)
        let first = StoredRankingModel(
            trainedAt: Instant(millisecondsSinceEpoch: 1_790_000_000_123), asOf: Build.day("2026-10-31"),
            fingerprint: "settings 00ff · companies 3", body: #"{"why":"エンゲージメント順 \"引用\"\n","x":[1e-300,-0.0]}"#)
        try await store.saveRankingModel(first)
        #expect(try await store.rankingModel() == first)
        let second = StoredRankingModel(
            trainedAt: Instant(millisecondsSinceEpoch: 1_790_086_400_000), asOf: Build.day("2026-11-01"),
            fingerprint: "settings 0100 · companies 4", body: "{}")
        try await store.saveRankingModel(second)
        #expect(try await store.rankingModel() == second)
        // Derived: a copy of the workspace leaves it behind (the destination retrains).
        #expect(PortableTable.derivedOrLocal.contains("ranking_model"))
    }
}
