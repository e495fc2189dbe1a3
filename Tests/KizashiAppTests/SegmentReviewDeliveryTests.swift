import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

/// Scheduled reviews of saved segments (issue 26 §4, `digest.segments`) on the hand-worked Q3
/// package, sent on the slot of 2026-10-01 (a Thursday).
///
/// Targets on 2026-10-01 (targets.csv; removed_on is exclusive): C1 (1,200 employees), C5 (800),
/// C6 (400), C7 (3,000). The team's approach-now list that day is C1, C7, C5 (`kizashi now
/// --as-of 2026-10-01`; see `OwnerRoutingDigestTests`). Segment 千人以上 = `employees>=1000`
/// holds C1 and C7, so its review lists C1, C7 — the team's order, Delta, Inc. (C5) left out.
@Suite("Digest: scheduled segment reviews", .serialized)
struct SegmentReviewDeliveryTests {
    @Test("digest.segments: each segment's review to its own address and webhook; a deleted segment logged as failed")
    func segmentReviews() async throws {
        let store = try await DigestDeliveryTests.store(["digest.schedule": "thu 09:00", "digest.lang": "en"])
        defer { Task { try? await store.close() } }
        let t0 = DigestDeliveryTests.slotTime
        let team = try await store.addWebhook(url: "http://127.0.0.1:9/team", kind: .generic, secret: "s1", now: t0)
        let large = try await store.addWebhook(url: "http://127.0.0.1:9/large", kind: .slack, secret: "s2", now: t0)
        _ = try await SegmentService(store: store, data: DashboardData(store: store)).create(
            name: "千人以上", rule: "employees>=1000")
        let reviews =
            "[{\"segment\": \"千人以上\", \"email_to\": [\"kimura@example.co.jp\"], \"webhooks\": [\(large.id)]},"
            + " {\"segment\": \"消えた\", \"email_to\": [\"gone@example.co.jp\"]}]"
        #expect(WorkspaceSettings.keys.contains { $0.key == "digest.segments" })
        let checked = try WorkspaceSettings.validate(key: "digest.segments", value: reviews)
        try await store.transaction { tx in
            try await tx.setSetting("digest.webhooks", to: String(team.id))
            try await tx.setSetting("digest.segments", to: checked)
        }
        let sender = BodyRecordingSender()
        let mailer = RecordingMailer()
        let records = try #require(
            try await DigestDeliveryTests.delivery(store, server: "a", sender: sender, mail: mailer).sendDue())

        let outcome = Dictionary(records.map { ($0.destination, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(
            Set(outcome.keys) == [
                String(team.id), "\(large.id) (segment: 千人以上)", "kimura@example.co.jp (segment: 千人以上)",
                "gone@example.co.jp (segment: 消えた)",
            ])
        #expect(outcome["gone@example.co.jp (segment: 消えた)"]?.status == .failed)
        #expect(outcome["gone@example.co.jp (segment: 消えた)"]?.error == "no segment is named \"消えた\"")
        #expect(records.filter { $0.status == .sent }.count == 3)

        // The team's webhook gets the team's review only (digest.webhooks names it alone).
        #expect(sender.bodies.map(\.url).sorted() == ["http://127.0.0.1:9/large", "http://127.0.0.1:9/team"])
        let teamBody = try #require(sender.bodies.first { $0.url.hasSuffix("/team") })
        let teamJSON = try #require(
            (try JSONSerialization.jsonObject(with: teamBody.body) as? [String: Any])?["digest"] as? [String: Any])
        let teamIds = ((teamJSON["approach_now"] as? [String: Any])?["accounts"] as? [[String: Any]] ?? []).compactMap {
            $0["company_id"] as? String
        }
        #expect(teamIds == ["C1", "C7", "C5"])
        #expect(teamJSON["segment"] is NSNull)

        // The segment's Slack text and mail: C1 and C7, never C5.
        let slack = try #require(sender.bodies.first { $0.url.hasSuffix("/large") })
        let text = try #require(
            (try JSONSerialization.jsonObject(with: slack.body) as? [String: Any])?["text"] as? String)
        #expect(text.contains("株式会社アルファ") && text.contains("Zeta Co., Ltd.") && !text.contains("Delta, Inc."))
        let mail = try #require(mailer.messages.first { $0.to == ["kimura@example.co.jp"] })
        #expect(mail.subject.hasSuffix("— segment 千人以上"))
        #expect(mail.text.contains("株式会社アルファ") && mail.text.contains("Zeta Co., Ltd."))
        #expect(!mail.text.contains("Delta, Inc."))
        #expect(mailer.messages.count == 1)

        // The same slot again (another server, or a restart): nothing is sent twice.
        #expect(
            try await DigestDeliveryTests.delivery(store, server: "b", sender: sender, mail: mailer).sendDue() == nil)
        #expect(mailer.messages.count == 1)
    }

    @Test(
        "digest.segments is refused by field: not a list, unknown field, bad name, twice, no destination, bad address")
    func refusals() throws {
        func problem(_ v: String) -> String? { DigestDeliverySettings.problem(key: "digest.segments", value: v) }
        #expect(problem("") == nil && problem("none") == nil && problem("[]") == nil)
        #expect(problem("{\"segment\": \"大手\"}")?.hasPrefix("must be a JSON list") == true)
        #expect(
            problem("[{\"segment\": \"大手\", \"to\": [\"a@b.jp\"]}]")?.hasPrefix("entry 1: unknown field to") == true)
        #expect(problem("[{\"segment\": \"a/b\", \"email_to\": [\"a@b.jp\"]}]")?.hasPrefix("entry 1: segment:") == true)
        #expect(
            problem("[{\"segment\": \"大手\", \"webhooks\": [1]}, {\"segment\": \"大手\", \"webhooks\": [2]}]")
                == "entry 2: segment 大手 is named twice")
        #expect(problem("[{\"segment\": \"大手\"}]") == "entry 1: name at least one address (email_to) or webhook")
        #expect(problem("[{\"segment\": \"大手\", \"email_to\": [\"a b@c.jp\"]}]")?.contains("email_to") == true)
        for hooks in ["[0]", "[true]", "[1.5]", "[\"1\"]", "[1e300]"] {
            #expect(
                problem("[{\"segment\": \"大手\", \"webhooks\": \(hooks)}]")?.contains("webhooks") == true, "\(hooks)")
        }
        let eleven = "[" + (1...11).map { "{\"segment\": \"s\($0)\", \"webhooks\": [1]}" }.joined(separator: ",") + "]"
        #expect(problem(eleven) == "at most 10 segment reviews")
        #expect(problem(String(repeating: " ", count: 9_000) + "[]") == nil)  // trimmed first
        #expect(problem("[" + String(repeating: "{\"segment\": \"x\"},", count: 600) + "]") == "at most 8,192 bytes")
        // Read back: the canonical text parses to the same reviews.
        let plan = DigestDeliverySettings(settings: [
            "digest.segments": "[{\"segment\": \"大手\", \"email_to\": [\"a@b.jp\"], \"webhooks\": [3, 1]}]"
        ])
        #expect(plan.segmentReviews == [DigestSegmentReview(segment: "大手", emailTo: ["a@b.jp"], webhooks: [3, 1])])
        let shown = try #require(plan.describe().first { $0.key == "digest.segments" }?.value)
        #expect(DigestDeliverySettings(settings: ["digest.segments": shown]).segmentReviews == plan.segmentReviews)
        #expect(DigestDeliverySettings(settings: [:]).describe().first { $0.key == "digest.segments" }?.value == "none")
    }
}
