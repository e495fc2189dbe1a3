import AsyncHTTPClient
import Foundation
import NIOCore

/// One answer of a CRM API, its body already bounded.
public struct CRMHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The HTTP a CRM sync needs: a POST (HubSpot, Salesforce's token) or a PATCH (Salesforce's
/// collections). An interface so tests use a fake CRM on loopback or a recorder, and the live one
/// is AsyncHTTPClient.
public protocol CRMHTTPClient: Sendable {
    /// Throws when no complete answer came within `timeout` or the body exceeds `maxResponseBytes`.
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration, maxResponseBytes: Int)
        async throws -> CRMHTTPResponse
    /// The same with another method (`PATCH`).
    func send(
        method: String, url: String, headers: [(String, String)], body: [UInt8], timeout: Duration,
        maxResponseBytes: Int
    ) async throws -> CRMHTTPResponse
}

/// Why a client that only POSTs was asked for another method.
public struct CRMHTTPMethodNotSupported: Error, CustomStringConvertible {
    public var method: String
    public var description: String { "this HTTP client cannot send \(method)" }
}

extension CRMHTTPClient {
    /// A client written for POST only (HubSpot's recorders) sends POST and refuses the rest.
    public func send(
        method: String, url: String, headers: [(String, String)], body: [UInt8], timeout: Duration,
        maxResponseBytes: Int
    ) async throws -> CRMHTTPResponse {
        guard method == "POST" else { throw CRMHTTPMethodNotSupported(method: method) }
        return try await post(
            url: url, headers: headers, body: body, timeout: timeout, maxResponseBytes: maxResponseBytes)
    }
}

/// AsyncHTTPClient with redirects refused: a redirect would carry the bearer token elsewhere.
public final class LiveCRMHTTPClient: CRMHTTPClient {
    private let client: HTTPClient

    public init() {
        var c = HTTPClient.Configuration()
        c.redirectConfiguration = .disallow
        c.timeout = .init(connect: .seconds(10), read: .seconds(60))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: c)
    }

    public func post(
        url: String, headers: [(String, String)], body: [UInt8], timeout: Duration, maxResponseBytes: Int
    ) async throws -> CRMHTTPResponse {
        try await send(
            method: "POST", url: url, headers: headers, body: body, timeout: timeout, maxResponseBytes: maxResponseBytes
        )
    }

    public func send(
        method: String, url: String, headers: [(String, String)], body: [UInt8], timeout: Duration,
        maxResponseBytes: Int
    ) async throws -> CRMHTTPResponse {
        var request = HTTPClientRequest(url: url)
        switch method {
        case "POST": request.method = .POST
        case "PATCH": request.method = .PATCH
        default: throw CRMHTTPMethodNotSupported(method: method)
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(max(1, timeout.components.seconds)))
        let buffer = try await response.body.collect(upTo: maxResponseBytes)
        return CRMHTTPResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
    }

    deinit { try? client.syncShutdown() }
}

/// How a sync waits before retrying after a 429: an interface so tests record the waits instead
/// of sleeping.
public protocol CRMSyncPause: Sendable {
    func wait(seconds: Int) async throws
}

public struct LiveCRMSyncPause: CRMSyncPause {
    public init() {}
    public func wait(seconds: Int) async throws { try await Task.sleep(for: .seconds(seconds)) }
}
