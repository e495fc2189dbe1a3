import Foundation

/// Unicode normalisation the spec relies on (kpis.md §duplicate_rate, data-format.md §icp.json).
public enum UnicodeNormalization {
    /// NFKC. Foundation's compatibility mapping on Linux maps half-width katakana but leaves the
    /// voiced marks uncomposed (ﾌﾟ → フ + U+309A instead of プ), so the canonical composition is
    /// applied after it: NFKC = NFC ∘ compatibility decomposition.
    public static func nfkc(_ s: String) -> String {
        // ASCII is already NFKC: skip Foundation (it dominates KPI set-up on 100k names).
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }

    /// NFKC, then lower-cased — the comparison form of names, regions and ICP text. Text whose
    /// every scalar is stable under NFKC case folding (most Japanese and lower-case Latin text) is
    /// returned as is, without the cost of Foundation's normalisation.
    public static func nfkcLowercased(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ !$0.properties.changesWhenNFKCCaseFolded }) { return s }
        return nfkc(s).lowercased()
    }
}
