/// The columns of a connector export (Salesforce, Marketo) that a mapping names as company or
/// contact references (issue 29): `Account Name: company` makes each row's `Account Name` a
/// reference resolved like 名寄せ (`RecordReferenceResolver`), in addition to the connector's own
/// fields — the column keeps its usual meaning (an `Email: company` column is still the e-mail).
///
/// A connector's fields are its own (API names), so its mapping may only send headers to the
/// reference columns; anything else is refused rather than silently ignored.
public struct ConnectorReferenceColumns: Sendable, Equatable {
    /// The targets a connector mapping may name.
    public static let targets = SheetColumnMapping.companyReferenceColumns + ["contact"]

    /// Header (trimmed, lower-cased) → reference column.
    public private(set) var columns: [String: String] = [:]

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `mapping`: header → column as a mapping file gives it; `builtIn`: the connector's own
    /// reference headers (lower-cased), used when the mapping does not name that header.
    public init(_ mapping: [String: String], builtIn: [String: String] = [:]) throws(Problem) {
        columns = builtIn
        for (header, target) in mapping {
            let key = Self.key(header)
            let column = target.trimmingASCIIWhitespace()
            if column.isEmpty {
                columns[key] = nil
                continue
            }
            guard Self.targets.contains(column) else {
                throw Problem(
                    description:
                        "the mapping sends \"\(header)\" to \"\(target)\"; this connector reads its own fields and takes only reference columns (\(Self.targets.joined(separator: ", ")))"
                )
            }
            columns[key] = column
        }
    }

    /// How a header is compared: trimmed, BOM removed, lower-cased.
    public static func key(_ header: String) -> String {
        header.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingASCIIWhitespace().lowercased()
    }

    public var hasCompany: Bool { columns.values.contains { $0 != "contact" } }
    public var hasContact: Bool { columns.values.contains("contact") }

    /// The company keys of a record (header as `key(_:)` gives it → value); empty when none.
    public func companyKeys(_ record: [String: String]) -> RecordReferenceResolver.CompanyKeys {
        var k = RecordReferenceResolver.CompanyKeys()
        for (header, column) in columns.sorted(by: { $0.key < $1.key }) {
            guard let v = record[header]?.trimmingASCIIWhitespace(), !v.isEmpty else { continue }
            k.set(column: column, to: v)
        }
        return k
    }

    /// The contact reference (an ID or an e-mail address) of a record; empty when none.
    public func contact(_ record: [String: String]) -> String {
        for (header, column) in columns.sorted(by: { $0.key < $1.key }) where column == "contact" {
            if let v = record[header]?.trimmingASCIIWhitespace(), !v.isEmpty { return v }
        }
        return ""
    }
}
