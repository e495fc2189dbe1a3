/// A mapping file (issue 29), in either form:
/// - flat: `header: column` pairs (or the same JSON object), as before;
/// - structured: `columns` (header → column, `""` ignores), `values` (column → {value in the
///   file: canonical value}), `constants` (column → one value for every row), `date_format`
///   (`M/D/YYYY`, `D/M/YYYY`: `SheetDateFormat`), and `files` (file name → {entity, columns,
///   values, constants, date_format}) for a whole export folder.
///
/// Parsed from a plain tree (`MappingTree`), which App's reader builds from YAML or JSON within
/// its limits; everything here is pure.
public struct ImportMapping: Sendable, Equatable {
    /// One file's mapping (the whole file for a single sheet).
    public struct FileMapping: Sendable, Equatable {
        /// nil: given on the command line (`--entity`).
        public var entity: CanonicalEntity?
        public var columns: [String: String] = [:]
        /// Column → (value as the file writes it → the canonical value). Keys are case-sensitive.
        public var values: [String: [String: String]] = [:]
        public var constants: [String: String] = [:]
        /// `date_format`: the order the file writes its dates in (nil: year first, as always).
        public var dateFormat: SheetDateFormat?
        public init(
            entity: CanonicalEntity? = nil, columns: [String: String] = [:], values: [String: [String: String]] = [:],
            constants: [String: String] = [:], dateFormat: SheetDateFormat? = nil
        ) {
            self.entity = entity
            self.columns = columns
            self.values = values
            self.constants = constants
            self.dateFormat = dateFormat
        }
        public var isEmpty: Bool {
            entity == nil && columns.isEmpty && values.isEmpty && constants.isEmpty && dateFormat == nil
        }
    }

    /// The mapping of a single file (top-level `columns`, `values`, `constants`, or the flat form).
    public var single = FileMapping()
    /// File name (as in the folder, compared case-insensitively) → its mapping.
    public var files: [String: FileMapping] = [:]

    public init(single: FileMapping = FileMapping(), files: [String: FileMapping] = [:]) {
        self.single = single
        self.files = files
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    static let sections: Set<String> = ["columns", "values", "constants", "files", "entity", "date_format"]

    /// Interprets a parsed file. A top-level map with none of the section names is the flat form.
    public init(tree: MappingTree) throws(Problem) {
        guard case .map(let top) = tree else {
            throw Problem("expected a map of header: column, or columns/values/files")
        }
        if !top.contains(where: { Self.sections.contains($0.key) }) {
            single.columns = try Self.pairs(tree, "the mapping")
            return
        }
        if let key = top.map(\.key).first(where: { !Self.sections.contains($0) }) {
            throw Problem("unknown section \"\(key)\" (use columns, values, constants, date_format, files)")
        }
        single = try Self.fileMapping(top, where: "the mapping")
        if let section = top.first(where: { $0.key == "files" })?.value {
            guard case .map(let entries) = section else {
                throw Problem("files: expected file name: {entity, columns, …}")
            }
            for (name, body) in entries {
                guard case .map(let fields) = body else { throw Problem("files.\(name): expected a map") }
                for (k, _) in fields where !["entity", "columns", "values", "constants", "date_format"].contains(k) {
                    throw Problem(
                        "files.\(name): unknown key \"\(k)\" (use entity, columns, values, constants, date_format)")
                }
                let m = try Self.fileMapping(fields, where: "files.\(name)")
                guard m.entity != nil else {
                    throw Problem(
                        "files.\(name): name its entity (\(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                files[name] = m
            }
        }
    }

    static func fileMapping(_ fields: [(key: String, value: MappingTree)], where place: String) throws(Problem)
        -> FileMapping
    {
        var m = FileMapping()
        for (key, value) in fields {
            switch key {
            case "entity":
                guard case .scalar(let s) = value, let e = CanonicalEntity(rawValue: s) else {
                    throw Problem(
                        "\(place).entity: use one of \(CanonicalEntity.importOrder.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                m.entity = e
            case "columns": m.columns = try pairs(value, "\(place).columns")
            case "constants": m.constants = try pairs(value, "\(place).constants")
            case "date_format":
                guard case .scalar(let s) = value else { throw Problem("\(place).date_format: expected one value") }
                do { m.dateFormat = try SheetDateFormat(s) } catch { throw Problem("\(place).\(error.description)") }
            case "values":
                guard case .map(let perColumn) = value else {
                    throw Problem("\(place).values: expected column: {value: canonical value}")
                }
                for (column, map) in perColumn { m.values[column] = try pairs(map, "\(place).values.\(column)") }
            default: break
            }
        }
        return m
    }

    /// A map of scalars (a repeated key: the last wins, as in the flat form before).
    static func pairs(_ tree: MappingTree, _ place: String) throws(Problem) -> [String: String] {
        guard case .map(let entries) = tree else { throw Problem("\(place): expected key: value pairs") }
        var out: [String: String] = [:]
        for (k, v) in entries {
            guard case .scalar(let s) = v else { throw Problem("\(place).\(k): expected a single value") }
            out[k] = s
        }
        return out
    }

    /// The mapping of `file` in a folder (by name, case-insensitively), if the mapping names it.
    public func mapping(forFile name: String) -> FileMapping? {
        files.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A parsed mapping file as plain values: what a YAML or JSON reader hands to `ImportMapping`.
public indirect enum MappingTree: Sendable, Equatable {
    case scalar(String)
    case map([(key: String, value: MappingTree)])
    case list([MappingTree])

    public static func == (a: MappingTree, b: MappingTree) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.map(let x), .map(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
        default: false
        }
    }
}
