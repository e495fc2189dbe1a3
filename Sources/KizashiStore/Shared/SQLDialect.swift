/// What differs between the backends' SQL in the statements they share: the placeholders, a
/// case-insensitive comparison (`StoredSQL`), and the lock that serialises a few writes.
/// Everything else in a shared statement is SQL both understand alike.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The n-th (1-based) parameter.
    func placeholder(_ n: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(n)"
        }
    }

    /// A statement that holds a lock on `key` until the transaction ends, so one check-then-write
    /// (the last admin, an alert's cool-down) is one step across every server on the database.
    /// nil on SQLite, whose write transactions already exclude each other (`BEGIN IMMEDIATE`).
    func transactionLock(_ key: Int64) -> StoredSQL? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(\(key))"
        }
    }

    /// `transactionLock` on a key named by text (hashed by the server).
    func transactionLock(named key: String) -> StoredSQL? {
        switch self {
        case .sqlite: nil
        case .postgres: "SELECT pg_advisory_xact_lock(hashtext(\(key)))"
        }
    }
}
