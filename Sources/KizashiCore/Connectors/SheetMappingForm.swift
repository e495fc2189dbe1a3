/// The import page's mapping editor, submitted (issue 28 item 9): its form fields turned into
/// the same `ImportMapping.FileMapping` a mapping file gives (`MappingFileReader`), checked
/// against the sheet's own columns (`SheetColumnPreview`).
///
/// The form is outside input and is not trusted: a column is named by its position in the
/// uploaded sheet (its header is taken from the sheet, never from the form), a field must be one
/// of the entity's, a value one the field accepts; counts and lengths are bounded.
///
/// Fields: `col.<i>` = the field column i maps to ("" = ignore it); `val.<i>.<k>` = the canonical
/// value the k-th distinct value of column i becomes ("" = as written). Other keys (`_csrf`,
/// `action`) are not the form's mapping and are skipped.
public enum SheetMappingForm {
    /// More fields than a sheet of `SheetColumnPreview.maxColumns` columns with value maps could send.
    public static let maxFields =
        SheetColumnPreview.maxColumns * (1 + SheetColumnPreview.maxDistinct) + 16
    /// Names and values are short words (`val.199.49`, `decision_maker`).
    public static let maxLength = 64

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The mapping the form asks for. Headers of ignored columns map to "" (the mapping's way to
    /// ignore a column an inferred name would otherwise take).
    public static func mapping(_ fields: [(name: String, value: String)], preview: SheetColumnPreview)
        throws(Problem) -> ImportMapping.FileMapping
    {
        guard fields.count <= maxFields else {
            throw Problem("the form sends \(fields.count) fields; at most \(maxFields) are read")
        }
        let allowedFields = Set(preview.fields)
        var chosen: [Int: String] = [:]
        var valueChoices: [Int: [Int: String]] = [:]
        for (name, value) in fields {
            let isColumn = name.hasPrefix("col."), isValue = name.hasPrefix("val.")
            guard isColumn || isValue else { continue }
            guard name.count <= maxLength, value.count <= maxLength else {
                throw Problem("the form field \(name.prefix(maxLength)) is longer than \(maxLength) characters")
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().map { Int($0) }
            guard let first = parts.first, let i = first, i >= 0, i < preview.columns.count else {
                throw Problem("the form field \(name) names no column of the sheet")
            }
            if isColumn {
                guard parts.count == 1 else { throw Problem("the form field \(name) names no column of the sheet") }
                guard value.isEmpty || allowedFields.contains(value) else {
                    throw Problem(
                        "\"\(value)\" is not a field of \(preview.entity.rawValue) (\(preview.fields.joined(separator: ", ")))"
                    )
                }
                guard chosen[i] == nil else { throw Problem("the form sends column \(i + 1) twice") }
                chosen[i] = value
            } else {
                guard parts.count == 2, let k = parts[1], k >= 0 else {
                    throw Problem("the form field \(name) names no value of the sheet")
                }
                valueChoices[i, default: [:]][k] = value
            }
        }
        var file = ImportMapping.FileMapping()
        var owner: [String: Int] = [:]
        for column in preview.columns {
            // A column the form leaves out keeps the mapping shown (inferred or given).
            let field = chosen[column.index] ?? column.field ?? ""
            if !field.isEmpty, let other = owner[field] {
                throw Problem(
                    "columns \(other + 1) (\"\(preview.columns[other].header)\") and \(column.index + 1) (\"\(column.header)\") are both mapped to \(field); map one of them to another field or ignore it"
                )
            }
            if !field.isEmpty { owner[field] = column.index }
            file.columns[column.header] = field
            guard let choices = valueChoices[column.index] else { continue }
            guard let allowed = CanonicalValueSet.allowed(field, of: preview.entity), let distinct = column.distinct
            else {
                throw Problem("column \(column.index + 1) (\"\(column.header)\") takes no value map")
            }
            var map: [String: String] = [:]
            var changed = false
            for (k, raw) in distinct.enumerated() {
                let pick = choices[k] ?? ""
                guard pick.isEmpty || allowed.contains(pick) else {
                    throw Problem(
                        "\"\(pick)\" is not a value of \(field) (\(allowed.joined(separator: ", ")))")
                }
                map[raw] = pick.isEmpty ? raw : pick
                if !pick.isEmpty && pick != raw { changed = true }
            }
            if let k = choices.keys.first(where: { $0 >= distinct.count }) {
                throw Problem("the form field val.\(column.index).\(k) names no value of the sheet")
            }
            // A map that changes nothing is left out: every value then passes as written.
            if changed { file.values[field] = map }
        }
        return file
    }
}
