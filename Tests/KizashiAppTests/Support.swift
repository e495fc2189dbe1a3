import Foundation
import KizashiApp
import KizashiCore
import KizashiStore
import Testing

enum Fixture {
    /// Path of a fixture folder or file under Tests/KizashiAppTests/Fixtures.
    static func path(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func temporaryDirectory() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kizashi-app-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func newStore() async throws -> (any WorkspaceStore, String) {
        let dir = temporaryDirectory()
        let path = (dir as NSString).appendingPathComponent("w.sqlite")
        return (try await SQLiteWorkspaceStore.open(path: path), dir)
    }

    /// A new workspace with the hand-worked fixture `q3-handworked` imported (its expectations
    /// are worked out in that folder's README).
    static func handWorkedStore() async throws -> any WorkspaceStore {
        let (store, _) = try await newStore()
        do {
            _ = try await PackageImporter(store: store).importPackage(
                at: path("q3-handworked"), options: .init(rejectedPath: nil))
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }
}

/// Parses JSON text into JSONValue-like plain values for comparison.
enum PlainJSON {
    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
    static func parse(file: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Compares `expected` (hand-worked) with `actual`: every key of `expected` must be in `actual`
    /// with an equal value (numbers within a relative 1e-12, nulls as NSNull). Returns differences.
    static func differences(expected: Any, actual: Any, path: String = "$") -> [String] {
        switch (expected, actual) {
        case (let e as [String: Any], let a as [String: Any]):
            return e.keys.sorted().flatMap { k -> [String] in
                guard let av = a[k] else { return ["\(path).\(k): missing"] }
                return differences(expected: e[k]!, actual: av, path: "\(path).\(k)")
            }
        case (let e as [Any], let a as [Any]):
            guard e.count == a.count else { return ["\(path): \(a.count) items, expected \(e.count)"] }
            return zip(e, a).enumerated().flatMap { differences(expected: $1.0, actual: $1.1, path: "\(path)[\($0)]") }
        case (is NSNull, is NSNull): return []
        case (let e as NSNumber, let a as NSNumber):
            let x = e.doubleValue, y = a.doubleValue
            if x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y)) { return [] }
            return ["\(path): \(y), expected \(x)"]
        case (let e as String, let a as String): return e == a ? [] : ["\(path): \"\(a)\", expected \"\(e)\""]
        default: return ["\(path): \(actual), expected \(expected)"]
        }
    }
}
