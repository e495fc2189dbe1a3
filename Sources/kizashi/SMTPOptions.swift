import ArgumentParser
import Foundation
import KizashiApp

/// `--smtp` and `--smtp-ca` of `kizashi serve` and `kizashi digest send`: the review's mail relay.
struct SMTPOptions: ParsableArguments {
    @Option(
        help: """
            Mail relay of the review: smtp://user:password@host:587?from=ADDRESS (STARTTLS required) or \
            smtps://…; default $KIZASHI_SMTP_URL, which keeps the password out of the process list.
            """)
    var smtp: String?
    @Option(help: "PEM file of CA certificates the SMTP relay's certificate may chain to, besides the system's.")
    var smtpCa: String?

    /// The relay, or nil when none is given.
    func configuration() throws -> SMTPConfiguration? {
        guard let url = smtp ?? ProcessInfo.processInfo.environment["KIZASHI_SMTP_URL"], !url.isEmpty else {
            if smtpCa != nil { throw ValidationError("--smtp-ca needs --smtp (or KIZASHI_SMTP_URL)") }
            return nil
        }
        do {
            var relay = try SMTPConfiguration(url: url)
            if let smtpCa {
                // A CA bundle is a few KiB; more than 1 MiB is not one.
                guard let file = FileHandle(forReadingAtPath: smtpCa),
                    let pem = try file.read(upToCount: (1 << 20) + 1), pem.count <= 1 << 20
                else { throw ValidationError("--smtp-ca \(smtpCa): not a readable file of at most 1 MiB") }
                relay.extraTrustRootsPEM = Array(pem)
            }
            return relay
        } catch let p as SMTPConfiguration.Problem {
            throw ValidationError("--smtp: \(p.description)")
        }
    }
}
