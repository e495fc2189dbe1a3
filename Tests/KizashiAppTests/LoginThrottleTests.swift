import KizashiApp
import KizashiCore
import Testing

/// The login throttle on its own, with a fixed clock: reservations before the check, separate
/// buckets, doubling locks, bounded memory.
@Suite("Login throttle")
struct LoginThrottleTests {
    static let t0: Int64 = 1_790_737_200_000
    static func at(_ seconds: Int64) -> Instant { Instant(millisecondsSinceEpoch: t0 + seconds * 1000) }

    static func policy(email: Int = 5, address: Int = 20, keys: Int = 10_000) -> LoginThrottle.Policy {
        var p = LoginThrottle.Policy()
        p.attemptsPerEmail = email
        p.attemptsPerAddress = address
        p.baseLockSeconds = 30
        p.maxLockSeconds = 900
        p.forgetAfterSeconds = 3600
        p.maxTrackedKeys = keys
        return p
    }

    func reservation(_ d: LoginThrottle.Decision) -> LoginThrottle.Reservation? {
        if case .allowed(let r) = d { return r }
        return nil
    }

    @Test("20 guesses reserved before any is checked: exactly 5 get through (the old limiter let all 20 pass)")
    func parallelGuesses() async {
        let throttle = LoginThrottle(policy: Self.policy(email: 5))
        var allowed: [LoginThrottle.Reservation] = []
        var throttled: [Int] = []
        for _ in 0..<20 {
            switch await throttle.reserve(address: "198.51.100.7", email: "Admin@Example.com", now: Self.at(0)) {
            case .allowed(let r): allowed.append(r)
            case .throttled(let s): throttled.append(s)
            }
        }
        #expect(allowed.count == 5)
        // The slots are held by checks in flight: come back in a second.
        #expect(throttled == Array(repeating: 1, count: 15))
        for r in allowed { await throttle.failed(r, now: Self.at(0)) }
        // 5 failures ≥ 5 free attempts: locked for 30 s.
        #expect(
            await throttle.reserve(address: "203.0.113.9", email: "admin@example.com", now: Self.at(1))
                == .throttled(retryAfterSeconds: 29))
    }

    @Test("each failure past the free attempts doubles the lock: 30 s, 60 s, 120 s")
    func doublingLocks() async throws {
        let throttle = LoginThrottle(policy: Self.policy(email: 3))
        let ip = "198.51.100.7", mail = "v@example.com"
        for _ in 0..<3 {
            let r = try #require(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(0))))
            await throttle.failed(r, now: Self.at(0))
        }
        // Third failure at 0 s: locked until 30 s.
        #expect(await throttle.reserve(address: ip, email: mail, now: Self.at(29)) == .throttled(retryAfterSeconds: 1))
        let probe = try #require(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(30))))
        // One probe at a time while past the free attempts.
        #expect(await throttle.reserve(address: ip, email: mail, now: Self.at(30)) == .throttled(retryAfterSeconds: 1))
        await throttle.failed(probe, now: Self.at(30))
        // Fourth failure: 30 × 2 = 60 s from 30 s, so until 90 s.
        #expect(await throttle.reserve(address: ip, email: mail, now: Self.at(31)) == .throttled(retryAfterSeconds: 59))
        let probe2 = try #require(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(90))))
        await throttle.failed(probe2, now: Self.at(90))
        // Fifth: 120 s from 90 s, until 210 s.
        #expect(
            await throttle.reserve(address: ip, email: mail, now: Self.at(91)) == .throttled(retryAfterSeconds: 119))
        // The right password after the lock clears the e-mail's record: the next failure starts from scratch.
        let ok = try #require(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(210))))
        await throttle.succeeded(ok, now: Self.at(210))
        let again = try #require(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(211))))
        await throttle.failed(again, now: Self.at(211))
        #expect(reservation(await throttle.reserve(address: ip, email: mail, now: Self.at(211))) != nil)
    }

    @Test("per e-mail and per address are separate: a victim's e-mail locks from every address, others stay open")
    func separateBuckets() async throws {
        let throttle = LoginThrottle(policy: Self.policy(email: 5, address: 20))
        // Five addresses, one failure each on the victim's e-mail.
        for i in 1...5 {
            let r = try #require(
                reservation(
                    await throttle.reserve(address: "198.51.100.\(i)", email: "victim@example.com", now: Self.at(0))))
            await throttle.failed(r, now: Self.at(0))
        }
        #expect(
            await throttle.reserve(address: "203.0.113.50", email: "victim@example.com", now: Self.at(1))
                == .throttled(retryAfterSeconds: 29))
        // The same addresses may still sign in to other accounts (each has 1 of its 20).
        #expect(
            reservation(await throttle.reserve(address: "198.51.100.1", email: "other@example.com", now: Self.at(1)))
                != nil)
    }

    @Test("one address guessing many e-mails is locked after its 20; a success gives its slot back")
    func addressBucket() async throws {
        let throttle = LoginThrottle(policy: Self.policy(email: 5, address: 3))
        let ip = "198.51.100.7"
        let a = try #require(reservation(await throttle.reserve(address: ip, email: "a@example.com", now: Self.at(0))))
        let b = try #require(reservation(await throttle.reserve(address: ip, email: "b@example.com", now: Self.at(0))))
        let c = try #require(reservation(await throttle.reserve(address: ip, email: "c@example.com", now: Self.at(0))))
        #expect(
            await throttle.reserve(address: ip, email: "d@example.com", now: Self.at(0))
                == .throttled(retryAfterSeconds: 1))
        // a signs in: its slot is refunded; b and c fail: 2 failures of 3.
        await throttle.succeeded(a, now: Self.at(0))
        await throttle.failed(b, now: Self.at(0))
        await throttle.failed(c, now: Self.at(0))
        let d = try #require(reservation(await throttle.reserve(address: ip, email: "d@example.com", now: Self.at(0))))
        await throttle.failed(d, now: Self.at(0))
        // Third failure of the address: locked 30 s, whatever the e-mail.
        #expect(
            await throttle.reserve(address: ip, email: "e@example.com", now: Self.at(0))
                == .throttled(retryAfterSeconds: 30))
    }

    @Test("memory is bounded: 1,000 addresses and e-mails with a cap of 100 keep at most 100 of each")
    func boundedMemory() async throws {
        let throttle = LoginThrottle(policy: Self.policy(email: 5, address: 20, keys: 100))
        for i in 0..<1000 {
            let r = try #require(
                reservation(
                    await throttle.reserve(
                        address: "10.0.\(i / 256).\(i % 256)", email: "u\(i)@example.com", now: Self.at(Int64(i)))))
            await throttle.failed(r, now: Self.at(Int64(i)))
            #expect(await throttle.trackedKeys <= 200)
        }
        #expect(await throttle.trackedKeys <= 200)
    }

    @Test("a locked key survives a flood of new keys (unlocked ones are evicted first)")
    func lockSurvivesFlood() async throws {
        let throttle = LoginThrottle(policy: Self.policy(email: 2, address: 1000, keys: 50))
        for _ in 0..<2 {
            let r = try #require(
                reservation(
                    await throttle.reserve(address: "198.51.100.1", email: "victim@example.com", now: Self.at(0))))
            await throttle.failed(r, now: Self.at(0))
        }
        for i in 0..<500 {
            let r = try #require(
                reservation(
                    await throttle.reserve(address: "198.51.100.2", email: "junk\(i)@example.com", now: Self.at(1))))
            await throttle.failed(r, now: Self.at(1))
        }
        #expect(
            await throttle.reserve(address: "198.51.100.3", email: "victim@example.com", now: Self.at(2))
                == .throttled(retryAfterSeconds: 28))
    }

    @Test("idle keys are forgotten: after the lock and an hour without failures nothing is kept")
    func forgetsIdleKeys() async throws {
        let throttle = LoginThrottle(policy: Self.policy())
        for i in 0..<50 {
            let r = try #require(
                reservation(await throttle.reserve(address: "10.0.0.\(i)", email: "u\(i)@example.com", now: Self.at(0)))
            )
            await throttle.failed(r, now: Self.at(0))
        }
        #expect(await throttle.trackedKeys == 100)
        await throttle.sweep(at: Self.at(3599).millisecondsSinceEpoch)
        #expect(await throttle.trackedKeys == 100)
        await throttle.sweep(at: Self.at(3600).millisecondsSinceEpoch)
        #expect(await throttle.trackedKeys == 0)
    }
}
