import KizashiCore
import Testing

@Suite("API token lifetime (--expires-in)")
struct TokenLifetimeTests {
    @Test("days, hours and minutes in milliseconds")
    func parses() throws {
        // 90 d × 86,400,000 ms = 7,776,000,000 ms; 12 h × 3,600,000 = 43,200,000; 30 min × 60,000 = 1,800,000.
        #expect(try TokenLifetime("90d").milliseconds == 7_776_000_000)
        #expect(try TokenLifetime("12h").milliseconds == 43_200_000)
        #expect(try TokenLifetime("30m").milliseconds == 1_800_000)
        #expect(try TokenLifetime(" 7d ").milliseconds == 604_800_000)
        // The ten-year cap itself: 3,650 × 86,400,000 = 315,360,000,000.
        #expect(try TokenLifetime("3650d").milliseconds == 315_360_000_000)
        let start = Instant(millisecondsSinceEpoch: 1_790_737_200_000)
        #expect(try TokenLifetime("1m").expiry(from: start).millisecondsSinceEpoch == 1_790_737_260_000)
    }

    @Test(
        "anything else is refused with the reason",
        arguments: [
            "", "d", "0d", "-1d", "+5d", "1.5d", "90", "90x", "90 d", "1e3d", "9999999d", "3651d", "87601h", "٩٠d",
        ])
    func refused(_ text: String) {
        #expect(throws: TokenLifetime.Invalid.self) { try TokenLifetime(text) }
    }
}
