import Foundation
import KizashiCore

/// One e-mail: plain text, UTF-8. Built by the review's delivery; sent by a `MailSender`.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var text: String
    /// Seconds since 1970: the `Date:` header.
    public var date: Int64
    public var messageId: String

    public init(from: String, to: [String], subject: String, text: String, date: Int64, messageId: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.date = date
        self.messageId = messageId
    }

    /// The message as sent after `DATA` (RFC 5322, MIME): the subject as an RFC 2047 encoded word
    /// and the body in base64, so Japanese passes any relay (no 8BITMIME needed) and no body line
    /// can start with the "." that ends the data. Lines end in CRLF; the final "." is not included.
    public func rendered() -> String {
        var lines = [
            "From: \(from)", "To: \(to.joined(separator: ", "))",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=", "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageId)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64", "",
        ]
        let body = Data(
            text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        .base64EncodedString()
        var i = body.startIndex
        while i < body.endIndex {
            let j = body.index(i, offsetBy: 76, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[i..<j]))
            i = j
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `Mon, 07 Dec 2026 00:00:00 +0000`.
    static func rfc5322Date(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = Day.civil(fromDays: Int(days))
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let wd = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(wd), \(two(Int64(d))) \(months[m - 1]) \(y) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)) +0000"
    }
}

/// Sends e-mail. An interface so the review's delivery is tested with a fake as well as against
/// a real SMTP server (`SMTPMailSender`).
public protocol MailSender: Sendable {
    /// The sender address written in `From:` and `MAIL FROM`.
    var from: String { get }
    /// Sends to every recipient of the message; throws with the server's reply when it refuses.
    func send(_ message: MailMessage) async throws
}
