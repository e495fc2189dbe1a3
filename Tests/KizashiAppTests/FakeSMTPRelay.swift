import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal SMTP relay on loopback for the mail tests: it speaks the RFC 5321 exchange
/// `SMTPMailSender` uses (EHLO, STARTTLS when it has a certificate, AUTH PLAIN, MAIL, RCPT,
/// DATA, QUIT), records what it was sent, and refuses the recipients it is told to.
final class FakeSMTPRelay: @unchecked Sendable {
    struct Received: Sendable {
        var commands: [String] = []
        var data: [String] = []
        /// Whether each DATA arrived after STARTTLS.
        var dataOverTLS: [Bool] = []
    }

    private let lock = NSLock()
    private var received = Received()
    let refuse: Set<String>
    let offerTLS: NIOSSLContext?
    /// Sent right after the 220 of STARTTLS in clear text (an injection the client must refuse).
    let injectAfterStartTLS: String?
    /// Accepts connections and never answers (a stuck relay).
    let silent: Bool
    private var channel: Channel?
    var port: Int { channel?.localAddress?.port ?? 0 }

    init(
        refuse: Set<String> = [], certificatePEM: [UInt8]? = nil, keyPEM: [UInt8]? = nil, inject: String? = nil,
        silent: Bool = false
    ) throws {
        self.refuse = refuse
        self.silent = silent
        if let certificatePEM, let keyPEM {
            let config = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(certificatePEM).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem)))
            offerTLS = try NIOSSLContext(configuration: config)
        } else {
            offerTLS = nil
        }
        injectAfterStartTLS = inject
    }

    var snapshot: Received { lock.withLock { received } }
    func record(_ f: (inout Received) -> Void) { lock.withLock { f(&received) } }

    func start() async throws {
        let relay = self
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(Session(relay: relay)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async {
        try? await channel?.close()
    }

    final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let relay: FakeSMTPRelay
        var buffer: [UInt8] = []
        var inData = false
        var dataLines: [String] = []
        var tls = false

        init(relay: FakeSMTPRelay) { self.relay = relay }

        func channelActive(context: ChannelHandlerContext) {
            if !relay.silent { send(context, "220 fake.relay ESMTP ready") }
        }

        func send(_ context: ChannelHandlerContext, _ line: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            buffer += bytes.readBytes(length: bytes.readableBytes) ?? []
            while let lf = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<lf])
                buffer.removeSubrange(...lf)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                handle(context, String(decoding: line, as: UTF8.self))
            }
        }

        func handle(_ context: ChannelHandlerContext, _ line: String) {
            if inData {
                if line == "." {
                    inData = false
                    let text = dataLines.joined(separator: "\r\n")
                    let overTLS = tls
                    relay.record {
                        $0.data.append(text)
                        $0.dataOverTLS.append(overTLS)
                    }
                    dataLines = []
                    send(context, "250 queued")
                } else {
                    dataLines.append(line)
                }
                return
            }
            relay.record { $0.commands.append(line) }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                var caps = ["250-fake.relay", "250-AUTH PLAIN LOGIN"]
                if relay.offerTLS != nil && !tls { caps.append("250-STARTTLS") }
                caps.append("250 SIZE 10485760")
                for c in caps { send(context, c) }
            } else if upper == "STARTTLS", let ctx = relay.offerTLS {
                send(context, "220 go ahead")
                if let inject = relay.injectAfterStartTLS { send(context, inject) }
                tls = true
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ctx), position: .first)
            } else if upper.hasPrefix("AUTH PLAIN") {
                send(context, "235 ok")
            } else if upper.hasPrefix("MAIL FROM:") {
                send(context, "250 ok")
            } else if upper.hasPrefix("RCPT TO:<") {
                let address = String(line.dropFirst("RCPT TO:<".count).dropLast())
                send(context, relay.refuse.contains(address) ? "550 5.1.1 mailbox unavailable" : "250 ok")
            } else if upper == "DATA" {
                inData = true
                send(context, "354 end with .")
            } else if upper == "QUIT" {
                send(context, "221 bye")
                context.close(promise: nil)
            } else {
                send(context, "502 not implemented")
            }
        }
    }
}
