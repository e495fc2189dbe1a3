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
        var headers: [String: String]
        var body: [UInt8]

        func contains(_ text: String) -> Bool { contains(bytes: Array(text.utf8)) }

        /// A span whose name is exactly `name`: OTLP's `Span.name` is field 5, a length-delimited
        /// string, so its bytes are the tag 0x2A, the length (one byte below 128) and the UTF-8.
        func containsSpan(named name: String) -> Bool {
            precondition(name.utf8.count < 128)
            return contains(bytes: [0x2A, UInt8(name.utf8.count)] + Array(name.utf8))
        }

        /// The span id and parent span id of each span named `name`. In a serialized `Span` the fields
        /// come in number order: trace_id (1, 16 bytes), span_id (2, tag 0x12, 8 bytes), trace_state (3,
        /// empty here, so absent), parent_span_id (4, tag 0x22, 8 bytes; absent on a root span), name (5).
        func spans(named name: String) -> [(id: [UInt8], parent: [UInt8]?)] {
            let needle = [0x2A, UInt8(name.utf8.count)] + Array(name.utf8)
            var found: [(id: [UInt8], parent: [UInt8]?)] = []
            guard body.count >= needle.count else { return found }
            for i in 0...(body.count - needle.count) where body[i..<i + needle.count].elementsEqual(needle) {
                if i >= 20, body[i - 10] == 0x22, body[i - 9] == 8, body[i - 20] == 0x12, body[i - 19] == 8 {
                    found.append((Array(body[i - 18..<i - 10]), Array(body[i - 8..<i])))
                } else if i >= 10, body[i - 10] == 0x12, body[i - 9] == 8 {
                    found.append((Array(body[i - 8..<i]), nil))
                }
            }
            return found
        }

        func contains(bytes needle: [UInt8]) -> Bool {
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
                        headers: Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { a, _ in a },
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
