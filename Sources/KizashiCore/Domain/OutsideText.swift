/// Text from outside (a file name, a cell, a sheet name) quoted in an error message.
public enum OutsideText {
    /// `s` shown safely: control characters as `\u{…}` (an error line cannot be forged with a
    /// newline or a terminal escape), at most `limit` characters, then `…`.
    public static func shown(_ s: String, limit: Int) -> String {
        var out = ""
        for u in s.unicodeScalars.prefix(max(limit, 0)) {
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\u{\(String(u.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return s.unicodeScalars.count > limit ? out + "…" : out
    }
}
