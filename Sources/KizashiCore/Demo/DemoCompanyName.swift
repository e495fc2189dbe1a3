/// A company's name as parts, and the many ways people write it.
///
/// Japanese CRM data writes the same legal form as 株式会社, (株), ㈱ or （株）, before or after the
/// name, with or without a space; English records add "Co., Ltd." or "Inc.". The demo writes the
/// canonical record mostly in full and plants its duplicates in the other spellings, so that a
/// name normaliser (kpis.md §duplicate_rate) has real work to do.
struct DemoCompanyName: Sendable {
    enum LegalForm: Sendable { case kabushiki, yugen, godo, us }

    /// How the legal form is spelled.
    enum Style: CaseIterable, Sendable { case full, paren, circled, fullWidthParen, spaced, omitted }

    /// The distinctive part: 東洋精機 (Japanese) or Summit Ridge Software (US).
    let core: String
    /// Romanised words ("toyo", "seiki"), used for English names and domains.
    let romaji: [String]
    let form: LegalForm
    /// 前株 (株式会社東洋精機) rather than 後株 (東洋精機株式会社).
    let prefixForm: Bool
    /// For US names: " Inc.", " LLC", …
    let usForm: String

    func japanese(_ style: Style, prefixForm: Bool? = nil) -> String {
        let before = prefixForm ?? self.prefixForm
        let word: String
        switch (form, style) {
        case (.us, _): return core + usForm
        case (_, .omitted): return core
        case (.kabushiki, .full), (.kabushiki, .spaced): word = "株式会社"
        case (.kabushiki, .paren): word = "(株)"
        case (.kabushiki, .circled): word = "㈱"
        case (.kabushiki, .fullWidthParen): word = "（株）"
        case (.yugen, .full), (.yugen, .spaced): word = "有限会社"
        case (.yugen, .paren): word = "(有)"
        case (.yugen, .circled): word = "㈲"
        case (.yugen, .fullWidthParen): word = "（有）"
        case (.godo, _): word = "合同会社"
        }
        let gap = style == .spaced ? "\u{3000}" : ""
        return before ? word + gap + core : core + gap + word
    }

    /// The English form of a Japanese company (Toyo Seiki Co., Ltd.), or the US name as is.
    func english(_ variant: Int) -> String {
        if form == .us { return core + usForm }
        let words = romaji.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        switch form {
        case .godo: return words + " LLC"
        case .yugen: return words + " Co., Ltd."
        default:
            switch variant % 6 {
            case 0, 1, 2, 3: return words + " Co., Ltd."
            case 4: return words + " Inc."
            default: return words + " Corporation"
            }
        }
    }

    /// A US name written differently (Summit Ridge Software, Inc. / SUMMIT RIDGE SOFTWARE INC).
    func usVariant(_ variant: Int) -> String {
        switch variant % 3 {
        case 0: return core + ", Inc."
        case 1: return core.uppercased() + " INC"
        default: return core + " Corporation"
        }
    }
}

/// Hands out company names that never collide by accident: each industry's name space
/// (head + word, brand + word, head + brand + word) is walked in a seed-dependent permutation,
/// so the only companies sharing a name are the duplicates the demo plants on purpose.
struct DemoNameSpace {
    private typealias V = DemoCompanyVocabulary
    private var japaneseCounters: [Int]
    private var usCounters: [Int]
    private let offsets: [Int]

    init(rng: inout DemoRandom) {
        japaneseCounters = Array(repeating: 0, count: V.industries.count)
        usCounters = Array(repeating: 0, count: V.industries.count)
        offsets = (0..<V.industries.count).map { _ in rng.below(1 << 20) }
    }

    /// A permutation of 0..<n (n not a multiple of the prime stride).
    private static func permute(_ k: Int, _ n: Int, _ offset: Int) -> Int { (k &* 7919 &+ offset) % n }

    mutating func japanese(industry: Int) -> (core: String, romaji: [String]) {
        let words = V.industryWords[industry]
        let heads = V.heads.count, brands = V.brands.count
        let short = (heads + brands) * words.count
        let long = heads * brands * words.count
        let k = japaneseCounters[industry]
        japaneseCounters[industry] += 1
        let round = k / (short + long)
        let r = k % (short + long)
        var text: String
        var romaji: [String]
        if r < short {
            let p = DemoNameSpace.permute(r, short, offsets[industry])
            let w = words[p % words.count]
            let lead = p / words.count
            let first = lead < heads ? V.heads[lead] : V.brands[lead - heads]
            text = first.text + w.text
            romaji = [first.romaji, w.romaji]
        } else {
            let p = DemoNameSpace.permute(r - short, long, offsets[industry])
            let w = words[p % words.count]
            let b = V.brands[(p / words.count) % brands]
            let h = V.heads[p / (words.count * brands)]
            text = h.text + b.text + w.text
            romaji = [h.romaji, b.romaji, w.romaji]
        }
        if round > 0 {
            text += String(round + 1)
            romaji[romaji.count - 1] += String(round + 1)
        }
        return (text, romaji)
    }

    mutating func us(industry: Int) -> (core: String, romaji: [String]) {
        let words = V.usIndustryWords[industry]
        let n = V.usFirst.count * V.usSecond.count * words.count
        let k = usCounters[industry]
        usCounters[industry] += 1
        let p = DemoNameSpace.permute(k % n, n, offsets[industry])
        let w = words[p % words.count]
        let s = V.usSecond[(p / words.count) % V.usSecond.count]
        let f = V.usFirst[p / (words.count * V.usSecond.count)]
        var parts = [f, s, w]
        if k >= n { parts[2] += " " + String(k / n + 1) }
        return (parts.joined(separator: " "), parts.map { $0.lowercased().filter { $0 != " " } })
    }
}
