import Foundation

/// Reads and writes icp.json (data-format.md §icp.json).
public enum ICPDocument {
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { "icp.json: \(reason)" }
    }

    static let knownKeys: Set<String> = ["industries", "employees", "annual_revenue", "countries", "regions"]

    /// Decodes an ICP; unknown keys are an error (a misspelt criterion would silently match everything).
    public static func decode(_ bytes: [UInt8]) throws -> IdealCustomerProfile {
        let data = Data(bytes)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Invalid(reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let dict = object as? [String: Any] else { throw Invalid(reason: "must be a JSON object") }
        let unknown = Set(dict.keys).subtracting(knownKeys)
        if !unknown.isEmpty {
            throw Invalid(
                reason:
                    "unknown key(s) \(unknown.sorted().joined(separator: ", ")); allowed: \(knownKeys.sorted().joined(separator: ", "))"
            )
        }
        do {
            return try JSONDecoder().decode(IdealCustomerProfile.self, from: data)
        } catch DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx) {
            throw Invalid(
                reason: "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): \(ctx.debugDescription)")
        } catch {
            throw Invalid(reason: "\(error)")
        }
    }

    /// Canonical JSON text (sorted keys), as stored in the workspace and exported.
    public static func encode(_ icp: IdealCustomerProfile) -> String {
        func range(_ r: IdealCustomerProfile.NumericRange) -> JSONValue {
            var pairs: [(String, JSONValue)] = []
            if let min = r.min { pairs.append(("min", .number(min))) }
            if let max = r.max { pairs.append(("max", .number(max))) }
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = []
        if let v = icp.annualRevenue { pairs.append(("annual_revenue", range(v))) }
        if let v = icp.countries { pairs.append(("countries", .array(v.map { .string($0) }))) }
        if let v = icp.employees { pairs.append(("employees", range(v))) }
        if let v = icp.industries { pairs.append(("industries", .array(v.map { .string($0) }))) }
        if let v = icp.regions { pairs.append(("regions", .array(v.map { .string($0) }))) }
        return JSONValue.object(pairs).serialized(pretty: true)
    }
}
