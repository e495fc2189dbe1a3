import KizashiCore
import Testing

/// Yen in each language's units (issue 28 §8): the CLI's Japanese tables and the pages agree.
@Suite("Yen as people read it")
struct YenTextTests {
    @Test("Japanese: 万 from ten thousand, 億 from a hundred million; English: K, M, B")
    func compact() {
        // 30,800,000 / 10,000 = 3,080 → 3,080万円 (the account row of issue 28 §8).
        #expect(YenText.compact(30_800_000, .ja) == "3,080万円")
        // 123,456,789 / 100,000,000 = 1.23456789 → 1.23億円.
        #expect(YenText.compact(123_456_789, .ja) == "1.23億円")
        // Below 万: whole yen.
        #expect(YenText.compact(9_999, .ja) == "9,999円")
        #expect(YenText.compact(-50_000, .ja, minus: "-") == "-5万円")
        #expect(YenText.compact(12_300_000, .en) == "¥12.3M")
        #expect(YenText.compact(2_500_000_000, .en) == "¥2.50B")
        #expect(YenText.compact(45_000, .en) == "¥45K")
        // Beyond a whole number: ∞ rather than hundreds of digits.
        #expect(YenText.compact(1e300, .ja) == "∞円")
        #expect(YenText.compact(.nan, .en) == "¥—")
    }

    @Test("the CLI's Japanese KPI values use the same units; English keeps whole yen")
    func kpiFormat() {
        #expect(KPIFormat.display(.number(30_800_000), kind: .money, currency: "JPY", language: .ja) == "3,080万円")
        #expect(KPIFormat.display(.number(30_800_000), kind: .money, currency: "JPY", language: .en) == "¥30,800,000")
        // Another currency is written as before, in either language.
        #expect(KPIFormat.display(.number(1_500), kind: .money, currency: "USD", language: .ja) == "$1,500")
    }
}
