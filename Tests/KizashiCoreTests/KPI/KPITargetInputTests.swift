import KizashiCore
import Testing

/// Issue 28 §1: `kizashi target set engaged_rate 40` printed "目標 4000.0%".
extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}

@Suite("KPI targets as people type them")
struct KPITargetInputTests {
    func value(_ s: String, _ kind: KPIDefinition.Kind) -> Double? { try? KPITargetInput.parse(s, kind: kind).get() }

    @Test("percentages: 40, 40%, ４０％ and 0.4 are all 0.4; 1 and 1.5 are refused as ambiguous")
    func percent() {
        for s in ["40", "40%", "40 %", "４０％", "0.4"] { #expect(value(s, .ratio) == 0.4, "\(s)") }
        #expect(value("95", .ratio) == 0.95)
        #expect(
            KPITargetInput.parse("1.5", kind: .ratio).failure
                == .ambiguousPercent(typed: "1.5", asPercent: "150"))
        #expect(value("12.5", .ratio) == 0.125)
        #expect(value("250%", .ratio) == 2.5)  // an ROI of 250 %
        #expect(value("0", .ratio) == 0)
        for ambiguous in ["1", "1.5", "9.9"] {
            guard case .failure(let r) = KPITargetInput.parse(ambiguous, kind: .ratio) else {
                Issue.record("\(ambiguous) accepted")
                continue
            }
            #expect(r.description.contains("ambiguous") && r.text(.ja).contains("曖昧"))
        }
    }

    @Test("money: 5000万, 5,000万円, ¥50,000,000 and 50,000,000 are all 50,000,000 yen; 1.2億円 is 120,000,000")
    func money() {
        for s in ["5000万", "5,000万円", "¥50,000,000", "50,000,000", "５０００万円", "￥50,000,000"] {
            #expect(value(s, .money) == 50_000_000, "\(s)")
        }
        #expect(value("1.2億円", .money) == 120_000_000)
        #expect(value("5,00万", .money) == nil)  // a misplaced separator is not a number
    }

    @Test("counts are whole numbers; scores and multiples are decimals")
    func counts() {
        #expect(value("1,200", .count) == 1200)
        #expect(value("40件", .count) == 40)
        #expect(value("4.5", .count) == nil)
        #expect(value("-3", .count) == nil)
        #expect(value("1.5倍", .multiple) == 1.5)
        #expect(value("62.5", .score) == 62.5)
        #expect(value("abc", .score) == nil)
    }

    @Test("outside input is bounded: no value a page cannot render as a whole number, no endless text")
    func bounds() {
        // 400 nines would read as +∞ (Double), and Int(∞) stops the process: refused for its length.
        let long = String(repeating: "9", count: 400)
        guard case .failure(.tooLarge) = KPITargetInput.parse(long, kind: .money) else {
            Issue.record("400 digits accepted")
            return
        }
        // 9,999,999,999,999,999,999万 = 9.999… × 10^22 yen > 10^15: refused, naming the maximum.
        let huge = KPITargetInput.parse("9,999,999,999,999,999,999万", kind: .money)
        #expect(
            huge.failure
                == .tooLarge(typed: "9,999,999,999,999,999,999万", maximum: "1,000,000,000,000,000"))
        #expect(huge.failure?.text(.ja).contains("大きすぎます") == true)
        // 10^15 yen (1,000兆円 = 10^7 億 = 10,000,000億) is the largest money target; 100,000 % the largest
        // percentage; 100,000,000億 = 10^16 is refused.
        #expect(value("10,000,000億", .money) == 1e15)
        #expect(value("100,000,000億", .money) == nil)
        #expect(value("100000%", .ratio) == 1_000)
        #expect(
            KPITargetInput.parse("100001%", kind: .ratio).failure == .tooLarge(typed: "100001%", maximum: "100,000%"))
        #expect(value("1,000,000,000,000", .count) == 1e12)
        #expect(value("1,000,000,000,001", .count) == nil)
        // Exponents are not typed targets.
        #expect(value("1e300", .score) == nil)
        // The API's JSON numbers get the same bounds.
        #expect(KPITargetInput.check(.infinity, kind: .count).failure == .notANumber("inf"))
        #expect(KPITargetInput.check(-1, kind: .count).failure == .notANumber("-1"))
        #expect(KPITargetInput.check(1e19, kind: .count).failure != nil)
        #expect(KPITargetInput.check(0.4, kind: .ratio) == .success(0.4))
    }

    @Test("a value no Int holds is rendered, not trapped on (targets set before the bounds existed)")
    func rendering() {
        #expect(NumberText.grouped(rounding: 1e19) == "∞")
        #expect(NumberText.grouped(rounding: -1e19, minus: "-") == "-∞")
        #expect(NumberText.grouped(rounding: 30_800_000.4) == "30,800,000")
        #expect(KPIFormat.display(.number(1e300), kind: .money, currency: "JPY", language: .ja) == "∞円")
        #expect(KPIFormat.display(.number(1e300), kind: .money, currency: "JPY", language: .en) == "¥∞")
        #expect(KPIFormat.display(.number(1e300), kind: .score, currency: "JPY", language: .ja) == "∞")
        #expect(KPIFormat.display(.number(0.4), kind: .ratio, currency: "JPY", language: .ja) == "40.0%")
    }
}
