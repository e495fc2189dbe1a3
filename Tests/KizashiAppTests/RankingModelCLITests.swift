import Foundation
import Testing

/// Issue 20 §4, as a user runs it: the first `now` trains the ranking and says so, stores it;
/// the next `now` reuses it — the same list, without training — and `model show` says what is
/// stored and when it would be retrained.
@Suite("Train once, use all day (kizashi model, kizashi now)")
struct RankingModelCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try PlainJSON.parse(text) as? [String: Any] ?? [:]
    }

    @Test(
        "model show → none; now trains and stores; now again reuses (identical list); other days and settings retrain")
    func trainOnceReuse() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/demo.sqlite"
        let (c0, _, e0) = try CLI.run(["demo", "--scale", "small", "--seed", "42", "--as-of", "2026-10-31", "--db", db])
        #expect(c0 == 0, "\(e0)")

        let (c1, none, e1) = try CLI.run(["model", "show", "--as-of", "2026-10-31", "--format", "json", "--db", db])
        #expect(c1 == 0, "\(e1)")
        #expect(try Self.json(none)["trained"] as? Bool == false)

        let now = ["now", "--as-of", "2026-10-31", "--limit", "25", "--format", "json", "--lang", "en", "--db", db]
        let (c2, first, e2) = try CLI.run(now)
        #expect(c2 == 0, "\(e2)")
        #expect(e2.contains("Training the ranking as of 2026-10-31"))

        let (c3, shown, e3) = try CLI.run(["model", "show", "--as-of", "2026-10-31", "--format", "json", "--db", db])
        #expect(c3 == 0, "\(e3)")
        let model = try Self.json(shown)
        let listChoice = try Self.json(first)["ranking"] as? [String: Any]
        #expect(model["as_of"] as? String == "2026-10-31")
        #expect(model["in_use"] as? Bool == true)
        #expect(model["candidate"] as? String == listChoice?["candidate"] as? String)
        #expect((model["features"] as? [Any])?.isEmpty == false)

        // Reused: no training, and byte for byte the same list — the stored parameters read back
        // exactly, and the day's features from the short history equal the training's.
        let (c4, second, e4) = try CLI.run(now)
        #expect(c4 == 0, "\(e4)")
        #expect(!e4.contains("Training"))
        #expect(second == first)

        // 2026-10-31 + 7 = 2026-11-07 is still served by it; 2026-11-08 is too old; 2026-10-30
        // is before its as-of day (its validation saw labels after that day).
        for (day, reason) in [("2026-11-07", nil), ("2026-11-08", "too-old"), ("2026-10-30", "trained-after-day")] {
            let (c, out, e) = try CLI.run(["model", "show", "--as-of", day, "--format", "json", "--db", db])
            #expect(c == 0, "\(e)")
            let m = try Self.json(out)
            #expect(m["in_use"] as? Bool == (reason == nil), "\(day)")
            #expect(m["retrain_reason"] as? String == reason, "\(day)")
        }

        let (c5, _, e5) = try CLI.run(["settings", "set", "engaged_threshold", "45", "--db", db])
        #expect(c5 == 0, "\(e5)")
        let (c6, stale, e6) = try CLI.run(["model", "show", "--as-of", "2026-10-31", "--format", "json", "--db", db])
        #expect(c6 == 0, "\(e6)")
        #expect(try Self.json(stale)["retrain_reason"] as? String == "settings")

        // `model train` ahead of time: then `now` does not train.
        let (c7, trained, e7) = try CLI.run(["model", "train", "--as-of", "2026-10-31", "--lang", "en", "--db", db])
        #expect(c7 == 0, "\(e7)")
        #expect(trained.contains("in use for 2026-10-31"))
        let (c8, _, e8) = try CLI.run(now)
        #expect(c8 == 0, "\(e8)")
        #expect(!e8.contains("Training"))
    }
}
