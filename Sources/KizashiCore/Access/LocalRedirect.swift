import Foundation

/// Where a user may be sent after login (`next=`): a path on this site, never another site.
///
/// Browsers forgive a lot in a Location header: they drop tabs and line breaks (`/\t/evil.example`
/// becomes `//evil.example`, another host), read `\` as `/`, and some decode `%2F` before
/// resolving. So a target is accepted only when it is printable ASCII without `\`, begins with
/// one `/`, and no percent-decoding of it (applied up to four times) yields a second leading
/// `/` or `\`, a control character or a backslash.
public enum LocalRedirect {
    public static let maximumLength = 2048

    /// `target` when it is a same-origin path, else nil.
    public static func path(_ target: String) -> String? {
        guard !target.isEmpty, target.utf8.count <= maximumLength,
            target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") })
        else { return nil }
        var decoded = target
        for _ in 0..<4 {
            guard isSafe(decoded) else { return nil }
            guard let next = decoded.removingPercentEncoding else { return nil }
            if next == decoded { return target }
            decoded = next
        }
        // Still changing after four decodings: nobody writes a link like that.
        return nil
    }

    private static func isSafe(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.first == UInt8(ascii: "/") else { return false }
        if u.count > 1, u[1] == UInt8(ascii: "/") || u[1] == UInt8(ascii: "\\") { return false }
        return !s.unicodeScalars.contains { $0 == "\\" || $0.properties.generalCategory == .control }
    }
}
