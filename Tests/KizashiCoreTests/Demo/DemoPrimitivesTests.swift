import Foundation
import Testing

@testable import KizashiCore

@Suite("Demo primitives")
struct DemoPrimitivesTests {
    @Test func corporateNumberCheckDigitMatchesTheSpecExamples() {
        #expect(DemoCorporateNumber.valid(base: "000011000005") == "1000011000005")
        #expect(DemoCorporateNumber.valid(base: "010801014350") == "4010801014350")
        #expect(DemoFixture.isValidCorporateNumber("1000011000005"))
        #expect(DemoFixture.isValidCorporateNumber("4010801014350"))
        #expect(!DemoFixture.isValidCorporateNumber("2000011000005"))
    }

    @Test func invalidCorporateNumbersAreInvalid() {
        var rng = DemoRandom(seed: 1, stream: 0)
        for serial in 0..<200 {
            let base = DemoCorporateNumber.base(office: 1100 + serial % 7, serial: serial)
            #expect(DemoFixture.isValidCorporateNumber(DemoCorporateNumber.valid(base: base)))
            #expect(!DemoFixture.isValidCorporateNumber(DemoCorporateNumber.invalid(base: base, rng: &rng)))
        }
    }

    @Test func idsAreZeroPadded() {
        #expect(DemoID.make("C", 123, width: 6) == "C000123")
        #expect(DemoID.make("A", 1, width: 7) == "A0000001")
        #expect(DemoID.make("CMP", 7, width: 3) == "CMP007")
        #expect(DemoID.make("A", 12_345_678, width: 7) == "A12345678")
        #expect(DemoID.digits(0, width: 3) == "000")
    }

    @Test func randomStreamsAreReproducibleAndIndependent() {
        var a = DemoRandom(seed: 42, stream: 1)
        var b = DemoRandom(seed: 42, stream: 1)
        var c = DemoRandom(seed: 42, stream: 2)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs == (0..<8).map { _ in b.next() })
        #expect(xs != (0..<8).map { _ in c.next() })
    }

    @Test func deterministicExpIsAccurate() {
        for x in stride(from: -30.0, through: 30.0, by: 0.37) {
            let mine = DemoMath.exp(x)
            let reference = _exp(x)
            #expect(abs(mine - reference) <= 1e-13 * reference)
        }
    }

    @Test func poissonHasTheRightMean() {
        var rng = DemoRandom(seed: 9, stream: 0)
        for lambda in [0.2, 3.0, 45.0] {
            var sum = 0
            for _ in 0..<20_000 { sum += rng.poisson(lambda) }
            #expect(abs(Double(sum) / 20_000 - lambda) < 0.05 * lambda + 0.02)
        }
    }
}

/// libm's exp, only as a reference for accuracy (the generator never calls it).
private func _exp(_ x: Double) -> Double { Foundation.exp(x) }
