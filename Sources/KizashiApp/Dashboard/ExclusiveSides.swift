/// Two kinds of work that never overlap — any number of one kind at a time, or of the other —
/// with waiters let in when the other side empties: the read model's dataset reads and event
/// writes (`DashboardData.eventsCommitted` explains why). Held by an actor, which serialises
/// these calls; the actor resumes the continuations it is given back.
struct ExclusiveSides {
    enum Side: Int { case reads = 0, writes = 1 }
    private var running = [0, 0]
    private var waiting: [[CheckedContinuation<Void, Never>]] = [[], []]

    /// Enters `side` at once (true), or not (false: the caller must `wait`). A waiting read
    /// also holds back new writes, so a steady stream of event batches cannot starve a read.
    mutating func tryEnter(_ side: Side) -> Bool {
        let other = 1 - side.rawValue
        guard running[other] == 0, side == .reads || waiting[other].isEmpty else { return false }
        running[side.rawValue] += 1
        return true
    }

    mutating func wait(_ side: Side, _ c: CheckedContinuation<Void, Never>) { waiting[side.rawValue].append(c) }

    /// Leaves `side`; returns the other side's waiters, now entered, to be resumed.
    mutating func leave(_ side: Side) -> [CheckedContinuation<Void, Never>] {
        running[side.rawValue] -= 1
        let other = 1 - side.rawValue
        guard running[side.rawValue] == 0, !waiting[other].isEmpty else { return [] }
        let admitted = waiting[other]
        waiting[other] = []
        running[other] += admitted.count
        return admitted
    }
}
