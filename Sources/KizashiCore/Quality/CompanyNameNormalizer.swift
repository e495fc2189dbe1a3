import Foundation

/// Normalised keys for finding the same company twice (kpis.md §data_quality, duplicate_rate).
/// Also used for search and 名寄せ, so every feature agrees on what "the same name" means.
public enum CompanyNameNormalizer {
    static let legalForms = ["株式会社", "(株)", "有限会社", "(有)", "合同会社", "合資会社", "合名会社"]
    static let droppedWords: Set<String> = ["inc", "co", "ltd", "corporation", "corp", "llc", "kk", "k"]

    /// 1. NFKC, lower-case (㈱ and （株） become (株)); 2. remove legal forms; 3. every character that
    /// is not a letter (L*) or decimal digit (Nd) becomes a space; 4. drop inc/co/ltd/…; 5. join.
    public static func normalize(_ name: String) -> String {
        let scalars = Array(UnicodeNormalization.nfkcLowercased(name).unicodeScalars)
        // Steps 2–5 in one pass over scalars: legal forms are skipped where they start, every
        // other non-letter, non-digit scalar ends a word.
        var words: [String] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty {
                let w = String(word)
                if !droppedWords.contains(w) { words.append(w) }
                word = String.UnicodeScalarView()
            }
        }
        var i = 0
        outer: while i < scalars.count {
            let u = scalars[i]
            if u == "株" || u == "有" || u == "合" || u == "(" {
                for form in legalFormScalars where matches(form, in: scalars, at: i) {
                    i += form.count
                    continue outer
                }
            }
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
                word.append(u)
            default:
                endWord()
            }
            i += 1
        }
        endWord()
        return words.joined()
    }

    static let legalFormScalars: [[Unicode.Scalar]] = legalForms.map { Array($0.unicodeScalars) }

    static func matches(_ form: [Unicode.Scalar], in s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + form.count <= s.count else { return false }
        for k in 0..<form.count where s[i + k] != form[k] { return false }
        return true
    }

    /// Normalised region: NFKC, trimmed, lower-cased.
    public static func normalizeRegion(_ region: String) -> String {
        UnicodeNormalization.nfkcLowercased(region).trimmingASCIIWhitespace()
    }

    /// Normalised domain: lower-cased, leading http(s):// removed, everything from the first `/`
    /// removed, a leading `www.` removed.
    public static func normalizeDomain(_ domain: String) -> String {
        var d = Substring(domain.trimmingASCIIWhitespace().lowercased())
        for scheme in ["http://", "https://"] where d.hasPrefix(scheme) { d = d.dropFirst(scheme.count) }
        if let slash = d.firstIndex(of: "/") { d = d[..<slash] }
        if d.hasPrefix("www.") { d = d.dropFirst(4) }
        return String(d)
    }
}

/// The validity checks of kpis.md §data_quality, applied to every filled value.
public enum FieldValidity {
    /// Exactly one `@`, no whitespace, a non-empty local part, a domain of ≥ 2 non-empty labels.
    public static func isValidEmail(_ s: String) -> Bool {
        var ats = 0, local = 0, labelLength = 0, labels = 0
        for u in s.unicodeScalars {
            // ASCII (nearly every address) is checked without a Unicode property look-up.
            if u.isASCII ? (u.value == 32 || (9...13).contains(u.value)) : u.properties.isWhitespace { return false }
            if u == "@" {
                ats += 1
                continue
            }
            if ats == 0 {
                local += 1
            } else if u == "." {
                if labelLength == 0 { return false }
                labels += 1
                labelLength = 0
            } else {
                labelLength += 1
            }
        }
        return ats == 1 && local > 0 && labelLength > 0 && labels + 1 >= 2
    }

    /// After lower-casing: ≥ 2 labels, each one or more of a–z 0–9 `-`.
    public static func isValidDomain(_ s: String) -> Bool {
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ b -> Bool? in
            var labels = 1, length = 0
            for u in b {
                if u >= 0x80 { return nil }
                if u == 46 {
                    if length == 0 { return false }
                    labels += 1
                    length = 0
                } else if (u >= 97 && u <= 122) || (u >= 65 && u <= 90) || (u >= 48 && u <= 57) || u == 45 {
                    length += 1
                } else {
                    return false
                }
            }
            return labels >= 2 && length > 0
        }), let ascii {
            return ascii
        }
        let labels = s.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { l in
                !l.isEmpty && l.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
            }
    }

    /// ASCII digits only, value ≥ 1 (any length: no overflow).
    public static func isValidEmployees(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && s.utf8.contains { $0 != 48 }
    }
}

/// 法人番号 (Japan's corporate number) check digit (kpis.md §Validity).
public enum CorporateNumber {
    /// 13 ASCII digits with d1 = 9 − ((Σ_{n=1}^{12} P_n × Q_n) mod 9), P_n the n-th digit from the
    /// right of the 12-digit base, Q_n = 1 for odd n and 2 for even n.
    public static func isValid(_ s: String) -> Bool {
        let d = Array(s.utf8)
        guard d.count == 13, d.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return checkDigit(base: d[1...].map { Int($0 - 48) }) == Int(d[0] - 48)
    }

    /// The check digit of a 12-digit base (most significant first).
    public static func checkDigit(base: [Int]) -> Int {
        var sum = 0
        for (n, digit) in base.reversed().enumerated() { sum += digit * ((n + 1) % 2 == 1 ? 1 : 2) }
        return 9 - sum % 9
    }
}
