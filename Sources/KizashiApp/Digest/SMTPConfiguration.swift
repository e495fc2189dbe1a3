import Foundation
import KizashiCore

/// The mail relay of `kizashi serve --smtp URL` (or `KIZASHI_SMTP_URL`, which keeps the password
/// out of the process list):
///
/// - `smtp://[user[:password]@]host[:port]?from=kizashi@example.co.jp` — port 587 by default;
///   STARTTLS is required: a relay that does not offer it is refused, never used in clear text.
/// - `smtps://…` — TLS from the first byte (port 465 by default).
/// - `?starttls=off` — clear text, accepted only for a loopback host (a local sink in a test or a
///   relay on the same machine); credentials are never sent in clear text.
///
/// `from` is required: the address the review is sent as.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable { case startTLS, implicitTLS, none }
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: String
    /// PEM certificates trusted besides the system's (`--smtp-ca FILE`), for a company's own CA.
    public var extraTrustRootsPEM: [UInt8]?

    public struct Problem: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
    }

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, from: String,
        extraTrustRootsPEM: [UInt8]? = nil
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.extraTrustRootsPEM = extraTrustRootsPEM
    }

    /// Reads the URL; every problem names the part that is wrong, never the password.
    public init(url text: String) throws {
        guard text.utf8.count <= 2048 else { throw Problem(description: "the SMTP URL is longer than 2048 bytes") }
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased() else {
            throw Problem(description: "the SMTP URL is not a URL (write smtp://user:password@host:587?from=…)")
        }
        guard let host = c.host, !host.isEmpty else { throw Problem(description: "the SMTP URL names no host") }
        let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        switch scheme {
        case "smtp":
            switch query["starttls"]?.lowercased() {
            case nil, "required": security = .startTLS
            case "off":
                guard Self.isLoopback(host) else {
                    throw Problem(
                        description: "starttls=off is accepted only for a loopback host (127.0.0.1, ::1, localhost)")
                }
                security = .none
            case let other?:
                throw Problem(description: "starttls=\(other.prefix(20)) is not known (required or off)")
            }
        case "smtps": security = .implicitTLS
        default: throw Problem(description: "the SMTP URL must start with smtp:// or smtps://")
        }
        self.host = host
        port = c.port ?? (security == .implicitTLS ? 465 : 587)
        guard (1...65_535).contains(port) else { throw Problem(description: "the SMTP port must be 1–65535") }
        username = c.user.flatMap { $0.isEmpty ? nil : $0 }
        password = c.password
        if security == .none && username != nil {
            throw Problem(description: "credentials are never sent without TLS (drop them or use STARTTLS)")
        }
        guard let from = query["from"], DigestDeliverySettings.isPlainAddress(from) else {
            throw Problem(
                description: "the SMTP URL needs ?from=ADDRESS, a plain address such as kizashi@example.co.jp")
        }
        self.from = from
        extraTrustRootsPEM = nil
        for part in [username, password].compactMap({ $0 }) where part.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw Problem(description: "the SMTP credentials contain a line break")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
    }
}
