import Foundation
import KizashiCore
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail through the relay of `SMTPConfiguration` (RFC 5321), one message per call:
/// EHLO, STARTTLS (required unless configured off for a loopback sink), AUTH PLAIN when
/// credentials are given, MAIL/RCPT/DATA, QUIT. The whole exchange is bounded by `timeout`, and
/// every reply by `maxReplyBytes`, so a hostile or stuck relay cannot hold the review loop.
public struct SMTPMailSender: MailSender {
    public let configuration: SMTPConfiguration
    /// The longest one message may take, from connecting to QUIT.
    public var timeout: Duration = .seconds(30)
    /// The name this server gives in EHLO.
    public var heloName = "kizashi.local"
    public var from: String { configuration.from }

    /// The largest reply read (all its lines): a relay sending more is refused.
    static let maxReplyBytes = 16 * 1024

    public struct Refused: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    public func send(_ message: MailMessage) async throws {
        let config = configuration
        let tls = try Self.tlsContext(config)
        let host = config.host
        let sni: String? = Self.isIPAddress(host) ? nil : host
        let connected = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: config.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if config.security == .implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: sni))
                    }
                    let counter = ReceivedBytesCounter()
                    try channel.pipeline.syncOperations.addHandler(counter)
                    return (
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                        NIOLoopBound(counter, eventLoop: channel.eventLoop)
                    )
                }
            }
        let (channel, received) = connected
        let timeout = self.timeout
        let helo = heloName
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Task.sleep(for: timeout)
                channel.channel.close(promise: nil)
                throw Refused(description: "the SMTP relay did not finish within \(timeout)")
            }
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var session = SMTPSession(
                        replies: SMTPReplyReader(iterator: inbound.makeAsyncIterator()), outbound: outbound)
                    try await session.expect(220, "greeting")
                    var capabilities = try await session.command("EHLO \(helo)", expect: 250)
                    if config.security == .startTLS {
                        guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                            throw Refused(
                                description: "the SMTP relay does not offer STARTTLS (refused: no clear text)")
                        }
                        _ = try await session.command("STARTTLS", expect: 220)
                        // Bytes the relay sent before TLS would be read as if protected: refused.
                        // Those the reader holds, and those the channel read but the reader has
                        // not taken yet (queued in the inbound stream): counted on the event
                        // loop, in the same step that puts TLS in front of every later byte.
                        guard session.replies.isEmpty, let tls else {
                            throw Refused(description: "the SMTP relay sent data before TLS started")
                        }
                        let taken = session.replies.taken
                        try await channel.channel.eventLoop.submit {
                            guard received.value.bytes == taken else {
                                throw Refused(description: "the SMTP relay sent data before TLS started")
                            }
                            try channel.channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: sni), position: .first)
                        }.get()
                        capabilities = try await session.command("EHLO \(helo)", expect: 250)
                    }
                    if let user = config.username {
                        guard
                            capabilities.contains(where: {
                                $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN")
                            })
                        else { throw Refused(description: "the SMTP relay does not offer AUTH PLAIN") }
                        let token = Data(([0] + Array(user.utf8) + [0] + Array((config.password ?? "").utf8)))
                            .base64EncodedString()
                        _ = try await session.command("AUTH PLAIN \(token)", expect: 235, shown: "AUTH PLAIN")
                    }
                    _ = try await session.command("MAIL FROM:<\(message.from)>", expect: 250)
                    for to in message.to { _ = try await session.command("RCPT TO:<\(to)>", expect: 250, 251) }
                    _ = try await session.command("DATA", expect: 354)
                    try await session.write(message.rendered() + ".\r\n")
                    try await session.expect(250, "message")
                    _ = try? await session.command("QUIT", expect: 221)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func tlsContext(_ c: SMTPConfiguration) throws -> NIOSSLContext? {
        guard c.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let pem = c.extraTrustRootsPEM {
            tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(pem))]
        }
        return try NIOSSLContext(configuration: tls)
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}

/// Commands and replies of one SMTP exchange.
struct SMTPSession {
    var replies: SMTPReplyReader
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    func write(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    @discardableResult
    mutating func expect(_ code: Int, _ what: String) async throws -> [String] {
        try await expect([code], what)
    }

    mutating func expect(_ codes: [Int], _ what: String) async throws -> [String] {
        let (code, lines) = try await replies.next()
        guard codes.contains(code) else {
            let text = lines.joined(separator: " ").prefix(200)
            throw SMTPMailSender.Refused(description: "the SMTP relay answered \(what) with \(code) \(text)")
        }
        return lines
    }

    /// Sends one command line and reads its reply; `shown` names the command in errors instead
    /// of the line (AUTH carries the password).
    mutating func command(_ line: String, expect codes: Int..., shown: String? = nil) async throws -> [String] {
        try await write(line + "\r\n")
        return try await expect(codes, shown ?? String(line.prefix(60)))
    }
}

/// Reads SMTP replies (`250-…` continuation lines, then `250 …`) from the inbound bytes.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var buffer: [UInt8] = []
    /// Bytes taken from the channel so far (`ReceivedBytesCounter` counts those it read).
    var taken = 0

    /// Nothing received beyond the last reply.
    var isEmpty: Bool { buffer.isEmpty }

    mutating func next() async throws -> (code: Int, lines: [String]) {
        var lines: [String] = []
        var size = 0
        while true {
            let line = try await nextLine()
            size += line.count
            guard size <= SMTPMailSender.maxReplyBytes, line.count >= 3 else {
                throw SMTPMailSender.Refused(description: "the SMTP relay sent a malformed reply")
            }
            guard let code = Int(String(decoding: line.prefix(3), as: UTF8.self)), (200...599).contains(code) else {
                throw SMTPMailSender.Refused(description: "the SMTP relay sent a reply without a code")
            }
            lines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
            if line.count == 3 || line[3] != UInt8(ascii: "-") { return (code, lines) }
        }
    }

    mutating func nextLine() async throws -> [UInt8] {
        while true {
            if let lf = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<lf])
                buffer.removeSubrange(...lf)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            guard buffer.count <= SMTPMailSender.maxReplyBytes else {
                throw SMTPMailSender.Refused(description: "the SMTP relay sent a reply line that is too long")
            }
            guard var chunk = try await iterator.next() else {
                throw SMTPMailSender.Refused(description: "the SMTP relay closed the connection")
            }
            taken += chunk.readableBytes
            buffer += chunk.readBytes(length: chunk.readableBytes) ?? []
        }
    }
}

/// Counts the bytes the channel read, before they reach the inbound stream; only touched on the
/// channel's event loop (`NIOLoopBound`).
final class ReceivedBytesCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    var bytes = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        bytes += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }
}
