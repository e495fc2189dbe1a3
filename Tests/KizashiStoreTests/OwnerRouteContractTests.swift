import Foundation
import KizashiCore
import Testing

@testable import KizashiStore

/// The owner route map and the routing of alert deliveries (issue 27 §3), on every backend.
@Suite("Store contract: owner routes")
struct OwnerRouteContractTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_796_000_000_000)

    @Test(
        "routes are keyed by the trimmed, ASCII-lowercased owner: set, replace, list, remove",
        arguments: StoreBackend.allCases)
    func map(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let hook = try await store.addWebhook(
            url: "https://hooks.example.com/a", kind: .slack, secret: "s", now: Self.t0)
        try await store.setOwnerRoute(
            OwnerRoute(owner: "Emily Clark", webhookId: hook.id, emails: ["emily@example.com"]), now: Self.t0)
        try await store.setOwnerRoute(
            OwnerRoute(owner: "佐藤", webhookId: nil, emails: ["sato@example.co.jp"]), now: Self.t0)
        // "EMILY CLARK" is the same owner: the route is replaced, not added (the new spelling is kept).
        try await store.setOwnerRoute(
            OwnerRoute(owner: "EMILY CLARK", webhookId: nil, emails: ["e1@example.com", "e2@example.com"]), now: Self.t0
        )
        let routes = try await store.ownerRoutes()
        // Ordered by key: "emily clark" < "佐藤" (U+4F50) bytewise.
        #expect(
            routes == [
                OwnerRoute(owner: "EMILY CLARK", webhookId: nil, emails: ["e1@example.com", "e2@example.com"]),
                OwnerRoute(owner: "佐藤", webhookId: nil, emails: ["sato@example.co.jp"]),
            ])
        #expect(try await store.removeOwnerRoute(owner: "emily clark"))
        #expect(try await !store.removeOwnerRoute(owner: "emily clark"))
        #expect(try await store.ownerRoutes().map(\.owner) == ["佐藤"])
    }

    @Test(
        "an alert goes to every team webhook and to its owner's webhook only; the log names the owner",
        arguments: StoreBackend.allCases)
    func routing(backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        defer { Task { try? await store.close() } }
        let team = try await store.addWebhook(
            url: "https://hooks.example.com/team", kind: .generic, secret: "s", now: Self.t0)
        let sato = try await store.addWebhook(
            url: "https://hooks.example.com/sato", kind: .slack, secret: "s", now: Self.t0)
        let suzuki = try await store.addWebhook(
            url: "https://hooks.example.com/suzuki", kind: .slack, secret: "s", now: Self.t0)
        try await store.setOwnerRoute(OwnerRoute(owner: "佐藤", webhookId: sato.id, emails: []), now: Self.t0)
        try await store.setOwnerRoute(OwnerRoute(owner: "Suzuki", webhookId: suzuki.id, emails: []), now: Self.t0)
        func alert(_ company: String, owner: String?) -> AlertCandidate {
            var a = AlertCandidate(
                companyId: company, companyName: company, rule: .highIntent, reasonKey: "form", en: "e", ja: "j",
                score: 60)
            a.owner = owner
            return a
        }
        // C1 is 佐藤's (written with spaces around), C2 " suzuki" (ASCII case differs), C3 has an
        // owner without a route, C4 none.
        let ids = try await store.enqueue(
            [
                alert("C1", owner: " 佐藤 "), alert("C2", owner: "SUZUKI"), alert("C3", owner: "高橋"),
                alert("C4", owner: nil),
            ],
            now: Self.t0, cooldownSince: Instant(millisecondsSinceEpoch: 0))
        #expect(ids.allSatisfy { $0 != nil })
        let log = try await store.deliveryLog(limit: 20)
        // Team: 4 alerts → 4 deliveries; 佐藤's webhook: C1 only; Suzuki's: C2 only. 6 in all.
        let byHook = Dictionary(grouping: log, by: \.webhook.id).mapValues { Set($0.map(\.alert.companyId)) }
        #expect(byHook[team.id] == ["C1", "C2", "C3", "C4"])
        #expect(byHook[sato.id] == ["C1"])
        #expect(byHook[suzuki.id] == ["C2"])
        #expect(log.count == 6)
        #expect(log.filter { $0.webhook.id == team.id }.allSatisfy { $0.routeOwner == nil })
        #expect(log.first { $0.webhook.id == sato.id }?.routeOwner == "佐藤")
        #expect(log.first { $0.webhook.id == suzuki.id }?.routeOwner == "Suzuki")
        // A disabled owner webhook gets nothing (and still not the team's alerts).
        try await store.setWebhook(id: sato.id, active: false)
        _ = try await store.enqueue(
            [alert("C5", owner: "佐藤")], now: Self.t0, cooldownSince: Instant(millisecondsSinceEpoch: 0))
        let after = try await store.deliveryLog(limit: 20)
        #expect(after.count == 7 && after[0].alert.companyId == "C5" && after[0].webhook.id == team.id)
    }
}
