import Crypto
import Foundation

/// Random secrets and their digests: session cookies, CSRF tokens, API tokens, webhook secrets.
public enum Secrets {
    /// `bytes` bytes from the system's CSPRNG (getrandom on Linux), base64url without padding.
    public static func token(bytes: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        ).replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 in hex: what is stored for session ids and API tokens. A fast hash is right here
    /// (unlike passwords): the secrets are 256 random bits, so there is nothing to brute-force.
    public static func digest(_ secret: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares without an early exit, so timing does not reveal how much matched.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
