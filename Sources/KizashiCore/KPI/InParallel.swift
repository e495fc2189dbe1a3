import Dispatch

/// `first()` and `second()` at once, on two threads (two cores when there are), and both results.
///
/// For independent, pure computations only: each closure reads shared values and writes nothing
/// but its own result.
func inParallel<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let results = ParallelResults<A, B>()
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 { results.first = first() } else { results.second = second() }
            }
        }
    }
    guard let a = results.first, let b = results.second else {
        // concurrentPerform returns only after both iterations ran.
        preconditionFailure("a parallel part did not run")
    }
    return (a, b)
}

/// Each slot written by one iteration only, and read after both have ended.
private final class ParallelResults<A, B>: @unchecked Sendable {
    var first: A?
    var second: B?
}
