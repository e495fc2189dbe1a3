/// The `values` of a mapping file (issue 29): each mapped column's values as the export writes
/// them (`Won`, `Engaging`) → the canonical value (`won`, `open`), applied to the sheet's cells
/// before any canonical check. Keys are case-sensitive; an empty cell stays empty; a value the
/// map does not list is a bad row naming the values the map allows — never passed through.
public struct SheetValueMaps: Sendable {
    /// Column (canonical or reference) → its map.
    public let maps: [String: [String: String]]
    /// Sheet column index → the column whose map applies.
    let indexes: [(index: Int, column: String)]
    /// Column → value as written → rows that had it (mapped or not), for the preview.
    public private(set) var hits: [String: [String: Int]] = [:]

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ maps: [String: [String: String]], mapping: SheetColumnMapping) throws(Failure) {
        self.maps = maps
        var indexes: [(Int, String)] = []
        for column in maps.keys.sorted() {
            let at = mapping.columns.filter { $0.value == column }.map(\.key)
            guard let i = at.first else {
                throw Failure(
                    description:
                        "the value map for \(column) names a column no header maps to (map a header to \(column) under columns)"
                )
            }
            indexes.append((i, column))
        }
        self.indexes = indexes
    }

    public var isEmpty: Bool { maps.isEmpty }

    /// The row with its mapped cells rewritten, or the first cell no map lists.
    public mutating func apply(_ cells: [String]) -> (
        cells: [String], issue: (column: String, value: String, reason: String)?
    ) {
        var out = cells
        var issue: (column: String, value: String, reason: String)?
        for (i, column) in indexes where i < out.count {
            let v = out[i].trimmingASCIIWhitespace()
            if v.isEmpty { continue }
            hits[column, default: [:]][v, default: 0] += 1
            if let mapped = maps[column]?[v] {
                out[i] = mapped
            } else if issue == nil {
                let allowed = (maps[column] ?? [:]).keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                issue = (
                    column, v,
                    "\"\(v)\" is not in the value map for \(column) (the map lists \(allowed); values are case-sensitive)"
                )
            }
        }
        return (out, issue)
    }
}
