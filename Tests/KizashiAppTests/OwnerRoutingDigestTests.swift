import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Per-owner reviews (issue 27 §3) on the hand-worked Q3 package, sent on 2026-10-01 (a Thursday).
///
/// Owners on 2026-10-01 (targets.csv; removed_on is exclusive): 佐藤 owns C1; 鈴木 owns C5 (C3 left
/// that day); 高橋 owns C6 and C7 (C7 arrived that day). The team's approach-now list as of that
/// day is C1 (rule score 79.9), C7 (15.0), C5 (3.5) — `kizashi now --as-of 2026-10-01` — so each
/// owner's list keeps their part of it, in the same order: 佐藤 [C1], 鈴木 [C5], 高橋 [C7].
@Suite("Owner routing: per-owner reviews", .serialized)
struct OwnerRoutingDigestTests {
    static let day = Day(iso: "2026-10-01")!

    @Test("digest.per_owner: the team gets its review; each routed owner with accounts gets their own, nobody else's")
    func perOwner() async throws {
        let store = try await DigestDeliveryTests.store([
            "digest.schedule": "thu 09:00", "digest.lang": "en", "digest.email_to": "ops@example.co.jp",
            "digest.per_owner": "on",
        ])
        defer { Task { try? await store.close() } }
        let t0 = DigestDeliveryTests.slotTime
        let team = try await store.addWebhook(url: "http://127.0.0.1:9/team", kind: .generic, secret: "s1", now: t0)
        let suzukiHook = try await store.addWebhook(
            url: "http://127.0.0.1:9/suzuki", kind: .slack, secret: "s2", now: t0)
        let takahashiHook = try await store.addWebhook(
            url: "http://127.0.0.1:9/takahashi", kind: .slack, secret: "s3", now: t0)
        try await store.setOwnerRoute(OwnerRoute(owner: "佐藤", webhookId: nil, emails: ["sato@example.co.jp"]), now: t0)
        try await store.setOwnerRoute(
            OwnerRoute(owner: "鈴木", webhookId: suzukiHook.id, emails: ["suzuki@example.co.jp"]), now: t0)
        try await store.setOwnerRoute(OwnerRoute(owner: "高橋", webhookId: takahashiHook.id, emails: []), now: t0)
        // A route whose owner no account carries: nothing is sent to it.
        try await store.setOwnerRoute(
            OwnerRoute(owner: "Nobody", webhookId: nil, emails: ["nobody@example.co.jp"]), now: t0)
        let sender = BodyRecordingSender()
        let mailer = RecordingMailer()
        let records = try #require(
            try await DigestDeliveryTests.delivery(store, server: "a", sender: sender, mail: mailer).sendDue())

        // Mail: the team address, 佐藤 and 鈴木; never Nobody.
        #expect(
            Set(mailer.messages.map { $0.to[0] }) == [
                "ops@example.co.jp", "sato@example.co.jp", "suzuki@example.co.jp",
            ])
        // Webhooks: the team's gets the team review only; 鈴木's and 高橋's get their own only.
        #expect(
            sender.bodies.map(\.url).sorted() == [
                "http://127.0.0.1:9/suzuki", "http://127.0.0.1:9/takahashi", "http://127.0.0.1:9/team",
            ])
        // The log: 2 team destinations + 佐藤's address + 鈴木's address and webhook + 高橋's webhook.
        #expect(
            Set(records.map(\.destination)) == [
                String(team.id), "ops@example.co.jp", "sato@example.co.jp (owner: 佐藤)",
                "suzuki@example.co.jp (owner: 鈴木)", "\(suzukiHook.id) (owner: 鈴木)", "\(takahashiHook.id) (owner: 高橋)",
            ])
        #expect(records.allSatisfy { $0.status == .sent })

        func mail(_ to: String) throws -> MailMessage { try #require(mailer.messages.first { $0.to == [to] }) }
        // Each review names its owner's accounts only (names from companies.csv).
        let sato = try mail("sato@example.co.jp"), suzuki = try mail("suzuki@example.co.jp")
        let teamMail = try mail("ops@example.co.jp")
        #expect(sato.subject.hasSuffix("— accounts of 佐藤"))
        #expect(sato.text.contains("株式会社アルファ"))
        #expect(!sato.text.contains("Zeta Co., Ltd.") && !sato.text.contains("Delta, Inc."))
        #expect(suzuki.text.contains("Delta, Inc."))
        #expect(!suzuki.text.contains("株式会社アルファ") && !suzuki.text.contains("Zeta Co., Ltd."))
        #expect(!teamMail.subject.contains("accounts of"))
        for name in ["株式会社アルファ", "Zeta Co., Ltd.", "Delta, Inc."] { #expect(teamMail.text.contains(name)) }
        let takahashi = try #require(sender.bodies.first { $0.url.hasSuffix("/takahashi") })
        let text = try #require(
            (try JSONSerialization.jsonObject(with: takahashi.body) as? [String: Any])?["text"] as? String)
        #expect(text.contains("Zeta Co., Ltd.") && !text.contains("株式会社アルファ") && !text.contains("Delta, Inc."))
    }

    @Test("the owner's review: the approach-now list cut from the team ranking, the signals only the owner's accounts")
    func ownerDigest() async throws {
        let store = try await DigestDeliveryTests.store([:])
        defer { Task { try? await store.close() } }
        let service = DigestService(store: store, data: DashboardData(store: store))
        let week = DigestPeriod.resolve("last-week", asOf: Self.day)!
        let teamReview = try await service.digest(period: week, asOf: Self.day, tier: nil)
        #expect(teamReview.approachNow.entries.map(\.account.companyId) == ["C1", "C7", "C5"])
        let owners: [(String, Set<String>, [String])] = [
            ("佐藤", ["C1"], ["C1"]), ("鈴木", ["C5"], ["C5"]), ("高橋", ["C6", "C7"], ["C7"]),
        ]
        for (owner, accounts, expected) in owners {
            let own = try await service.digest(period: week, asOf: Self.day, tier: nil, owner: (owner, accounts))
            #expect(own.owner == owner)
            #expect(own.approachNow.entries.map(\.account.companyId) == expected, "\(owner)")
            let signals = try #require(own.signals)
            let named = (signals.risers + signals.fallers + signals.newSurges + signals.competitorResearch).map(
                \.companyId)
            #expect(Set(named).isSubset(of: accounts), "\(owner): \(named)")
            // The KPIs stay the team's.
            #expect(own.current.period == teamReview.current.period)
        }
    }

    @Test("without digest.per_owner, routed owners get nothing and their webhooks not the team's review")
    func off() async throws {
        let store = try await DigestDeliveryTests.store(["digest.schedule": "thu 09:00", "digest.lang": "en"])
        defer { Task { try? await store.close() } }
        let t0 = DigestDeliveryTests.slotTime
        let team = try await store.addWebhook(url: "http://127.0.0.1:9/team", kind: .generic, secret: "s1", now: t0)
        let sato = try await store.addWebhook(url: "http://127.0.0.1:9/sato", kind: .slack, secret: "s2", now: t0)
        try await store.setOwnerRoute(
            OwnerRoute(owner: "佐藤", webhookId: sato.id, emails: ["sato@example.co.jp"]), now: t0)
        let sender = BodyRecordingSender()
        let mailer = RecordingMailer()
        let records = try #require(
            try await DigestDeliveryTests.delivery(store, server: "a", sender: sender, mail: mailer).sendDue())
        #expect(records.map(\.destination) == [String(team.id)])
        #expect(sender.bodies.map(\.url) == ["http://127.0.0.1:9/team"])
        #expect(mailer.messages.isEmpty)
    }
}

/// The route map's checks, shared by the CLI, the API and Settings.
@Suite("Owner routing: the service refuses bad input")
struct OwnerRouteServiceTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_796_000_000_000)

    @Test("unknown or removed webhook, bad address, long name, private URL, nothing to route to: refused by field")
    func refusals() async throws {
        let (store, _) = try await Fixture.newStore()
        defer { Task { try? await store.close() } }
        let removed = try await store.addWebhook(
            url: "https://hooks.example.com/x", kind: .slack, secret: "s", now: Self.t0)
        try await store.setWebhook(id: removed.id, active: false)
        let service = OwnerRouteService(
            store: store,
            webhookGuard: WebhookGuard(resolver: FakeResolver(table: ["hooks.example.com": ["93.184.216.34"]])),
            now: { Self.t0 })
        func refusal(_ owner: String, _ webhook: String?, _ emails: [String]) async -> OwnerRouteProblem? {
            do {
                _ = try await service.set(owner: owner, webhook: webhook, emails: emails)
                return nil
            } catch let p as OwnerRouteProblem { return p } catch {
                return OwnerRouteProblem(field: "?", reason: "\(error)")
            }
        }
        #expect(await refusal("佐藤", "99", []) == OwnerRouteProblem(field: "webhook", reason: "there is no webhook 99"))
        #expect(
            await refusal("佐藤", String(removed.id), [])
                == OwnerRouteProblem(field: "webhook", reason: "webhook \(removed.id) was removed"))
        #expect(await refusal("佐藤", nil, ["sato"])?.field == "emails")
        #expect(await refusal(String(repeating: "x", count: 121), nil, ["a@example.com"])?.field == "owner")
        #expect(await refusal("佐藤", "http://127.0.0.1:8080/hook", [])?.field == "webhook")
        #expect(await refusal("佐藤", "ftp://hooks.example.com/", [])?.field == "webhook")
        #expect(await refusal("佐藤", nil, [])?.field == "webhook")
        #expect(try await store.ownerRoutes().isEmpty)
        #expect(try await store.webhooks().count == 1, "no webhook was registered by a refused route")

        // A public URL: registered as a Slack webhook for this owner.
        let (route, created) = try await service.set(
            owner: " Emily Clark ", webhook: "https://hooks.example.com/emily", emails: ["emily@example.com"])
        let hook = try #require(created)
        #expect(hook.kind == .slack && hook.url == "https://hooks.example.com/emily")
        #expect(route == OwnerRoute(owner: "Emily Clark", webhookId: hook.id, emails: ["emily@example.com"]))
        // Replaced by another URL: the first webhook is no route's any more, so it is disabled
        // (active, it would become a team webhook and Emily's channel would get every alert).
        let (_, second) = try await service.set(
            owner: "emily clark", webhook: "https://hooks.example.com/emily2", emails: [])
        let hooks = Dictionary(uniqueKeysWithValues: try await store.webhooks().map { ($0.id, $0.active) })
        #expect(hooks[hook.id] == false && second.map { hooks[$0.id] } == true)
        #expect(try await service.remove(owner: "EMILY CLARK"))
        #expect(try await store.webhooks().allSatisfy { !$0.active }, "removing the route disabled its webhook")
        #expect(try await service.remove(owner: "emily clark") == false)
    }
}
