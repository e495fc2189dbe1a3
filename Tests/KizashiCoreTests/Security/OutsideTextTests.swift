import KizashiCore
import Testing

/// Outside text quoted in errors: one escaper for zip entries, sheet names and cells (issue 19).
@Suite("Outside text in error messages")
struct OutsideTextTests {
    @Test("controls escaped as \\u{…}, cut at the limit with …")
    func shown() {
        // A newline (0x0A) and ESC (0x1B) would forge a line or drive a terminal: escaped.
        #expect(OutsideText.shown("a\nb\u{1B}[2J", limit: 40) == "a\\u{a}b\\u{1b}[2J")
        #expect(OutsideText.shown("DEL\u{7F}", limit: 40) == "DEL\\u{7f}")
        // Five characters, limit 3: "abc…"; Japanese counts by scalar, unchanged.
        #expect(OutsideText.shown("abcde", limit: 3) == "abc…")
        #expect(OutsideText.shown("営業部", limit: 3) == "営業部")
        #expect(OutsideText.shown("x", limit: -1) == "…")
    }
}
