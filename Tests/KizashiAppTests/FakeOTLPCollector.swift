import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback OTLP/HTTP collector for the trace export tests: it answers every POST with an
/// empty `ExportTraceServiceResponse` (zero protobuf bytes) and records the requests. The tests
/// only search the protobuf bytes for strings: a span's name and attributes are UTF-8 in them.
final class FakeOTLPCollector: @unchecked Sendable {
    struct Received: Sendable {
        var method: String
        var uri: String
        var contentType: String?
        var body: [UInt8]

        func contains(_ text: String) -> Bool {
            let needle = Array(text.utf8)
            guard !needle.isEmpty, body.count >= needle.count else { return false }
            for start in 0...(body.count - needle.count) where body[start..<start + needle.count].elementsEqual(needle)
            {
                return true
            }
            return false
        }
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var channel: Channel?
    var port: Int { channel?.localAddress?.port ?? 0 }
    var requests: [Received] { lock.withLock { received } }

    /// Listens on 127.0.0.1 at `port` (0: any free port).
    func start(port: Int = 0) async throws {
        let collector = self
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { ch in
                ch.pipeline.configureHTTPServerPipeline().flatMap {
                    ch.pipeline.addHandler(Exchange(collector: collector))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
    }

    func stop() async { try? await channel?.close() }

    /// Waits until a request satisfies `match`; true when one did within `seconds`.
    func waitFor(seconds: Double = 30, _ match: (Received) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if requests.contains(where: match) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return requests.contains(where: match)
    }

    fileprivate func record(_ r: Received) { lock.withLock { received.append(r) } }

    private final class Exchange: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let collector: FakeOTLPCollector
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(collector: FakeOTLPCollector) { self.collector = collector }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(var chunk):
                body += chunk.readBytes(length: chunk.readableBytes) ?? []
            case .end:
                guard let head else { return }
                collector.record(
                    .init(
                        method: head.method.rawValue, uri: head.uri,
                        contentType: head.headers.first(name: "Content-Type"),
                        body: body))
                var headers = HTTPHeaders()
                headers.add(name: "Content-Type", value: "application/x-protobuf")
                headers.add(name: "Content-Length", value: "0")
                context.write(
                    wrapOutboundOut(.head(.init(version: head.version, status: .ok, headers: headers))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}
