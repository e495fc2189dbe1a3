/// The normalisation the ad platforms require before a key is hashed (docs/activation.md cites
/// each rule): e-mails trimmed and lower-cased, phones in E.164, countries as ISO 3166-1 alpha-2.
/// A value that cannot be brought into that form is not a usable key and is left out (nil), never
/// guessed: a wrong key matches the wrong person.
///
/// Every input is outside text (imported contacts and companies): each function bounds what it
/// reads and does no arithmetic on it.
public enum AudienceKeys {
    /// The matching form of an e-mail address: NFKC (full-width `ｔａｒｏ＠…` as typed in Japanese
    /// forms becomes ASCII), surrounding whitespace removed, lower-cased (Google's and Meta's rule);
    /// nil unless the result is a valid address (`FieldValidity.isValidEmail`, ASCII, at most 254
    /// bytes). Whitespace inside an address makes it unusable rather than being removed: `bad
    /// email@x.jp` is not known to be `bademail@x.jp`.
    public static func email(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count <= 1024 else { return nil }
        let e = trimmed(UnicodeNormalization.nfkc(raw)).lowercased()
        guard e.utf8.count <= 254, e.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), FieldValidity.isValidEmail(e)
        else { return nil }
        return e
    }

    /// The E.164 form of a phone number (`+` country code, national number; at most 15 digits).
    ///
    /// - A number written with `+` is international: its digits are taken as they are (a `(0)`
    ///   trunk prefix written after the country code, `+81 (0)3-…`, is dropped).
    /// - Otherwise it is national: `country` (the company's, ISO alpha-2) must be in
    ///   `CallingCode.table`, whose trunk prefix is removed (a number of a country with a trunk
    ///   prefix must start with it) and country code added; without a known country the number is
    ///   nil (omitted), never guessed.
    ///
    /// Only digits, spaces, `-`, `.`, `/`, `(` and `)` may separate digits; a number with anything
    /// else (letters, an extension `内線 12`, `#`) is nil.
    public static func e164(_ raw: String?, country: String?) -> String? {
        guard let raw, raw.utf8.count <= 64 else { return nil }
        var text = trimmed(UnicodeNormalization.nfkc(raw))
        let international = text.hasPrefix("+")
        if international {
            text.removeFirst()
            text = text.replacing("(0)", with: "")
        }
        var digits = ""
        for u in text.unicodeScalars {
            switch u {
            case "0"..."9": digits.unicodeScalars.append(u)
            case " ", "-", ".", "/", "(", ")": continue
            default: return nil
            }
        }
        if international {
            guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
            return "+" + digits
        }
        guard let iso = countryCode(country), let code = CallingCode.table[iso] else { return nil }
        var national = Substring(digits)
        if code.isNANP {
            // NANP: ten digits, or eleven written with the leading 1.
            if national.count == 11, national.first == "1" { national = national.dropFirst() }
            guard national.count == 10 else { return nil }
        } else if let trunk = code.trunkPrefix {
            // Written nationally, a number of these countries starts with the trunk prefix; one that
            // does not (`81-3-1234-5678`, `3-1234-5678`) is ambiguous, so not guessed.
            guard national.hasPrefix(trunk) else { return nil }
            national = national.dropFirst(trunk.count)
        }
        guard national.count >= 4, national.first != "0" || !code.dropsLeadingZero,
            code.code.count + national.count <= 15
        else { return nil }
        return "+" + code.code + national
    }

    /// An ISO 3166-1 alpha-2 code in capitals (`jp` → `JP`); nil unless two ASCII letters.
    public static func countryCode(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let t = trimmed(raw)
        guard t.utf8.count == 2, t.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
            return nil
        }
        return t.uppercased()
    }

    /// A company's web domain as LinkedIn matches it (`https://www.gamma.jp/` → `gamma.jp`), via
    /// `CompanyNameNormalizer.normalizeDomain`; nil unless a valid domain (`FieldValidity`).
    public static func webDomain(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count <= 512 else { return nil }
        var d = CompanyNameNormalizer.normalizeDomain(UnicodeNormalization.nfkc(raw))
        if let colon = d.firstIndex(of: ":") { d = String(d[..<colon]) }
        guard d.utf8.count <= 253, FieldValidity.isValidDomain(d) else { return nil }
        return d
    }

    /// Unicode whitespace (the ideographic space U+3000 included) removed at both ends.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
