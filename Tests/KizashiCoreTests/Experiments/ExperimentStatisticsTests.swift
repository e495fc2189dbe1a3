import KizashiCore
import Testing

/// Issue 24 §4: the intervals of an experiment report, against values worked out by hand (the
/// arithmetic is written next to each) and agreeing with statsmodels / scipy to 1e-9
/// (scripts/experiment-stats-check.py recomputes every one of them).
@Suite("Experiment statistics: Wilson, Newcombe, Welch, Student t")
struct ExperimentStatisticsTests {
    static func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tol
    }

    @Test("Wilson 30/100 and 10/50")
    func wilson() throws {
        // 30/100: p = 0.3, z² = 3.841458820694124, 1 + z²/n = 1.0384145882069412;
        // centre = (0.3 + 0.0192072941) / 1.0384145882 = 0.3073986996;
        // half = 1.959964 × √(0.21/100 + 3.8414588/40000) / 1.0384146 = 1.959964 × 0.0468619 / 1.0384146 = 0.0884485
        // → [0.2189489, 0.3958485] (statsmodels: 0.21894885294932756, 0.39584854633346667).
        let a = try #require(ConfidenceIntervals.wilson(30, of: 100))
        #expect(Self.close(a.lower, 0.218_948_852_949_327_56))
        #expect(Self.close(a.upper, 0.395_848_546_333_466_67))
        // 10/50: centre = (0.2 + 0.0384146) / 1.0768292 = 0.2214043; half = 1.959964 × √(0.0032 + 0.000384146) / 1.0768292 = 0.1089668
        let b = try #require(ConfidenceIntervals.wilson(10, of: 50))
        #expect(Self.close(b.lower, 0.112_437_500_157_761_09))
        #expect(Self.close(b.upper, 0.330_371_059_322_254_13))
        #expect(ConfidenceIntervals.wilson(1, of: 0) == nil)
        #expect(ConfidenceIntervals.wilson(6, of: 5) == nil)
    }

    @Test("Newcombe's hybrid score interval, 30/100 − 10/50")
    func newcombe() throws {
        // d = 0.3 − 0.2 = 0.1.
        // lower = 0.1 − √((0.3 − 0.2189489)² + (0.3303711 − 0.2)²) = 0.1 − √(0.0065693 + 0.0169966) = 0.1 − 0.1535119 = −0.0535119
        // upper = 0.1 + √((0.3958485 − 0.3)² + (0.2 − 0.1124375)²) = 0.1 + √(0.0091869 + 0.0076672) = 0.1 + 0.1298234 = 0.2298234
        let i = try #require(ConfidenceIntervals.newcombe(30, of: 100, minus: 10, of: 50))
        #expect(Self.close(i.lower, -0.053_511_893_829_228_86))
        #expect(Self.close(i.upper, 0.229_823_477_125_136_32))
        // Edge cases statsmodels gives too: 0/10 − 0/5 and 5/5 − 0/5.
        let zero = try #require(ConfidenceIntervals.newcombe(0, of: 10, minus: 0, of: 5))
        #expect(Self.close(zero.lower, -0.434_482_464_783_174_87))
        #expect(Self.close(zero.upper, 0.277_532_799_862_889_26))
        let all = try #require(ConfidenceIntervals.newcombe(5, of: 5, minus: 0, of: 5))
        #expect(Self.close(all.lower, 0.385_549_005_690_343_56))
        #expect(Self.close(all.upper, 1.0))
        // An empty group: no interval (never NaN).
        #expect(ConfidenceIntervals.newcombe(0, of: 0, minus: 1, of: 5) == nil)
    }

    @Test("Welch: [1, 2, 3, 4] − [2, 4, 9]")
    func welch() throws {
        // means 2.5 and 5, d = −2.5; variances 5/3 and 13; s²/n = 5/12 and 13/3 = 52/12; se² = 57/12 = 4.75.
        // ν = 4.75² / ((5/12)²/3 + (13/3)²/2) = 22.5625 / (25/432 + 4056/432) = 22.5625 × 432 / 4081 = 9747/4081 = 2.3883852
        // t(0.975, 2.3883852) = 3.6970455 (scipy); half width = 3.6970455 × √4.75 = 8.0575435
        // → [−10.5575435, 5.5575435] (scipy: −10.557543515568682, 5.557543515568682).
        let w = try #require(ConfidenceIntervals.welch([1, 2, 3, 4], minus: [2, 4, 9]))
        #expect(Self.close(w.difference, -2.5))
        #expect(Self.close(w.degreesOfFreedom, 9747.0 / 4081.0, 1e-12))
        #expect(Self.close(w.interval.lower, -10.557_543_515_568_682, 1e-8))
        #expect(Self.close(w.interval.upper, 5.557_543_515_568_682, 1e-8))
        // One value, or no spread in either group: no interval.
        #expect(ConfidenceIntervals.welch([1], minus: [2, 3]) == nil)
        #expect(ConfidenceIntervals.welch([0, 0, 0], minus: [0, 0]) == nil)
        // No spread in one group: ν = n − 1 of the other. [0, 0] − [1, 3]: d = −2, se² = 2/2 = 1, ν = 1,
        // t(0.975, 1) = 12.7062047 → [−14.7062047, 10.7062047].
        let one = try #require(ConfidenceIntervals.welch([0, 0], minus: [1, 3]))
        #expect(Self.close(one.degreesOfFreedom, 1, 1e-12))
        #expect(Self.close(one.interval.lower, -14.706_204_736_174_694, 1e-8))
    }

    @Test(
        "Student t quantile at 0.975 matches the tables (scipy.stats.t.ppf)",
        arguments: [
            (1.0, 12.706_204_736_174_694), (2.0, 4.302_652_729_749_462), (2.5, 3.574_654_842_003_681_7),
            (10.0, 2.228_138_851_986_274), (30.0, 2.042_272_456_301_237_8),
            (100_000.0, 1.959_987_707_534_609_5), (200_000.0, 1.959_975_845_966_768), (1e6, 1.959_966_356_814_107),
        ])
    func tQuantile(df: Double, expected: Double) {
        #expect(Self.close(StudentT.quantile(0.975, degreesOfFreedom: df), expected, 1e-9))
    }

    @Test("Student t: inputs outside the domain give nil, not a trap")
    func tDomain() {
        #expect(StudentT.quantile(0.975, degreesOfFreedom: 0) == nil)
        #expect(StudentT.quantile(0.975, degreesOfFreedom: .nan) == nil)
        #expect(StudentT.quantile(0.975, degreesOfFreedom: .infinity) == nil)
        #expect(StudentT.quantile(1, degreesOfFreedom: 5) == nil)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 5) == 0)
        #expect(Self.close(StudentT.normalQuantile(0.975), ConfidenceIntervals.z95, 1e-14))
    }
}
