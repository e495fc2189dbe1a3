import Foundation
import KizashiApp
import Testing

/// Issue 4: the demo plants a learnable relation (buying episodes — several people engaging,
/// intent surging — precede opportunities; one-person reading sprees and intent-only surges lead
/// nowhere), and the propensity model must find it better than the fixed rule score.
@Suite("Propensity model on demo data")
struct PropensityDemoTests {
    @Test("small demo (seed 42): the backtest's model AUC beats the rule score's, and the list says it uses the model")
    func modelBeatsRule() throws {
        let dir = Fixture.temporaryDirectory()
        let db = dir + "/demo.sqlite"
        let (c0, _, e0) = try CLI.run([
            "demo", "--scale", "small", "--seed", "42", "--as-of", "2026-10-31", "--db", db,
        ])
        #expect(c0 == 0, "\(e0)")
        let (c1, out, e1) = try CLI.run([
            "backtest", "--as-of", "2026-07-01", "--data-end", "2026-10-31", "--format", "json", "--db", db,
        ])
        #expect(c1 == 0, "\(e1)")
        let json = try PlainJSON.parse(out) as? [String: Any]
        let model = (json?["model"] as? [String: Any])?["auc"] as? Double
        let rule = (json?["rule_score"] as? [String: Any])?["auc"] as? Double
        let test = json?["test"] as? [String: Any]
        // Enough held-out positives for the comparison to mean something.
        #expect((test?["positives"] as? Int ?? 0) >= 30)
        #expect(model != nil && rule != nil)
        #expect((model ?? 0) > (rule ?? 1), "model \(model ?? -1), rule \(rule ?? -1)")
        #expect(json?["model_beats_rule"] as? Bool == true)
    }
}
