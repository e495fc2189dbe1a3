/// What the import page's mapping editor shows of an uploaded sheet (issue 28 item 9): each
/// column's header with a few sample values and the field it maps to (inferred, or as the
/// user's mapping says), and for a column mapped to an enumerated field the distinct values seen
/// with the canonical value each becomes. Pure: built from rows already read.
///
/// Everything is bounded, since the sheet comes from outside: at most `maxColumns` columns,
/// `sampleCount` samples of at most `maxShownLength` characters, `maxDistinct` distinct values
/// (a column with more is no enumeration, and gets no value map).
public struct SheetColumnPreview: Sendable, Equatable {
    public static let maxColumns = 200
    public static let sampleCount = 3
    public static let maxDistinct = 50
    public static let maxShownLength = 80

    public struct Column: Sendable, Equatable {
        /// 0-based position in the sheet (the form names a column by it, never by its header).
        public var index: Int
        /// As the sheet writes it (the mapping names it); shown through `shown`.
        public var header: String
        public var samples: [String]
        /// The field it maps to; nil = ignored.
        public var field: String?
        /// The distinct non-empty values (trimmed, as the value maps compare them), in order of
        /// first appearance; nil when there are more than `maxDistinct`.
        public var distinct: [String]?
        /// For a column mapped to an enumerated field: each distinct value → the canonical value
        /// it becomes ("" = not one the field accepts, the row would be rejected).
        public var values: [String: String] = [:]
    }

    public let entity: CanonicalEntity
    /// The sheet's row number of the header row (as Excel shows it).
    public let headerRow: Int
    public let columns: [Column]
    /// The fields a column may map to: the entity's columns, then its reference columns.
    public let fields: [String]
    /// Required fields no column maps to (the import fails until one does).
    public let missing: [String]
    /// Rows below the header.
    public let dataRows: Int
    /// Why the given mapping could not be applied (it named an unknown field or one field twice);
    /// the columns then show the inferred mapping.
    public let mappingProblem: String?

    /// - Parameters:
    ///   - rows: the sheet's non-empty rows (number as shown, cells).
    ///   - headerIndex: the index into `rows` of the header row.
    ///   - file: the mapping to show (columns and value maps); empty = inferred.
    public init(
        rows: [(number: Int, cells: [String])], headerIndex: Int, entity: CanonicalEntity,
        file: ImportMapping.FileMapping = .init()
    ) {
        self.entity = entity
        let header = headerIndex < rows.count ? rows[headerIndex] : (number: 1, cells: [])
        headerRow = header.number
        let body = headerIndex + 1 < rows.count ? Array(rows[(headerIndex + 1)...]) : []
        dataRows = body.count
        fields = entity.columns + SheetColumnMapping.referenceColumns(of: entity)
        let headers = Array(header.cells.prefix(Self.maxColumns))
        var problem: String?
        var assigned: [Int: String]
        do {
            assigned = try SheetColumnMapping.assignment(headers: headers, entity: entity, overrides: file.columns)
        } catch {
            problem = "\(error)"
            assigned = (try? SheetColumnMapping.assignment(headers: headers, entity: entity)) ?? [:]
        }
        var columns: [Column] = []
        for (i, h) in headers.enumerated() {
            var samples: [String] = []
            var distinct: [String] = []
            var seen: Set<String> = []
            var tooMany = false
            for row in body where i < row.cells.count {
                let v = row.cells[i].trimmingASCIIWhitespace()
                if v.isEmpty { continue }
                if samples.count < Self.sampleCount { samples.append(Self.shown(v)) }
                if !tooMany && !seen.contains(v) {
                    if distinct.count == Self.maxDistinct {
                        tooMany = true
                    } else {
                        seen.insert(v)
                        distinct.append(v)
                    }
                }
                if tooMany && samples.count == Self.sampleCount { break }
            }
            var column = Column(
                index: i, header: h, samples: samples, field: assigned[i], distinct: tooMany ? nil : distinct)
            if let f = column.field, let allowed = CanonicalValueSet.allowed(f, of: entity), !tooMany {
                let given = file.values[f] ?? [:]
                for v in distinct {
                    let mapped = given[v] ?? SheetColumnMapping.value(v, column: f)
                    column.values[v] = allowed.contains(mapped) ? mapped : ""
                }
            }
            columns.append(column)
        }
        self.columns = columns
        let mapped = Set(assigned.values)
        let referenced = Set(assigned.values.compactMap(SheetColumnMapping.referencedColumn))
        missing = entity.requiredColumns.filter {
            !mapped.contains($0) && !referenced.contains($0) && !(entity == .companies && $0 == "company_id")
        }
        mappingProblem = problem
    }

    /// A cell or header as shown: at most `maxShownLength` characters.
    public static func shown(_ s: String) -> String {
        s.count <= maxShownLength ? s : String(s.prefix(maxShownLength - 1)) + "…"
    }
}
