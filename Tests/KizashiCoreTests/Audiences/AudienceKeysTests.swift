import KizashiCore
import Testing

/// The normalisation the ad platforms require (docs/activation.md §Audiences), worked by hand.
@Suite("Audience keys: e-mail, E.164 phone, country, domain")
struct AudienceKeysTests {
    @Test("e-mails are trimmed and lower-cased; full-width is NFKC'd; an address with a space or no domain is unusable")
    func emails() {
        #expect(AudienceKeys.email("  Taro.Yamada@Alpha.CO.JP ") == "taro.yamada@alpha.co.jp")
        // Full-width letters, ＠ and ．(U+FF20, U+FF0E) are ASCII after NFKC.
        #expect(AudienceKeys.email("ｈａｎａｋｏ＠ａｌｐｈａ．ｃｏ．ｊｐ") == "hanako@alpha.co.jp")
        // The ideographic space U+3000 is whitespace too.
        #expect(AudienceKeys.email("\u{3000}x@y.com\u{3000}") == "x@y.com")
        #expect(AudienceKeys.email("bad email@alpha.co.jp") == nil)
        #expect(AudienceKeys.email("no-at-sign.example") == nil)
        #expect(AudienceKeys.email("a@b") == nil)  // one domain label
        #expect(AudienceKeys.email("a@@b.com") == nil)
        #expect(AudienceKeys.email("山田@example.jp") == nil)  // not ASCII
        #expect(AudienceKeys.email(nil) == nil)
        #expect(AudienceKeys.email(String(repeating: "a", count: 250) + "@b.com") == nil)  // 256 bytes > 254
        #expect(AudienceKeys.email(String(repeating: " ", count: 5000) + "x@y.com") == nil)  // over the 1024 read bound
    }

    @Test("phones become E.164 with the company's country, or as written with +; otherwise they are left out")
    func phones() {
        // Japan: trunk 0 dropped, 81 added: 03-1234-5678 → +81 3 1234 5678.
        #expect(AudienceKeys.e164("03-1234-5678", country: "JP") == "+81312345678")
        #expect(AudienceKeys.e164("０３－１２３４－５６７８", country: "jp") == "+81312345678")
        // Written internationally, with the (0) trunk Japanese and British cards show: no country needed.
        #expect(AudienceKeys.e164("+81 (0)90-1234-5678", country: nil) == "+819012345678")
        // NANP: ten digits, or eleven with the leading 1.
        #expect(AudienceKeys.e164("(415) 555-0132", country: "US") == "+14155550132")
        #expect(AudienceKeys.e164("1-415-555-0199", country: "US") == "+14155550199")
        #expect(AudienceKeys.e164("555-0132", country: "US") == nil)
        // UK: 020 7946 0018 → +44 20 7946 0018. Italy keeps its leading 0: 06 1234 5678 → +39 06 1234 5678.
        #expect(AudienceKeys.e164("020 7946 0018", country: "GB") == "+442079460018")
        #expect(AudienceKeys.e164("06 1234 5678", country: "IT") == "+390612345678")
        // National without a known country: omitted, never guessed.
        #expect(AudienceKeys.e164("090-0000-1111", country: nil) == nil)
        #expect(AudienceKeys.e164("03-1234-5678", country: "ZZ") == nil)
        // Japan writes national numbers with the trunk 0: without it (or with 81 but no +) the
        // number is ambiguous — +81 81 3… or +81 3…? — and left out.
        #expect(AudienceKeys.e164("81-3-1234-5678", country: "JP") == nil)
        #expect(AudienceKeys.e164("3-1234-5678", country: "JP") == nil)
        // Letters or an extension: unusable.
        #expect(AudienceKeys.e164("内線 123", country: "JP") == nil)
        #expect(AudienceKeys.e164("03-1234-5678 ext 9", country: "JP") == nil)
        // E.164 bounds: at most 15 digits, never a leading 0 after +.
        #expect(AudienceKeys.e164("+1234567890123456", country: nil) == nil)
        #expect(AudienceKeys.e164("+0312345678", country: nil) == nil)
        #expect(AudienceKeys.e164("+81 3", country: nil) == nil)
        #expect(AudienceKeys.e164(String(repeating: "1", count: 65), country: "JP") == nil)
    }

    @Test("countries are two ASCII letters, domains as LinkedIn matches them")
    func countriesAndDomains() {
        #expect(AudienceKeys.countryCode(" jp ") == "JP")
        #expect(AudienceKeys.countryCode("JPN") == nil)
        #expect(AudienceKeys.countryCode("日本") == nil)
        #expect(AudienceKeys.webDomain("https://www.Alpha.co.jp/") == "alpha.co.jp")
        #expect(AudienceKeys.webDomain("delta.com:8080") == "delta.com")
        #expect(AudienceKeys.webDomain("not a domain") == nil)
        #expect(AudienceKeys.webDomain("localhost") == nil)
    }

    @Test("from and format are parsed strictly, naming the field")
    func requests() throws {
        #expect(try AudienceSource(parsing: "target-list") == .targetList)
        #expect(try AudienceSource(parsing: "segment:大手") == .segment("大手"))
        // The longest name: 64 characters of 3 bytes each (200 bytes with the prefix).
        let longest = String(repeating: "重", count: 64)
        #expect(try AudienceSource(parsing: "segment:" + longest) == .segment(longest))
        #expect(throws: AudienceRequestProblem(field: "from", reason: "is too long")) {
            _ = try AudienceSource(parsing: "segment:" + String(repeating: "重", count: 100))
        }
        for bad in [
            "segment:", "segment:a/b", "segments", "Target-List", "segment:" + String(repeating: "a", count: 73),
        ] {
            #expect(throws: AudienceRequestProblem.self, "\(bad)") { _ = try AudienceSource(parsing: bad) }
        }
        #expect(try AudienceFormat(parsing: "google-ads") == .googleAds)
        #expect(throws: AudienceRequestProblem(field: "format", reason: "must be linkedin, google-ads, meta or csv")) {
            _ = try AudienceFormat(parsing: "Google")
        }
    }
}
