import Foundation

/// A value computed on first use and then shared by every copy of the struct that holds it
/// (an account list's normalised names, a ranking's full order): value types stay cheap to
/// copy, and the work is done at most once, under a lock, whichever copy asks first.
final class SharedLazy<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    /// The value if some copy has computed it already.
    var ifComputed: Value? { lock.withLock { value } }

    func get(_ make: () -> Value) -> Value {
        lock.withLock {
            if let value { return value }
            let v = make()
            value = v
            return v
        }
    }
}
