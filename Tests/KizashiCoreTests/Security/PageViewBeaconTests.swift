import Foundation
import KizashiCore
import Testing

@Suite("The public collect endpoint stores only an allow-listed anonymous page view")
struct PageViewBeaconTests {
    static func event(_ json: String, limits: PageViewBeacon.Limits = .init()) -> Result<
        [String: Any], PageViewBeacon.Refusal
    > {
        let object = try! JSONSerialization.jsonObject(with: Data(json.utf8))
        return PageViewBeacon.event(
            from: object, clientAddress: "198.51.100.7", userAgent: "Mozilla/5.0", limits: limits,
            newMessageId: { "generated-1" })
    }

    @Test("identity fields anywhere in the post are dropped: userId, traits, context.traits, groupId, e-mails")
    func identityDropped() throws {
        // The attack of issue 25 §1: a top-level traits.email of a real contact made page views
        // count for that contact's company.
        let posted = """
            {"type":"page","messageId":"m1","anonymousId":"a1","userId":"P1",
             "traits":{"email":"taro@alpha.co.jp"},"groupId":"C1",
             "context":{"traits":{"email":"taro@alpha.co.jp"},"groupId":"C1","ip":"10.1.2.3",
                        "page":{"url":"https://www.example.com/pricing"}},
             "properties":{"path":"/pricing","email":"taro@alpha.co.jp","topic":"security"}}
            """
        let e = try Self.event(posted).get()
        #expect(Set(e.keys) == ["type", "messageId", "anonymousId", "properties", "context"])
        let context = try #require(e["context"] as? [String: Any])
        #expect(Set(context.keys) == ["page", "userAgent", "ip"])
        #expect(context["ip"] as? String == "198.51.100.7")  // the server's view, not the post's
        let properties = try #require(e["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["url", "path"])
        // What the ingestor then sees: no e-mail, no user, no group.
        let parsed = try TrackedEvent.parse(
            e, mapping: EventTypeMapping(), timeZone: .tokyo, receivedAt: Instant(millisecondsSinceEpoch: 1_000)
        ).get()
        #expect(parsed.email == nil && parsed.userId == nil && parsed.groupId == nil && parsed.topic == nil)
        #expect(parsed.anonymousId == "a1")
        #expect(!parsed.payload.contains("taro@alpha.co.jp"))
    }

    @Test("the client's timestamp never sets the day: it is kept as client_timestamp only")
    func noBackdating() throws {
        let e = try Self.event(
            #"{"type":"page","anonymousId":"a1","timestamp":"2026-07-01T09:00:00+09:00","properties":{"path":"/"}}"#
        ).get()
        #expect(e["timestamp"] == nil && e["originalTimestamp"] == nil)
        #expect((e["properties"] as? [String: Any])?["client_timestamp"] as? String == "2026-07-01T09:00:00+09:00")
        #expect(e["messageId"] as? String == "generated-1")
        let received = Instant(millisecondsSinceEpoch: 1_790_737_200_000)
        let parsed = try TrackedEvent.parse(e, mapping: EventTypeMapping(), timeZone: .tokyo, receivedAt: received)
            .get()
        #expect(parsed.occurredAt == received)
    }

    @Test("query strings and fragments are stripped unless kept; addresses are cut at the byte limit")
    func addresses() throws {
        let posted =
            #"{"type":"page","anonymousId":"a1","properties":{"url":"https://x.example/p?email=a@b.c#top","referrer":"https://google.example/search?q=secret"}}"#
        let stripped = try #require(try Self.event(posted).get()["properties"] as? [String: Any])
        #expect(stripped["url"] as? String == "https://x.example/p")
        #expect(stripped["path"] as? String == "/p")
        #expect(stripped["referrer"] as? String == "https://google.example/search")
        let kept = try #require(
            try Self.event(posted, limits: .init(keepQuery: true)).get()["properties"] as? [String: Any])
        #expect(kept["url"] as? String == "https://x.example/p?email=a@b.c")
        // 64-byte limit: "https://x.example/" is 18 bytes, then 46 of the 100 "a"s.
        let long =
            #"{"type":"page","anonymousId":"a1","properties":{"url":"https://x.example/"#
            + String(repeating: "a", count: 100) + #""}}"#
        let cut = try #require(
            try Self.event(long, limits: .init(maxURLLength: 64)).get()["properties"] as? [String: Any])
        #expect((cut["url"] as? String)?.utf8.count == 64)
        // Multi-byte characters are never split: "https://x.example/" + 23 × "ア" (3 bytes each) = 87 bytes ≤ 88.
        let kana =
            #"{"type":"page","anonymousId":"a1","properties":{"url":"https://x.example/"#
            + String(repeating: "ア", count: 40) + #""}}"#
        let kanaCut = try #require(
            try Self.event(kana, limits: .init(maxURLLength: 88)).get()["properties"] as? [String: Any])
        #expect((kanaCut["url"] as? String) == "https://x.example/" + String(repeating: "ア", count: 23))
        // Not http(s): dropped.
        let js = try #require(
            try Self.event(#"{"type":"page","anonymousId":"a1","properties":{"url":"javascript:alert(1)"}}"#).get()[
                "properties"] as? [String: Any])
        #expect(js["url"] == nil)
    }

    @Test("anything but a page view, and posts without a usable anonymousId, are refused")
    func refusals() {
        #expect(
            throws: PageViewBeacon.Refusal.notAPageView,
            performing: {
                try Self.event(#"{"type":"track","anonymousId":"a1","event":"Form Submitted"}"#).get()
            })
        for bad in [
            #"{"type":"page"}"#, #"{"type":"page","anonymousId":""}"#, #"{"type":"page","anonymousId":"a b"}"#,
            #"{"type":"page","anonymousId":"\#(String(repeating: "x", count: 101))"}"#, "[1,2]",
        ] {
            guard case .failure(.invalid) = Self.event(bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
        }
    }

    @Test("collect settings are validated and read")
    func policy() throws {
        #expect(try WorkspaceSettings.validate(key: "collect.keep_query", value: "true") == "true")
        #expect(throws: WorkspaceSettings.InvalidSetting.self) {
            try WorkspaceSettings.validate(key: "collect.max_url_length", value: "10")
        }
        let p = CollectorPolicy(settings: ["collect.keep_query": "yes", "collect.max_url_length": "300"])
        #expect(p.limits == PageViewBeacon.Limits(keepQuery: true, maxURLLength: 300))
        #expect(CollectorPolicy(settings: [:]).limits == PageViewBeacon.Limits(keepQuery: false, maxURLLength: 1024))
    }
}
