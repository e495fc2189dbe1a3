import Foundation

/// Unicode normalisation the spec relies on (kpis.md §duplicate_rate, data-format.md §icp.json).
public enum UnicodeNormalization {
    /// NFKC. Foundation's compatibility mapping on Linux maps half-width katakana but leaves the
    /// voiced marks uncomposed (ﾌﾟ → フ + U+309A instead of プ), so the canonical composition is
    /// applied after it: NFKC = NFC ∘ compatibility decomposition.
    public static func nfkc(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }
}
