/// Escaping for HTML text and attribute values: every piece of outside data (company names,
/// topics, e-mail addresses) goes through it before it reaches a page or an HTML review. Core
/// holds it because the HTML review (`DigestHTML`) is rendered here; the server's `esc` calls it.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
