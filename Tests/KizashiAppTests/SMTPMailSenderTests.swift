import Foundation
import KizashiApp
import KizashiCore
import Testing

/// The review's e-mail against a fake relay on loopback (FakeSMTPRelay): the exchange, STARTTLS
/// required and verified, and the ways a relay can fail or misbehave.
@Suite("SMTP: the review's e-mail", .serialized)
struct SMTPMailSenderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.path("smtp/" + name))))
    }

    static func message(to: String = "ops@example.co.jp") -> MailMessage {
        MailMessage(
            from: "kizashi@example.co.jp", to: [to], subject: "週次レビュー 2026-09",
            text: "# 週次レビュー\n.先頭のドット\n", date: 1_796_601_600, messageId: "m1@kizashi")
    }

    /// The sender with a deadline for a loaded machine (the whole suite runs at once on 2 cores):
    /// the exchanges take milliseconds, the default 30 s is for a real relay.
    static func sender(_ c: SMTPConfiguration) -> SMTPMailSender {
        var s = SMTPMailSender(configuration: c)
        s.timeout = .seconds(180)
        return s
    }

    /// The body of a received message: the base64 lines after the blank line, decoded.
    static func body(_ data: String) -> String? {
        guard let split = data.range(of: "\r\n\r\n") else { return nil }
        let b64 = data[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: b64).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the URL: defaults, and every refusal names its reason")
    func configuration() throws {
        let c = try SMTPConfiguration(url: "smtp://relay.example.co.jp?from=kizashi@example.co.jp")
        #expect(c.port == 587 && c.security == .startTLS && c.username == nil && c.from == "kizashi@example.co.jp")
        let s = try SMTPConfiguration(url: "smtps://u:p%40ss@relay.example.co.jp?from=k@example.co.jp")
        #expect(s.port == 465 && s.security == .implicitTLS && s.username == "u" && s.password == "p@ss")
        let local = try SMTPConfiguration(url: "smtp://127.0.0.1:2525?starttls=off&from=k@example.co.jp")
        #expect(local.security == .none && local.port == 2525)
        for (url, reason) in [
            ("smtp://relay.example.com:25?starttls=off&from=k@example.co.jp", "loopback"),
            ("smtp://u:p@127.0.0.1?starttls=off&from=k@example.co.jp", "without TLS"),
            ("smtp://relay.example.com", "from="),
            ("smtp://relay.example.com?from=not-an-address", "from="),
            ("http://relay.example.com?from=k@example.co.jp", "smtp://"),
            ("smtp://relay.example.com?starttls=maybe&from=k@example.co.jp", "starttls=maybe"),
            ("smtp://relay.example.com:70000?from=k@example.co.jp", "port"),
        ] {
            #expect(throws: SMTPConfiguration.Problem.self, "\(url)") { try SMTPConfiguration(url: url) }
            do { _ = try SMTPConfiguration(url: url) } catch let p as SMTPConfiguration.Problem {
                #expect(p.description.contains(reason), "\(url): \(p.description)")
                #expect(!p.description.contains("p@ss"))
            }
        }
    }

    @Test("clear text to a loopback sink: the exchange, the encoded subject, the body in base64")
    func plainExchange() async throws {
        let relay = try FakeSMTPRelay()
        try await relay.start()
        defer { Task { await relay.stop() } }
        let c = try SMTPConfiguration(url: "smtp://127.0.0.1:\(relay.port)?starttls=off&from=kizashi@example.co.jp")
        try await Self.sender(c).send(Self.message())
        let got = relay.snapshot
        #expect(
            got.commands == [
                "EHLO kizashi.local", "MAIL FROM:<kizashi@example.co.jp>", "RCPT TO:<ops@example.co.jp>", "DATA",
                "QUIT",
            ])
        #expect(got.data.count == 1 && got.dataOverTLS == [false])
        let data = got.data[0]
        // RFC 2047: "=?UTF-8?B?" + base64 of the subject's UTF-8 bytes + "?=".
        let subject = Data("週次レビュー 2026-09".utf8).base64EncodedString()
        #expect(data.contains("\r\nSubject: =?UTF-8?B?\(subject)?=\r\n"))
        #expect(data.hasPrefix("From: kizashi@example.co.jp\r\nTo: ops@example.co.jp\r\n"))
        // 1,796,601,600 s = 20,794 days + 0 s; day 20,794 after 1970-01-01 is 2026-12-07, a Monday.
        #expect(data.contains("\r\nDate: Mon, 07 Dec 2026 00:00:00 +0000\r\n"))
        #expect(data.contains("\r\nContent-Transfer-Encoding: base64\r\n"))
        // The body's line breaks are CRLF; the leading "." is safe inside base64.
        #expect(Self.body(data) == "# 週次レビュー\r\n.先頭のドット\r\n")
    }

    @Test("STARTTLS: required, the certificate verified against the given CA, AUTH only inside TLS")
    func startTLS() async throws {
        let cert = try Self.fixture("localhost-cert.pem"), key = try Self.fixture("localhost-key.pem")
        let relay = try FakeSMTPRelay(certificatePEM: cert, keyPEM: key)
        try await relay.start()
        defer { Task { await relay.stop() } }
        var c = try SMTPConfiguration(url: "smtp://mailer:s3cret@localhost:\(relay.port)?from=kizashi@example.co.jp")
        c.extraTrustRootsPEM = cert
        try await Self.sender(c).send(Self.message())
        let got = relay.snapshot
        // base64("\0mailer\0s3cret") = "AG1haWxlcgBzM2NyZXQ=".
        #expect(
            got.commands == [
                "EHLO kizashi.local", "STARTTLS", "EHLO kizashi.local", "AUTH PLAIN AG1haWxlcgBzM2NyZXQ=",
                "MAIL FROM:<kizashi@example.co.jp>", "RCPT TO:<ops@example.co.jp>", "DATA", "QUIT",
            ])
        #expect(got.dataOverTLS == [true])

        // The same relay, its certificate not trusted: nothing is sent, no password leaves.
        let before = relay.snapshot.commands.count
        let untrusted = try SMTPConfiguration(url: "smtp://mailer:s3cret@localhost:\(relay.port)?from=k@example.co.jp")
        await #expect(throws: (any Error).self) {
            try await Self.sender(untrusted).send(Self.message())
        }
        let after = relay.snapshot.commands.dropFirst(before)
        #expect(!after.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
    }

    @Test("a relay without STARTTLS is refused before any MAIL; so is data injected before TLS")
    func refusals() async throws {
        let plain = try FakeSMTPRelay()
        try await plain.start()
        defer { Task { await plain.stop() } }
        let c = try SMTPConfiguration(url: "smtp://localhost:\(plain.port)?from=k@example.co.jp")
        do {
            try await Self.sender(c).send(Self.message())
            Issue.record("sent without TLS")
        } catch {
            #expect("\(error)".contains("does not offer STARTTLS"))
        }
        #expect(!plain.snapshot.commands.contains { $0.hasPrefix("MAIL") })

        let cert = try Self.fixture("localhost-cert.pem"), key = try Self.fixture("localhost-key.pem")
        let injecting = try FakeSMTPRelay(certificatePEM: cert, keyPEM: key, inject: "250 injected")
        try await injecting.start()
        defer { Task { await injecting.stop() } }
        var ci = try SMTPConfiguration(url: "smtp://localhost:\(injecting.port)?from=k@example.co.jp")
        ci.extraTrustRootsPEM = cert
        do {
            try await Self.sender(ci).send(Self.message())
            Issue.record("accepted data injected before TLS")
        } catch {
            // Read with the 220 → refused by the client; arriving a moment later → it reaches the
            // TLS handshake, which fails. Either way nothing was sent.
            let text = "\(error)"
            #expect(text.contains("before TLS") || text.contains("handshake"), "\(text)")
        }
        #expect(!injecting.snapshot.commands.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
    }

    @Test("a refused recipient is an error with the relay's reply; a silent relay times out")
    func failures() async throws {
        let relay = try FakeSMTPRelay(refuse: ["gone@example.co.jp"])
        try await relay.start()
        defer { Task { await relay.stop() } }
        let c = try SMTPConfiguration(url: "smtp://127.0.0.1:\(relay.port)?starttls=off&from=k@example.co.jp")
        do {
            try await Self.sender(c).send(Self.message(to: "gone@example.co.jp"))
            Issue.record("a refused recipient was reported as sent")
        } catch {
            #expect("\(error)".contains("550"))
        }
        #expect(relay.snapshot.data.isEmpty)

        let silent = try FakeSMTPRelay(silent: true)
        try await silent.start()
        defer { Task { await silent.stop() } }
        var sender = SMTPMailSender(
            configuration: try SMTPConfiguration(
                url: "smtp://127.0.0.1:\(silent.port)?starttls=off&from=k@example.co.jp"))
        sender.timeout = .seconds(1)
        // The deadline's own error (no wall-clock bound: the suite shares 2 cores).
        do {
            try await sender.send(Self.message())
            Issue.record("a silent relay was reported as sent")
        } catch {
            #expect("\(error)".contains("did not finish"))
        }
    }
}
