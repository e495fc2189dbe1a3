import Dispatch
import Foundation
import HummingbirdBcrypt

/// Hashes and checks passwords. An interface so tests can count verifications; the live one is
/// bcrypt.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
    /// Spends what `verify` spends, with no hash to check against: an unknown e-mail must take
    /// as long as a known one, or response times tell which addresses have accounts.
    func spendVerification(_ password: String) async
}

/// bcrypt (HummingbirdBcrypt), run on a Dispatch thread: a hash blocks its thread for about a
/// quarter of a second at cost 12, which must not stall the cooperative pool.
public final class BcryptPasswordHasher: PasswordHashing, @unchecked Sendable {
    /// log2 of the rounds: 12 in production (about 250 ms here, which makes a stolen hash
    /// expensive to crack). bcrypt accepts 4...31; 16 already takes about 4 s.
    public let cost: UInt8
    public static let allowedCosts: ClosedRange<UInt8> = 4...16
    private let lock = NSLock()
    /// A hash of nothing in particular at `cost`, made on first use (see `spendVerification`).
    private var dummyHash: String?

    public init(cost: UInt8 = 12) {
        // Bcrypt traps outside 4...31: a configuration mistake must not crash a login.
        self.cost = min(max(cost, Self.allowedCosts.lowerBound), Self.allowedCosts.upperBound)
    }

    public func hash(_ password: String) async -> String {
        let cost = cost
        return await Self.offload { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        await Self.offload { Bcrypt.verify(password, hash: hash) }
    }

    public func spendVerification(_ password: String) async {
        // Verifying against a hash of the same cost costs what a real check costs. The first time,
        // making that hash costs the same again (a hash and a verification run the same rounds),
        // so even the first unknown e-mail is not faster.
        let cost = cost
        if let dummy = lock.withLock({ dummyHash }) {
            _ = await Self.offload { Bcrypt.verify(password, hash: dummy) }
        } else {
            let made = await Self.offload { Bcrypt.hash("not a password", cost: cost) }
            lock.withLock { if dummyHash == nil { dummyHash = made } }
        }
    }

    /// The cost of the hash unknown e-mails are checked against (nil before the first): equal
    /// to `cost`, which is what makes both answers take the same time.
    public var comparisonCost: UInt8? { lock.withLock { dummyHash }.flatMap(Self.cost(of:)) }

    /// The cost a hash was made with (`$2b$12$…` → 12), nil when it is not a bcrypt hash.
    public static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("2") else { return nil }
        return UInt8(parts[1])
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: work()) } }
    }
}
