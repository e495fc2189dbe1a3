import Crypto
import Foundation

/// Random secrets and their digests.
enum Secrets {
    /// `bytes` bytes from the system's CSPRNG (getrandom on Linux), base64url without padding.
    static func token(bytes: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        ).replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 in hex: what is stored for session ids and API tokens. A fast hash is right here
    /// (unlike passwords): the secrets are 256 random bits, so there is nothing to brute-force.
    static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// Compares without an early exit, so timing does not reveal how much matched.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
