/// 法人番号 (Japan's 13-digit corporate number) for the demo: real-looking valid numbers and the
/// kinds of invalid ones that CRM exports actually contain.
///
/// The check digit is the one kpis.md §Validity states: with `P_n` the n-th digit of the 12-digit
/// base counted from the right and `Q_n` = 1 for odd n, 2 for even n,
/// `d1 = 9 − ((Σ P_n × Q_n) mod 9)`. (1000011000005 and 4010801014350 are valid.)
enum DemoCorporateNumber {
    /// The check digit of a 12-digit base (ASCII digits).
    static func checkDigit(base: String) -> Int {
        var sum = 0
        var n = 1
        for b in base.utf8.reversed() {
            let p = Int(b) - 48
            sum += p * (n % 2 == 1 ? 1 : 2)
            n += 1
        }
        return 9 - sum % 9
    }

    /// The valid 13-digit number for a base.
    static func valid(base: String) -> String { String(checkDigit(base: base)) + base }

    /// A realistic base: a 4-digit registry office code, the 2-digit kind (`01` for 株式会社 and
    /// 有限会社 registrations), then a 6-digit serial that the caller keeps unique.
    static func base(office: Int, serial: Int) -> String {
        DemoID.digits(office, width: 4) + "01" + DemoID.digits(serial % 1_000_000, width: 6)
    }

    /// A wrongly written number for the same base, as found in hand-maintained CRM fields:
    /// a wrong check digit, the base alone (12 digits), hyphenated groups, or full-width digits.
    static func invalid(base: String, rng: inout DemoRandom) -> String {
        let good = checkDigit(base: base)
        let u = rng.unit()
        if u < 0.6 {
            let wrong = (good + 1 + rng.below(9)) % 10
            return String(wrong) + base
        } else if u < 0.75 {
            return base
        } else if u < 0.85 {
            let s = Array(valid(base: base))
            return String(s[0]) + "-" + String(s[1...4]) + "-" + String(s[5...6]) + "-" + String(s[7...])
        } else {
            // Full-width digits (U+FF10…): what IMEs produce; NFKC would fix them, validity does not.
            var out = ""
            for b in valid(base: base).utf8 {
                out.unicodeScalars.append(Unicode.Scalar(0xFF10 + UInt32(b - 48))!)
            }
            return out
        }
    }
}
