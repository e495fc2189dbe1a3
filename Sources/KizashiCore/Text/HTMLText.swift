/// Escaping for markup: every piece of outside data (company names, topics, e-mail addresses)
/// goes through it before it reaches a page, an HTML review or a workbook's XML. Core holds it
/// because the HTML review (`DigestHTML`) and the workbook (`XLSXDocument`) are rendered here;
/// the server's `esc` calls it.
public enum HTMLText {
    /// HTML text and attribute values.
    public static func escape(_ s: String) -> String { markup(s, apostrophe: true, dropsXMLInvalid: false) }

    /// XML 1.0 text (the workbook's cells and sheet names): the markup characters escaped but the
    /// apostrophe (its attributes are double-quoted), and the control characters XML 1.0 cannot
    /// hold dropped (an imported name could carry one).
    public static func xml(_ s: String) -> String { markup(s, apostrophe: false, dropsXMLInvalid: true) }

    private static func markup(_ s: String, apostrophe: Bool, dropsXMLInvalid: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophe: out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if dropsXMLInvalid, u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
