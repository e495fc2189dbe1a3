/// A webhook's address as an admin typed it, checked before it is stored or used.
///
/// Only `http` and `https`, a host, no user name or password in the address (they would be sent
/// to whoever runs the host and shown in lists), at most 2,048 bytes. Whether the host is on the
/// public internet is decided when it is resolved (`WebhookGuard`, KizashiApp), at registration
/// and again before every delivery.
public struct WebhookAddress: Sendable, Equatable {
    public var scheme: String
    /// The host as written (brackets removed from an IPv6 literal), lower-cased.
    public var host: String
    public var port: Int
    /// The host when it is an IP literal: no name to resolve.
    public var literal: IPAddress?

    public static let maxLength = 2_048

    public static func parse(_ text: String) -> Result<WebhookAddress, WebhookRefusal> {
        let url = text.trimmingASCIIWhitespace()
        guard !url.isEmpty, url.utf8.count <= maxLength else {
            return .failure(.invalid("the URL must have 1 to \(maxLength) bytes"))
        }
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(
                .invalid("the URL may not contain spaces, control or non-ASCII characters (percent-encode them)"))
        }
        guard let schemeEnd = url.range(of: "://") else {
            return .failure(.invalid("the URL must start with https://"))
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            return .failure(.invalid("only http and https webhooks are supported"))
        }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else {
            return .failure(.invalid("a user name or password in the URL is not allowed"))
        }
        var host = Substring(authority)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return .failure(.invalid("unclosed [ in the host")) }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                return .failure(.invalid("unexpected text after the host"))
            }
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty else { return .failure(.invalid("the URL has no host")) }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let p = Int(portText), (1...65_535).contains(p) else {
                return .failure(.invalid("the port must be a number from 1 to 65535"))
            }
            port = p
        }
        let name = host.lowercased()
        let literal = IPAddress(name)
        if literal == nil {
            // A host name: letters, digits, '-', '.', '_' only (no percent-encoded tricks).
            guard
                name.utf8.allSatisfy({
                    ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
                }),
                !name.hasPrefix("."), !name.contains("..")
            else { return .failure(.invalid("the host \(name) is not a valid host name")) }
        }
        return .success(WebhookAddress(scheme: scheme, host: name, port: port, literal: literal))
    }
}

/// Why a webhook address is refused.
public enum WebhookRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a usable http(s) URL.
    case invalid(String)
    /// It leads to an address that is not on the public internet.
    case notPublic(host: String, reason: String)
    /// The host name did not resolve.
    case unresolved(host: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        case .notPublic(let host, let reason):
            "\(host) is \(reason); webhooks may only go to public internet addresses (start the server with --allow-private-webhooks for receivers on your own network)"
        case .unresolved(let host, let reason): "\(host) does not resolve: \(reason)"
        }
    }
}
