import Foundation

/// How long an API token lasts after it is made: `90d`, `12h` or `30m` (`kizashi token create
/// --expires-in`, the API's `expires_in`). At least a minute, at most ten years.
public struct TokenLifetime: Sendable, Equatable, CustomStringConvertible {
    public let milliseconds: Int64
    public let text: String
    public static let maximumDays: Int64 = 3650

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ input: String) throws(Invalid) {
        let text = input.trimmingCharacters(in: .whitespaces)
        let usage = "a lifetime is a number and a unit: 90d (days), 12h (hours) or 30m (minutes)"
        guard let unit = text.last, let perUnit = Self.unitMs[unit] else { throw Invalid(description: usage) }
        let digits = text.dropLast()
        // At most 6 digits: 999,999 days in milliseconds still fits an Int64 many times over.
        guard (1...6).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int64(digits), n >= 1
        else { throw Invalid(description: usage) }
        let ms = n * perUnit
        guard ms <= Self.maximumDays * 86_400_000 else {
            throw Invalid(description: "a token can last at most \(Self.maximumDays) days")
        }
        self.milliseconds = ms
        self.text = text
    }

    public var description: String { text }

    /// When a token made at `start` expires.
    public func expiry(from start: Instant) -> Instant {
        Instant(millisecondsSinceEpoch: start.millisecondsSinceEpoch + milliseconds)
    }

    static let unitMs: [Character: Int64] = ["m": 60_000, "h": 3_600_000, "d": 86_400_000]
}
