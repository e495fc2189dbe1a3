import Foundation
import Hummingbird
import NIOCore

/// An `application/x-www-form-urlencoded` body or a query string, decoded.
public struct FormData: Sendable {
    public private(set) var values: [String: [String]] = [:]

    public init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    static func decode(_ s: Substring) -> String {
        let plus = s.replacingOccurrences(of: "+", with: " ")
        return plus.removingPercentEncoding ?? plus
    }

    public subscript(_ key: String) -> String? { values[key]?.first }
    public func all(_ key: String) -> [String] { values[key] ?? [] }

    /// Reads a form body (at most 1 MB: forms are small).
    public static func read(_ request: Request) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return FormData(String(buffer: buffer))
    }
}

extension Request {
    /// A query parameter, percent-decoded; empty values count as absent.
    func query(_ key: String) -> String? {
        guard let v = uri.queryParameters.get(key), !v.isEmpty else { return nil }
        return v
    }
}
