import AsyncHTTPClient
import Foundation
import KizashiCore
import NIOCore
import NIOHTTP1

/// Posts one webhook body. An interface so the alert service is tested with a fake receiver
/// as well as a real one.
public protocol WebhookSender: Sendable {
    /// Sends; returns the HTTP status. Throws when no answer came within `timeout`.
    func post(
        url: String, to destination: WebhookGuard.Destination, headers: [(String, String)], body: Data,
        timeout: Duration
    ) async throws -> Int
}

/// AsyncHTTPClient, with redirects refused (a 3xx from a public host could point at an internal
/// one) and the connection pinned to the address `WebhookGuard` checked.
public final class HTTPWebhookSender: WebhookSender {
    /// One client per pinned (host, address): AsyncHTTPClient's `dnsOverride` is per client. A
    /// workspace has a handful of webhooks, so this stays small; clients live as long as the sender.
    private let lock = NSLock()
    private nonisolated(unsafe) var clients: [String: HTTPClient] = [:]

    public init() {}

    static func configuration(dnsOverride: [String: String]) -> HTTPClient.Configuration {
        var c = HTTPClient.Configuration()
        c.redirectConfiguration = .disallow
        // A refused connection fails at once instead of being retried until the deadline (which
        // held up a whole round behind one dead webhook).
        c.connectionPool.retryConnectionEstablishment = false
        c.timeout = .init(connect: .seconds(2), read: .seconds(10))
        c.dnsOverride = dnsOverride
        return c
    }

    func client(for destination: WebhookGuard.Destination) -> HTTPClient {
        let key = destination.pinned.map { destination.address.host + "@" + $0.description } ?? ""
        lock.lock()
        defer { lock.unlock() }
        if let c = clients[key] { return c }
        let override = destination.pinned.map { [destination.address.host: $0.description] } ?? [:]
        let c = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.configuration(dnsOverride: override))
        clients[key] = c
        return c
    }

    public func post(
        url: String, to destination: WebhookGuard.Destination, headers: [(String, String)], body: Data,
        timeout: Duration
    ) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let seconds = max(1, timeout.components.seconds)
        let response = try await client(for: destination).execute(request, timeout: .seconds(seconds))
        // Read (and drop) the answer so the connection can be reused; never more than 64 KiB.
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }

    deinit {
        for c in clients.values { try? c.syncShutdown() }
    }
}
