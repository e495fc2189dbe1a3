/// Which row of a sheet holds its headers (issue 28 item 4): Excel lists often carry a title
/// ("ABMターゲット企業リスト（2026年度下期）", merged over A1:F1) or a blank line above the header.
/// The header is the first of the top rows whose cells name the most known columns of the entity
/// (or headers the mapping file names); with no such row, the first row.
public enum SheetHeaderRow {
    /// How many rows from the top are looked at.
    public static let searched = 20

    /// The index (into `rows`) of the header row.
    public static func detect(_ rows: [[String]], entity: CanonicalEntity, mapped: Set<String> = []) -> Int {
        var known = Set(mapped.map(SheetColumnMapping.key))
        for c in entity.columns + SheetColumnMapping.referenceColumns(of: entity) {
            for a in SheetColumnMapping.aliases(c, of: entity) { known.insert(SheetColumnMapping.key(a)) }
        }
        var best = 0, bestScore = 0
        for (i, cells) in rows.prefix(searched).enumerated() {
            let score = Set(cells.map(SheetColumnMapping.key).filter { !$0.isEmpty && known.contains($0) }).count
            if score > bestScore {
                best = i
                bestScore = score
            }
        }
        return best
    }
}
