import KizashiCore

/// Slows password guessing, per client address and per e-mail address, each on its own.
///
/// An attempt is *reserved* before the password is checked (the check takes a quarter of a
/// second): parallel guesses each take a slot, so no more than the allowed number are ever
/// checked. A failure keeps its slot; once a key has used its free attempts it is locked, and
/// every further failure doubles the lock (30 s, 60 s, … up to 15 min by default). A success
/// gives the client address its slot back and clears the e-mail's record.
///
/// Memory is bounded: at most `maxTrackedKeys` keys per kind are kept (plus keys whose attempts
/// are being checked at that moment). Idle keys are swept every thousand attempts; when a table
/// is full the least recently seen unlocked keys go first.
public actor LoginThrottle {
    public struct Policy: Sendable, Equatable {
        /// Failed logins for one e-mail before it is locked.
        public var attemptsPerEmail = 5
        /// Failed logins from one client address (whatever the e-mail) before it is locked.
        public var attemptsPerAddress = 20
        /// The first lock; each further failure doubles it up to `maxLockSeconds`.
        public var baseLockSeconds = 30
        public var maxLockSeconds = 900
        /// A key with no failure for this long, and no lock running, is forgotten.
        public var forgetAfterSeconds = 3600
        /// Keys kept per kind (addresses, e-mails).
        public var maxTrackedKeys = 10_000
        public init() {}
    }

    /// A reserved attempt: settle it with `succeeded` or `failed`.
    public struct Reservation: Sendable, Equatable {
        public let address: String
        public let email: String
    }

    public enum Decision: Sendable, Equatable {
        case allowed(Reservation)
        /// Refused without checking the password; the client may try again after this many seconds.
        case throttled(retryAfterSeconds: Int)
    }

    public let policy: Policy
    private var byAddress: LoginBuckets
    private var byEmail: LoginBuckets
    private var reservationsSinceSweep = 0

    public init(policy: Policy = Policy()) {
        self.policy = policy
        byAddress = LoginBuckets(limit: policy.attemptsPerAddress, policy: policy)
        byEmail = LoginBuckets(limit: policy.attemptsPerEmail, policy: policy)
    }

    /// How many keys are tracked now (addresses + e-mails).
    public var trackedKeys: Int { byAddress.count + byEmail.count }

    public func reserve(address: String, email: String, now: Instant) -> Decision {
        let t = now.millisecondsSinceEpoch
        let email = email.lowercased()
        reservationsSinceSweep += 1
        if reservationsSinceSweep >= 1000 {
            reservationsSinceSweep = 0
            sweep(at: t)
        }
        let waits = [byAddress.wait(address, at: t), byEmail.wait(email, at: t)].compactMap { $0 }
        if let longest = waits.max() { return .throttled(retryAfterSeconds: longest) }
        byAddress.reserve(address, at: t)
        byEmail.reserve(email, at: t)
        return .allowed(Reservation(address: address, email: email))
    }

    /// The password was right: the address gets its slot back, the e-mail's record is cleared.
    public func succeeded(_ r: Reservation, now: Instant) {
        byAddress.release(r.address)
        byEmail.clear(r.email)
    }

    /// The attempt was not decided (the store failed): both slots are given back.
    public func release(_ r: Reservation) {
        byAddress.release(r.address)
        byEmail.release(r.email)
    }

    /// The password was wrong: the slot stays used, and past the free attempts the key is locked.
    public func failed(_ r: Reservation, now: Instant) {
        byAddress.charge(r.address, at: now.millisecondsSinceEpoch)
        byEmail.charge(r.email, at: now.millisecondsSinceEpoch)
    }

    /// Forgets every idle key.
    public func sweep(at t: Int64) {
        byAddress.sweep(at: t)
        byEmail.sweep(at: t)
    }
}
