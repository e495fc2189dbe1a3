import KizashiCore

/// Which stored activities a transaction's `upsert(activities:)` calls replaced, so the server's
/// read model can add an import's other rows as new ones, as it does for an event batch,
/// instead of reloading everything (issue 23: the first page after an import).
///
/// A replaced row is *equal* when everything a read model keeps of it is the same: its local
/// day, account, type (the roll-ups), instant (the latest activity) and contact (the engaged
/// contacts). A daily export sends yesterday's rows again; they are equal and change nothing.
public struct ActivityReplacements: Sendable, Equatable {
    /// IDs whose stored row was replaced by an equal row.
    public private(set) var equalIds: Set<String> = []
    /// Whether the transaction wrote activities in a way these do not describe: a replaced row
    /// that differed, a first load (no lookup of old rows), roll-ups rebuilt, or more equal rows
    /// than `limit`. A read model must then reload.
    public private(set) var untracked = false

    /// Equal rows remembered at most; beyond, the transaction is `untracked` (a read model reloads
    /// after so large a change anyway).
    public static let limit = 200_000

    public init() {}

    /// A replaced row: `old` is what was stored, `new` replaces it on local `day` under `account`.
    mutating func replaced(_ old: Kept, by new: Activity, day: Int32, account: Int64) {
        guard !untracked else { return }
        if old == Kept(new, day: day, account: account), equalIds.count < Self.limit {
            equalIds.insert(new.id)
        } else {
            markUntracked()
        }
    }

    /// Rows were written without looking up the rows they replace.
    mutating func markUntracked() {
        untracked = true
        equalIds = []
    }

    /// What a read model keeps of one stored activity.
    struct Kept: Equatable {
        var day: Int32
        var account: Int64
        var type: UInt8
        var occurredAt: Int64
        var contactId: String?

        init(day: Int32, account: Int64, type: UInt8, occurredAt: Int64, contactId: String?) {
            self.day = day
            self.account = account
            self.type = type
            self.occurredAt = occurredAt
            self.contactId = contactId
        }

        /// What is kept of `a`, stored on local `day` under `account`.
        init(_ a: Activity, day: Int32, account: Int64) {
            self.init(
                day: day, account: account, type: UInt8(a.type.index), occurredAt: a.occurredAt.millisecondsSinceEpoch,
                contactId: a.contactId)
        }
    }
}
