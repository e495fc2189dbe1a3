import HTTPTypes
import Hummingbird
import KizashiCore
import NIOConcurrencyHelpers

/// The router's routes by path pattern, loaded once the router is built: which methods a path
/// takes, so a request with another method gets 405 and `Allow` instead of 404 (RFC 9110 §15.5.6).
final class RouteTable: Sendable {
    private let patterns = NIOLockedValueBox<[(segments: [Substring], methods: Set<String>)]>([])

    func load(_ routes: [(path: String, method: String)]) {
        var byPath: [String: Set<String>] = [:]
        for r in routes { byPath[r.path, default: []].insert(r.method) }
        patterns.withLockedValue { list in
            list = byPath.map { (Self.segments($0.key), $0.value) }
        }
    }

    /// The methods routes of `path` accept (empty: no route has this path).
    func methods(for path: String) -> Set<String> {
        let parts = Self.segments(path)
        return patterns.withLockedValue { list in
            list.filter { Self.matches($0.segments, parts) }.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
        }
    }

    static func segments(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }

    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        if pattern.last == "**" {
            return path.count >= pattern.count - 1 && zip(pattern.dropLast(), path).allSatisfy(segmentMatches)
        }
        return pattern.count == path.count && zip(pattern, path).allSatisfy(segmentMatches)
    }

    static func segmentMatches(_ p: Substring, _ s: Substring) -> Bool {
        p == s || p.hasPrefix(":") || p == "*" || (p.hasPrefix("{") && p.hasSuffix("}"))
    }
}

/// Turns the router's 404 for a known path with an undeclared method into 405 with `Allow`.
/// A handler's own 404 (an account that does not exist: `ProblemDetails`) is left as it is.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = KizashiRequestContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            var allowed = table.methods(for: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            if allowed.contains("GET") { allowed.insert("HEAD") }
            var problem = ProblemDetails(
                status: .methodNotAllowed, title: "Method not allowed",
                detail:
                    "\(request.method.rawValue) is not allowed here; use \(allowed.sorted().joined(separator: ", ")).")
            problem.allow = allowed.sorted().joined(separator: ", ")
            throw problem
        }
    }
}
