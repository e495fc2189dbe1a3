import KizashiCore
import Testing

/// Issue 24 §4: the holdout is drawn with our own SplitMix64, so the same seed gives the same
/// accounts on every platform; the draw is redone here by hand.
@Suite("Holdout draw: SplitMix64, stratified, reproducible")
struct HoldoutDrawTests {
    @Test("SplitMix64 gives the reference outputs (Vigna's splitmix64.c)")
    func reference() {
        var g = SplitMix64(seed: 0)
        #expect(
            [g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var s = SplitMix64(seed: 7)
        #expect(s.next() == 0x63CB_E1E4_5932_0DD7)
    }

    @Test("below(n) rejects the incomplete last block")
    func below() {
        // 2⁶⁴ mod 5 = 1 (2⁴ ≡ 1 mod 5), so the threshold is 1 and seed 7's first output
        // 7191089600892374487 is kept: 7191089600892374487 mod 5 = 2.
        var g = SplitMix64(seed: 7)
        #expect(g.below(5) == 2)
        var one = SplitMix64(seed: 99)
        #expect(one.below(1) == 0)
    }

    @Test("a stratified draw, redone by hand")
    func stratified() {
        // Stratum A: a1…a5 → k = ⌊(5 × 2000 + 5000) / 10000⌋ = 1; stratum B: b1…b3 → k = ⌊11000/10000⌋ = 1.
        // Seed 7: first output mod 5 = 2 → a3; second output 0x044C3CD7F43C661C = 309689372594955804,
        // mod 3 = 0 → b1 (the threshold 2⁶⁴ mod 3 = 1 is below it).
        let candidates =
            ["a4", "a1", "a5", "a3", "a2"].map { HoldoutDraw.Candidate(companyId: $0, stratum: "A") }
            + ["b3", "b1", "b2"].map { HoldoutDraw.Candidate(companyId: $0, stratum: "B") }
        let share = HoldoutShare(basisPoints: 2000)!
        #expect(HoldoutDraw.holdout(of: candidates, share: share, seed: 7) == ["a3", "b1"])
        // The order the candidates arrive in does not matter.
        #expect(HoldoutDraw.holdout(of: candidates.reversed(), share: share, seed: 7) == ["a3", "b1"])
    }

    @Test("each stratum keeps its share; the same seed gives the same holdout, another seed another")
    func shares() throws {
        var candidates: [HoldoutDraw.Candidate] = []
        for i in 0..<100 { candidates.append(.init(companyId: "S\(i)", stratum: "tier 1 · saas")) }
        for i in 0..<30 { candidates.append(.init(companyId: "M\(i)", stratum: "tier none · 製造")) }
        let share = try ExperimentInput.share("20%")
        let h = HoldoutDraw.holdout(of: candidates, share: share, seed: 7)
        #expect(h.filter { $0.hasPrefix("S") }.count == 20)
        #expect(h.filter { $0.hasPrefix("M") }.count == 6)
        #expect(HoldoutDraw.holdout(of: candidates, share: share, seed: 7) == h)
        #expect(HoldoutDraw.holdout(of: candidates, share: share, seed: 8) != h)
    }

    @Test("holdout percentages: parsed exactly, hostile text refused")
    func percentages() throws {
        #expect(try ExperimentInput.share("20%").basisPoints == 2000)
        #expect(try ExperimentInput.share(" 12.5 % ").basisPoints == 1250)
        #expect(try ExperimentInput.share("0.05").basisPoints == 5)
        #expect(try ExperimentInput.share("99.99%").description == "99.99%")
        for bad in [
            "0", "0%", "100", "100%", "-5%", "+5", "1e1", "NaN", "5.555", "", "%", "12.", ".5", "１０%",
            String(repeating: "9", count: 40),
        ] {
            #expect(throws: ExperimentInput.Problem.self) { try ExperimentInput.share(bad) }
        }
        // Rounding half up: 20 % of 3 = 0.6 → 1; of 2 = 0.4 → 0; 50 % of 1 = 0.5 → 1.
        #expect(HoldoutShare(basisPoints: 2000)!.count(of: 3) == 1)
        #expect(HoldoutShare(basisPoints: 2000)!.count(of: 2) == 0)
        #expect(HoldoutShare(basisPoints: 5000)!.count(of: 1) == 1)
    }

    @Test("seeds, names and dates: bounded and parsed without a trap")
    func inputs() throws {
        #expect(try ExperimentInput.seed("7") == 7)
        #expect(try ExperimentInput.seed("18446744073709551615") == UInt64.max)
        for bad in [
            "18446744073709551616", "-1", "+7", "0x10", "7.0", "", " ", "1 2", String(repeating: "1", count: 100),
        ] {
            #expect(throws: ExperimentInput.Problem.self) { try ExperimentInput.seed(bad) }
        }
        #expect(try ExperimentInput.name("  FY26 H2 ") == "FY26 H2")
        #expect(try ExperimentInput.name("下期 ABM 検証") == "下期 ABM 検証")
        for bad in ["", "   ", "a\nb", "a\u{0}b", "a\u{202E}b", "a/b", String(repeating: "x", count: 101)] {
            #expect(throws: ExperimentInput.Problem.self) { try ExperimentInput.name(bad) }
        }
        #expect(try ExperimentInput.day("2026-07-01", field: "start") == Day(iso: "2026-07-01"))
        for bad in ["2026-02-30", "2026-7-1", "20260701", "2026-07-01T00:00", String(repeating: "2", count: 1000)] {
            #expect(throws: ExperimentInput.Problem.self) { try ExperimentInput.day(bad, field: "start") }
        }
        #expect(try ExperimentInput.population("ICP") == .icp)
        #expect(throws: ExperimentInput.Problem.self) { try ExperimentInput.population("all") }
    }
}
