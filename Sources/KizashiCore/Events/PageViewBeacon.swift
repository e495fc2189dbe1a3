/// What the public collect endpoint (`POST /api/v1/collect?k=SITE_KEY`) stores of a page view.
///
/// The site key is published in every page's HTML, so anyone can post with it: nothing it sends
/// may claim an identity or a time. The stored event is built from an allow-list — anonymous id,
/// message id, page url/path/title/referrer, the user agent — and every identity field (`userId`,
/// `traits`, `context.traits`, `groupId`, e-mail addresses anywhere) is dropped, so a forged post
/// can at most add an anonymous page view, resolved to a company only through the IP-range table.
/// The day is the server's receive time; the client's `timestamp` is kept only as information
/// (`properties.client_timestamp`), never for the day: a post cannot backdate a view into a
/// closed period.
public enum PageViewBeacon {
    /// How much of the page address is kept (workspace settings `collect.keep_query`,
    /// `collect.max_url_length`; see `CollectorPolicy`).
    public struct Limits: Sendable, Equatable {
        public var keepQuery: Bool
        public var maxURLLength: Int
        public init(keepQuery: Bool = false, maxURLLength: Int = CollectorPolicy.defaultMaxURLLength) {
            self.keepQuery = keepQuery
            self.maxURLLength = maxURLLength
        }
    }

    /// Why a post is refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Anything but a `page` call: a site key is write-only and page-only.
        case notAPageView
        case invalid(String)
        public var description: String {
            switch self {
            case .notAPageView: "a site key can only send page events"
            case .invalid(let reason): reason
            }
        }
    }

    static let maxTitleLength = 300
    static let maxUserAgentLength = 512
    static let maxIdLength = 100
    static let maxClientTimestampLength = 40

    /// The Segment `page` call to ingest, or why the post is refused.
    /// - Parameters:
    ///   - object: the posted JSON, as decoded (untrusted).
    ///   - clientAddress: the address the request came from (trusted-proxy aware), for the IP-range lookup.
    ///   - userAgent: the request's `User-Agent` header.
    ///   - newMessageId: a fresh id, used when the post has no usable `messageId`.
    public static func event(
        from object: Any, clientAddress: String?, userAgent: String?, limits: Limits,
        newMessageId: () -> String
    ) -> Result<[String: Any], Refusal> {
        guard let posted = object as? [String: Any] else {
            return .failure(.invalid("the body must be one JSON object"))
        }
        guard posted["type"] as? String == "page" else { return .failure(.notAPageView) }
        guard let anonymousId = token(posted["anonymousId"]) else {
            return .failure(
                .invalid("anonymousId is required: letters, digits, '-', '_', '.', ':' (at most \(maxIdLength))"))
        }
        let messageId = token(posted["messageId"]) ?? newMessageId()
        let properties = posted["properties"] as? [String: Any] ?? [:]
        let context = posted["context"] as? [String: Any] ?? [:]
        let page = context["page"] as? [String: Any] ?? [:]
        func text(_ key: String) -> String? {
            (properties[key] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? (page[key] as? String)
        }

        var keptPage: [String: Any] = [:]
        if let url = text("url").flatMap({ address($0, limits: limits) }) { keptPage["url"] = url }
        var path = text("path").flatMap { pathOnly($0, limits: limits) }
        if path == nil, let url = keptPage["url"] as? String { path = URLText.path(of: url) }
        if let path { keptPage["path"] = path }
        if let title = text("title") { keptPage["title"] = clipped(title, to: maxTitleLength) }
        if let referrer = text("referrer").flatMap({ address($0, limits: limits) }) { keptPage["referrer"] = referrer }

        var keptProperties = keptPage
        if let t = posted["timestamp"] as? String, !t.isEmpty {
            keptProperties["client_timestamp"] = clipped(t, to: maxClientTimestampLength)
        }
        var keptContext: [String: Any] = ["page": keptPage]
        if let userAgent, !userAgent.isEmpty { keptContext["userAgent"] = clipped(userAgent, to: maxUserAgentLength) }
        if let clientAddress { keptContext["ip"] = clientAddress }
        return .success([
            "type": "page", "messageId": messageId, "anonymousId": anonymousId, "properties": keptProperties,
            "context": keptContext,
        ])
    }

    /// An id a tag generates (a UUID or similar): short, from a small alphabet.
    static func token(_ value: Any?) -> String? {
        guard let s = value as? String, !s.isEmpty, s.utf8.count <= maxIdLength,
            s.utf8.allSatisfy({ isTokenByte($0) })
        else { return nil }
        return s
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            || b == 0x2E || b == 0x3A
    }

    /// An http(s) address without its query and fragment (unless kept), clipped to the limit.
    static func address(_ raw: String, limits: Limits) -> String? {
        let trimmed = raw.trimmingASCIIWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let kept = limits.keepQuery ? URLText.withoutFragment(trimmed) : URLText.withoutQuery(trimmed)
        return clipped(kept, to: limits.maxURLLength)
    }

    static func pathOnly(_ raw: String, limits: Limits) -> String? {
        let trimmed = raw.trimmingASCIIWhitespace()
        guard trimmed.hasPrefix("/") else { return nil }
        return clipped(URLText.withoutQuery(trimmed), to: limits.maxURLLength)
    }

    /// At most `limit` UTF-8 bytes, cut at a character boundary.
    static func clipped(_ s: String, to limit: Int) -> String {
        guard s.utf8.count > limit else { return s }
        var out = ""
        var used = 0
        for ch in s {
            let n = ch.utf8.count
            if used + n > limit { break }
            out.append(ch)
            used += n
        }
        return out
    }
}

/// Small, allocation-light address surgery (Foundation's URL parsing would accept and rewrite
/// more than we want to store).
enum URLText {
    static func withoutQuery(_ s: String) -> String {
        guard let i = s.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return s }
        return String(s[..<i])
    }

    static func withoutFragment(_ s: String) -> String {
        guard let i = s.firstIndex(of: "#") else { return s }
        return String(s[..<i])
    }

    /// `/pricing` of `https://example.com/pricing?x=1`; `/` when the address has no path.
    static func path(of url: String) -> String {
        let bare = withoutQuery(url)
        guard let scheme = bare.range(of: "://") else { return "/" }
        let rest = bare[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
