/// Values as people type them into Excel (issue 28 item 3), rewritten before the canonical checks
/// so the ICP, 名寄せ and data quality see what was meant: `1,200` / `１，２００名` employees → `1200`;
/// `https://www.example.co.jp/` → `example.co.jp`; full-width digits in 法人番号 and phone numbers
/// → ASCII. A value that does not come out clean is left as typed (the checks then judge it).
extension SheetColumnMapping {
    static func excelValue(_ v: String, column: String) -> String {
        let n = UnicodeNormalization.nfkc(v).trimmingASCIIWhitespace()
        switch column {
        case "employees":
            var t = Substring(n)
            for suffix in ["名", "人"] where t.hasSuffix(suffix) { t = t.dropLast() }
            let digits = String(t.unicodeScalars.filter { $0 != "," && $0 != " " }.map(Character.init))
            return !digits.isEmpty && digits.utf8.allSatisfy({ (48...57).contains($0) }) ? digits : v
        case "corporate_number":
            let digits = String(n.unicodeScalars.filter { $0 != "-" && $0 != " " }.map(Character.init))
            return digits.utf8.count == 13 && digits.utf8.allSatisfy({ (48...57).contains($0) }) ? digits : v
        case "phone":
            return n
        case "domain":
            let lower = n.lowercased()
            guard lower.contains("://") || lower.contains("/") || lower.hasPrefix("www.") else { return v }
            let d = CompanyNameNormalizer.normalizeDomain(n)
            return d.isEmpty ? v : d
        default:
            return v
        }
    }

    /// One note per column whose values were rewritten, with how many and one example, for the
    /// preview (`rows`: the sheet's rows under the header).
    public func rewrites(_ rows: [[String]]) -> [String] {
        var counts: [String: (count: Int, example: String)] = [:]
        for cells in rows {
            for (i, c) in columns where i < cells.count {
                let raw = cells[i].trimmingASCIIWhitespace()
                guard !raw.isEmpty, ["employees", "corporate_number", "phone", "domain"].contains(c) else { continue }
                let out = Self.value(raw, column: c)
                if out != raw {
                    let prior = counts[c]
                    counts[c] = ((prior?.count ?? 0) + 1, prior?.example ?? "\"\(raw)\" → \"\(out)\"")
                }
            }
        }
        return counts.sorted { $0.key < $1.key }.map {
            "\($0.key): \($0.value.count) value(s) rewritten as Excel users mean them, e.g. \($0.value.example)"
        }
    }
}
