import Foundation

/// A `sf data tree export` JSON file: `{"records": [{"attributes": {"type": "Account",
/// "referenceId": "AccountRef1"}, "Name": …}, …]}` → each record's object type (lower-cased)
/// and its fields (`SalesforceMapping.Record`, with the `referenceid`).
///
/// Bounded: Salesforce writes at most 2,000 records a file (a few MB), so a file over `maxBytes`
/// is refused before it is parsed; values other than strings and numbers are left out.
public enum SalesforceTreeExport {
    public static let maxBytes = 64 << 20

    public struct Entry: Sendable, Equatable {
        /// 1-based position in `records` (what a rejected row reports as its line).
        public var position: Int
        public var type: String
        public var record: SalesforceMapping.Record
    }

    /// Whether the file is the import plan `sf data tree export --plan` writes beside the data
    /// (`[{"sobject": "Account", "files": […]}]`): it holds no records, so a folder exported with
    /// `--plan` imports as it is.
    public static func isPlan(_ data: Data) -> Bool {
        guard data.count <= maxBytes, let list = try? JSONSerialization.jsonObject(with: data) as? [Any],
            !list.isEmpty
        else { return false }
        return list.allSatisfy { ($0 as? [String: Any])?["sobject"] is String }
    }

    public static func records(from data: Data) -> Result<[Entry], EventProblem> {
        guard data.count <= maxBytes else {
            return .failure(EventProblem("a tree export is at most \(maxBytes >> 20) MB; this file is larger"))
        }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = json["records"] as? [Any]
        else { return .failure(EventProblem("not a tree export (a JSON object with \"records\")")) }
        var out: [Entry] = []
        out.reserveCapacity(list.count)
        for (i, item) in list.enumerated() {
            guard let r = item as? [String: Any] else { continue }
            let attributes = r["attributes"] as? [String: Any]
            var record = SalesforceMapping.lowercased(r)
            if let ref = attributes?["referenceId"] as? String { record["referenceid"] = ref }
            out.append(
                Entry(position: i + 1, type: (attributes?["type"] as? String ?? "").lowercased(), record: record))
        }
        return .success(out)
    }
}
