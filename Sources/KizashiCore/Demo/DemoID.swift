/// Builds the demo's identifiers (`C000123`, `A0000001`, `CMP001`, …) and other zero-padded digit
/// strings without Foundation formatting: ten million activity IDs must cost nanoseconds each, and
/// an ID of up to 15 ASCII bytes is stored inline in `String`, so this allocates nothing.
enum DemoID {
    /// `prefix` followed by `n` in decimal, left-padded with zeros to at least `width` digits.
    static func make(_ prefix: String, _ n: Int, width: Int) -> String {
        var digits = 1
        var probe = n / 10
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        let padded = max(digits, width)
        let prefixBytes = prefix.utf8
        let total = prefixBytes.count + padded
        return String(unsafeUninitializedCapacity: total) { buffer in
            var i = 0
            for b in prefixBytes {
                buffer[i] = b
                i += 1
            }
            var v = n
            var j = total - 1
            while j >= i {
                buffer[j] = UInt8(48 + v % 10)
                v /= 10
                j -= 1
            }
            return total
        }
    }

    /// `n` zero-padded to `width` digits, no prefix.
    static func digits(_ n: Int, width: Int) -> String { make("", n, width: width) }

    /// The ID of the company at `index` (C000001 is index 0).
    @inline(__always) static func company(_ index: Int) -> String { make("C", index + 1, width: 6) }

    /// The ID of the contact at `index` (P000001 is index 0).
    @inline(__always) static func contact(_ index: Int) -> String { make("P", index + 1, width: 6) }
}
